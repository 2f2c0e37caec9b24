"""Entries and reviews in the Django admin: visible to administrators, changed only through competition.services;
and the competition's lists kept as data: groups with their own minimum age, and the innovations' earlier awards."""

from django.contrib import admin

from competition.models import Award, CompetitionGroup, Entry, PassingGrade, Review, Stage
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


@admin.register(PassingGrade)
class PassingGradeAdmin(admin.ModelAdmin):
    """The passing grade each scored stage of a new round takes, from a year on."""

    list_display = ("kind", "from_year", "grade", "source")


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    """One round's stage: its passing grade can be changed here (dates and overrides have their own pages)."""

    list_display = ("round", "kind", "opens_on", "closes_on", "passing_grade")
    list_filter = ("kind",)
    list_select_related = ("round",)
    fields = ("round", "kind", "passing_grade")
    readonly_fields = ("round", "kind")
