"""Data fixtures kept as rows (tests/snapshots.py): put back exactly as built, and only when that is the same."""

from contextlib import contextmanager

import pytest
from django.db import transaction

from agencies.models import Agency, AgencyChange, AgencyType
from tests.agencies.factories import RegionFactory, agency_type, sub_agency
from tests.snapshots import _Keeper


@contextmanager
def a_test():
    """One test's transaction, rolled back at its end as pytest-django's `db` does."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


class Counted:
    """A build that counts how often it ran."""

    def __init__(self, build):  # type: ignore[no-untyped-def]
        self.runs = 0
        self.build = build

    def __call__(self, **kwargs):  # type: ignore[no-untyped-def]
        self.runs += 1
        return self.build(**kwargs)


def _agencies(region):  # type: ignore[no-untyped-def]
    from agencies import services

    pemda = services.agency_create(by=None, region=region, type=agency_type("pemda"), code="PEMDA", name="Pemda")
    return {"pemda": pemda, "units": [sub_agency(pemda, "dinas", code="DINKES", name="Dinas Kesehatan")]}


def _rows():  # type: ignore[no-untyped-def]
    return (
        list(Agency.objects.order_by("pk").values("pk", "code", "name", "parent_id", "path", "depth", "region_id")),
        list(AgencyChange.objects.order_by("pk").values("pk", "agency_id", "kind", "changes")),
    )


@pytest.mark.django_db
def test_a_kept_build_is_put_back_with_the_same_rows_ids_and_objects():
    build = Counted(_agencies)
    keeper = _Keeper(build)
    with a_test():
        region = RegionFactory()
        built = keeper(region=region)
        rows = _rows()
        # The region comes back with the same id in the next test: a kept `region` fixture does that.
        region_row = {"pk": region.pk, "code": region.code, "name": region.name, "level": region.level}

    with a_test():
        region = RegionFactory(id=region_row["pk"], code=region_row["code"], name=region_row["name"])
        again = keeper(region=region)
        assert build.runs == 1  # put back, not built
        assert _rows() == rows
        assert again["pemda"].pk == built["pemda"].pk
        assert [unit.pk for unit in again["units"]] == [unit.pk for unit in built["units"]]
        assert again["units"][0].parent_id == again["pemda"].pk
        # The id sequence is past the rows put back: the next agency gets a new id.
        later = sub_agency(again["pemda"], "dinas", code="DINDIK", name="Dinas Pendidikan")
        assert later.pk > max(unit.pk for unit in again["units"])


@pytest.mark.django_db
def test_other_arguments_build_again():
    build = Counted(_agencies)
    keeper = _Keeper(build)
    with a_test():
        keeper(region=RegionFactory())
    with a_test():
        keeper(region=RegionFactory(code="71.72", name="Kota Bitung"))  # a region with another id

    assert build.runs == 2


@pytest.mark.django_db
def test_a_build_that_changes_rows_it_did_not_make_is_never_kept():
    def rename_a_type(region):  # type: ignore[no-untyped-def]
        AgencyType.objects.filter(slug="dinas").update(name="Dinas Daerah")
        return _agencies(region)

    build = Counted(rename_a_type)
    keeper = _Keeper(build)
    for _ in range(2):
        with a_test():
            keeper(region=RegionFactory(id=900, code="81.71"))
            assert AgencyType.objects.get(slug="dinas").name == "Dinas Daerah"

    assert build.runs == 2
    assert list(keeper.kept.values()) == [None]


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_always_builds():
    build = Counted(lambda region: {"region": region, "type": agency_type("dinas")})
    keeper = _Keeper(build)
    region = RegionFactory()

    keeper(region=region)
    keeper(region=region)

    assert build.runs == 2
    assert keeper.kept == {}
