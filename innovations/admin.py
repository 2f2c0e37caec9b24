"""The catalogue's settings as data an administrator can see and correct: each region's sharing choice and its
yearly "still running?" dates. Records themselves change only through the services (their history)."""

from django.contrib import admin

from innovations.models import CatalogueSetting, RunningRound


@admin.register(CatalogueSetting)
class CatalogueSettingAdmin(admin.ModelAdmin):
    list_display = ("region", "open_to_other_regions", "updated")
    list_filter = ("open_to_other_regions",)


@admin.register(RunningRound)
class RunningRoundAdmin(admin.ModelAdmin):
    list_display = ("region", "year", "opens_on", "due_on", "remind_days_before")
    list_filter = ("year",)
