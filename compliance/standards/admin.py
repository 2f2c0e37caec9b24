"""Administration of the data that changes by regulation: the regulations and their components."""

from django.contrib import admin

from compliance.standards.models import Component, Regulation


class ComponentInline(admin.TabularInline):
    model = Component
    extra = 0


@admin.register(Regulation)
class RegulationAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "first_year", "review_months")
    inlines = [ComponentInline]
