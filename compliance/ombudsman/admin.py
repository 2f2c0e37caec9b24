"""Administration of the data that changes by regulation: the Ombudsman's methods and their band tables."""

from django.contrib import admin

from compliance.ombudsman.models import AssessmentMethod, Band


class BandInline(admin.TabularInline):
    model = Band
    extra = 0


@admin.register(AssessmentMethod)
class AssessmentMethodAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "first_year", "last_year", "scale_min", "scale_max", "has_dimensions")
    inlines = [BandInline]
