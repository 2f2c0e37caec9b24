"""factory_boy factories of the competition. Rounds, panelists and entries are made through the services, as
the app makes them (stages and criteria from the templates, the `create` transition recorded)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from competition.forms import default_stage_dates
from competition.models import CompetitionCategory, CompetitionGroup, Entry, Panelist, Round
from competition.services.agency import entry_create
from competition.services.organiser import round_create
from competition.services.organiser_panel import panelist_add
from innovations.models import Innovation, State
from tests.agencies.factories import AgencyFactory, RegionFactory, user_with_role

SECTION_TEXT = "Teks bagian proposal yang singkat."


class AcceptedInnovationFactory(DjangoModelFactory):
    """An accepted innovation with every field a proposal is prefilled from, straight into the table (the
    register's workflow is tested in tests/innovations)."""

    class Meta:
        model = Innovation

    agency = factory.SubFactory(AgencyFactory)
    title = factory.Sequence(lambda n: f"Inovasi {n}")
    launch_date = datetime.date(2024, 1, 15)
    year = factory.LazyAttribute(lambda o: o.launch_date.year)
    state = State.ACCEPTED
    summary = SECTION_TEXT
    problem = SECTION_TEXT
    novelty = SECTION_TEXT
    design = SECTION_TEXT
    benefits = SECTION_TEXT
    resources = SECTION_TEXT
    sustainability = SECTION_TEXT
    replicability = SECTION_TEXT
    innovator_names = "Tim Inovasi"


class RoundFactory(DjangoModelFactory):
    """A round whose registration opens today, every category and group, made by `by` (a reviewer of the
    region, the mayor's office, unless given)."""

    class Meta:
        model = Round

    region = factory.SubFactory(RegionFactory)
    by = factory.LazyAttribute(lambda o: user_with_role("reviewer", region=o.region))
    name = "Kompetisi Inovasi 2026"
    year = 2026
    organiser = "Bagian Organisasi"
    stage_dates = factory.LazyFunction(lambda: default_stage_dates(timezone.localdate()))
    categories = factory.LazyFunction(CompetitionCategory.objects.all)
    groups = factory.LazyFunction(CompetitionGroup.objects.all)
    min_years_implemented = Decimal("1.0")
    max_entries_per_agency = 2

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        return round_create(**kwargs)


class PanelistFactory(DjangoModelFactory):
    """An evaluator of the round's region on its panel, put there by the round's creator."""

    class Meta:
        model = Panelist

    round = factory.SubFactory(RoundFactory)
    user = factory.LazyAttribute(lambda o: user_with_role("evaluator", region=o.round.region))
    by = factory.LazyAttribute(lambda o: o.round.created_by)
    affiliation = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        return panelist_add(round_=kwargs.pop("round"), **kwargs)


class EntryFactory(DjangoModelFactory):
    """A draft entry of an accepted innovation in the health category and the general group, made by `by`
    (staff of the innovation's agency unless given)."""

    class Meta:
        model = Entry

    round = factory.SubFactory(RoundFactory)
    innovation = factory.SubFactory(AcceptedInnovationFactory)
    category = factory.LazyFunction(lambda: CompetitionCategory.objects.get(slug="kesehatan"))
    group = factory.LazyFunction(lambda: CompetitionGroup.objects.get(slug="umum"))
    by = factory.LazyAttribute(lambda o: user_with_role("staff", agency=o.innovation.agency))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        return entry_create(round_=kwargs.pop("round"), **kwargs)
