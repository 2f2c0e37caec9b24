"""Factories for the reports' own rows."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from core.models import ExportJob
from tests.agencies.factories import UserFactory


class ExportJobFactory(DjangoModelFactory):
    """A queued CSV export of the innovations table, kept for an hour from now; no file is written."""

    class Meta:
        model = ExportJob

    owner = factory.SubFactory(UserFactory)
    kind = "innovations"
    format = ExportJob.Format.CSV
    filename = "inovasi"
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=1))
