"""The administrators' audit page: every login, failed login, lockout, export, import and role change, newest
first, with filters."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from core.models import AuditEvent
from core.views import paginate


class AuditFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=AuditEvent.Kind.choices, label=_("Event"), empty_label=_("All events"))
    q = django_filters.CharFilter(method="filter_q", label=_("Person or text"), max_length=150)
    ip = django_filters.CharFilter(field_name="ip", label=_("Address"), method="filter_ip", max_length=45)
    since = django_filters.DateFilter(
        method="filter_since", label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    until = django_filters.DateFilter(
        method="filter_until", label=_("Until"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = AuditEvent
        fields = ["kind"]

    def filter_q(self, queryset: QuerySet[AuditEvent], name: str, value: str) -> QuerySet[AuditEvent]:
        return queryset.filter(Q(username__icontains=value) | Q(summary__icontains=value))

    def filter_ip(self, queryset: QuerySet[AuditEvent], name: str, value: str) -> QuerySet[AuditEvent]:
        # An exact match: an address typed in part would need a text cast that cannot use the index.
        try:
            return queryset.filter(ip=forms.GenericIPAddressField().clean(value))
        except forms.ValidationError:
            return queryset.none()

    def filter_since(self, queryset: QuerySet[AuditEvent], name: str, value: datetime.date) -> QuerySet[AuditEvent]:
        return queryset.filter(at__gte=_start_of(value))

    def filter_until(self, queryset: QuerySet[AuditEvent], name: str, value: datetime.date) -> QuerySet[AuditEvent]:
        return queryset.filter(at__lt=_start_of(value + datetime.timedelta(days=1)))


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight of `day` in the site's time zone (WIT), as the administrator reads the dates."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class AuditListView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "core.view_audit"

    def get(self, request: HttpRequest) -> HttpResponse:
        events = AuditFilter(request.GET, queryset=AuditEvent.objects.all())
        page, query = paginate(request, events.qs, ordering=("-at", "-id"))
        context: dict[str, Any] = {"filter": events, "page": page, "query": query}
        return render(request, "core/audit_list.html", context)
