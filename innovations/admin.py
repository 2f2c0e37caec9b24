"""The register in the Django admin: visible to administrators, changed only through innovations.services."""

from django.contrib import admin

from core.admin import WorkflowRecordAdmin
from innovations.models import Innovation


@admin.register(Innovation)
class InnovationAdmin(WorkflowRecordAdmin):
    list_display = ["title", "agency", "year", "state"]
    list_filter = ["state", "year"]
    list_select_related = ["agency"]
    search_fields = ["title"]
    exclude = ["search"]
