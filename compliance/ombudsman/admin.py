"""Administration of the data that changes by regulation (the Ombudsman's methods and their band tables), and a
read-only view of improvement notes, which change only through ombudsman.services."""

from django.contrib import admin

from compliance.ombudsman.models import AssessmentMethod, Band, Dimension, Finding
from core.admin import WorkflowRecordAdmin


class BandInline(admin.TabularInline):
    model = Band
    extra = 0


class DimensionInline(admin.TabularInline):
    model = Dimension
    extra = 0
    fields = ("order", "slug", "name", "lowest", "highest", "notes")


@admin.register(AssessmentMethod)
class AssessmentMethodAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "first_year", "last_year", "scale_min", "scale_max")
    inlines = [DimensionInline, BandInline]


@admin.register(Finding)
class FindingAdmin(WorkflowRecordAdmin):
    list_display = ["__str__", "responsible", "source_type", "state", "due"]
    list_filter = ["state", "source_type"]
    list_select_related = ["responsible", "assessment"]
