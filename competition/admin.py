"""The competition's lists kept as data, for the administrator: groups with their own minimum age."""

from django.contrib import admin

from competition.models import CompetitionGroup


@admin.register(CompetitionGroup)
class CompetitionGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "is_replication", "min_years", "active", "sort_order")
    list_editable = ("min_years", "active")
