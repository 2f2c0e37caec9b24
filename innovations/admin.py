from django.contrib import admin

from innovations.models import Innovation


@admin.register(Innovation)
class InnovationAdmin(admin.ModelAdmin):
    """For looking records up and mending content. The state is read-only here: every change of state goes
    through the workflow (innovations.services), which records the transition and tells the people concerned."""

    list_display = ["title", "agency", "year", "state", "updated"]
    list_filter = ["year", "state"]
    search_fields = ["title", "agency__code"]
    list_select_related = ["agency"]
    raw_id_fields = ["agency", "replication_of", "continued_from", "created_by"]
    readonly_fields = ["state", "first_approved_at"]
