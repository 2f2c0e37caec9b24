"""The register in the Django admin: visible to administrators, changed only through innovations.services; and the
catalogue's settings as data an administrator can see and correct (each region's sharing choice and its yearly
"still running?" dates)."""

from django.contrib import admin

from core.admin import WorkflowRecordAdmin
from innovations.models import CatalogueSetting, Innovation, RunningRound


@admin.register(Innovation)
class InnovationAdmin(WorkflowRecordAdmin):
    list_display = ["title", "agency", "year", "state", "updated"]
    list_filter = ["year", "state"]
    list_select_related = ["agency"]
    search_fields = ["title", "agency__code"]
    exclude = ["search"]


@admin.register(CatalogueSetting)
class CatalogueSettingAdmin(admin.ModelAdmin):
    list_display = ("region", "open_to_other_regions", "updated")
    list_filter = ("open_to_other_regions",)


@admin.register(RunningRound)
class RunningRoundAdmin(admin.ModelAdmin):
    list_display = ("region", "year", "opens_on", "due_on", "remind_days_before")
    list_filter = ("year",)
