"""Entries and reviews in the Django admin: visible to administrators, changed only through competition.services;
and the competition's lists kept as data: groups with their own minimum age, and the innovations' earlier awards."""

from django.contrib import admin

from competition.models import Award, CompetitionGroup, Entry, Review
from core.admin import WorkflowRecordAdmin


@admin.register(Entry)
class EntryAdmin(WorkflowRecordAdmin):
    list_display = ["innovation", "agency", "round", "state", "stage"]
    list_filter = ["state"]
    list_select_related = ["innovation", "agency", "round", "stage"]


@admin.register(Review)
class ReviewAdmin(WorkflowRecordAdmin):
    list_display = ["entry", "stage", "panelist", "state", "total"]
    list_filter = ["state"]
    list_select_related = ["entry__innovation", "stage", "panelist__user"]


@admin.register(CompetitionGroup)
class CompetitionGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "is_replication", "min_years", "active", "sort_order")
    list_editable = ("min_years", "active")


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    """Earlier awards (regional and national KIPP), which the eligibility check reads."""

    list_display = ("innovation", "year", "level", "title", "note")
    list_filter = ("level", "year")
    search_fields = ("innovation__title", "title")
    autocomplete_fields = ("innovation",)
    list_select_related = ("innovation",)
