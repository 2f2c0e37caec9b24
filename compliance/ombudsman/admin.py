"""Administration of the data that changes by regulation (the Ombudsman's methods and their band tables), and a
read-only view of improvement notes, which change only through ombudsman.services."""

from django.contrib import admin

from compliance.ombudsman.models import AssessmentMethod, Band, Finding
from core.admin import WorkflowRecordAdmin


class BandInline(admin.TabularInline):
    model = Band
    extra = 0


@admin.register(AssessmentMethod)
class AssessmentMethodAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "first_year", "last_year", "scale_min", "scale_max", "has_dimensions")
    inlines = [BandInline]


@admin.register(Finding)
class FindingAdmin(WorkflowRecordAdmin):
    list_display = ["__str__", "responsible", "state", "due"]
    list_filter = ["state"]
    list_select_related = ["responsible", "assessment"]
