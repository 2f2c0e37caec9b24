"""Quota exemptions in the Django admin: visible to administrators, decided only through quota.services."""

from django.contrib import admin

from compliance.quota.models import QuotaExemption
from core.admin import WorkflowRecordAdmin


@admin.register(QuotaExemption)
class QuotaExemptionAdmin(WorkflowRecordAdmin):
    list_display = ["agency", "year", "reason_kind", "state"]
    list_filter = ["state", "year"]
    list_select_related = ["agency"]
