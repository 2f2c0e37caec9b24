"""The Django admin's view of workflow records: look, never change.

Innovations, competition entries and reviews, improvement notes and quota exemptions change only through their
services, which move them with core.workflow and append a transition row. An admin change form would write the
row with no transition and no notice, so these admins show the record and refuse add, change and delete
(the superuser included: Django asks these methods before it looks at is_superuser).
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from core.models import OutboxMessage


class WorkflowRecordAdmin(admin.ModelAdmin):
    """Read-only admin for a model moved by a core.workflow map."""

    list_per_page = 50
    show_full_result_count = False  # a count of every innovation on each admin page costs more than it tells

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(WorkflowRecordAdmin):
    """What waits in the outbox, and why: read-only too, since rows are written by the changes that call for
    them and sent by the relay (core.outbox)."""

    list_display = ("id", "task", "created", "sent_at", "attempts", "last_error")
    list_filter = (("sent_at", admin.EmptyFieldListFilter), "task")
