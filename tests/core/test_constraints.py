"""core.constraints.OneQueryChecks: a model's check constraints validated in one query, with the same errors as
Django's one query per constraint (`models.Model.validate_constraints`, the reference here)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency
from tests.agencies.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def errors_of(validate, instance) -> dict[str, list[tuple[str, str | None]]] | None:
    """The errors `validate(instance)` raises, as {field: [(message, code)]} in order; None when it passes."""
    try:
        validate(instance)
    except ValidationError as error:
        return {
            field: [(e.message % (e.params or {}), e.code) for e in found] for field, found in error.error_dict.items()
        }
    return None


def django_validate(instance) -> None:
    models.Model.validate_constraints(instance)


def queries_of(validate, instance) -> int:
    with CaptureQueriesContext(connection) as captured:
        errors_of(validate, instance)
    return len(captured)


@pytest.fixture
def agency(region):
    return AgencyFactory(region=region, code="DINKES", name="Dinas Kesehatan")


def test_a_valid_agency_passes_with_one_query_for_its_four_checks(agency):
    agency.kemendagri_code = "81.71"
    agency.active_from = datetime.date(2020, 1, 1)
    assert errors_of(Agency.validate_constraints, agency) is None
    assert errors_of(django_validate, agency) is None
    checks = [c for c in Agency._meta.constraints if isinstance(c, models.CheckConstraint)]
    assert len(checks) == 4
    # In a transaction (a service's, this test's) each check is a savepoint, the query and its release: Django's
    # 4 checks are 12 queries, ours 3; the two unique constraints are 4 in both.
    assert (queries_of(Agency.validate_constraints, agency), queries_of(django_validate, agency)) == (7, 16)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"active_from": datetime.date(2024, 1, 1), "active_until": datetime.date(2023, 1, 1)}, id="dates"),
        pytest.param({"kemendagri_code": "81-71"}, id="code-format"),
        pytest.param({"parent_id": "self"}, id="own-parent"),
        pytest.param({"merged_into_id": "self"}, id="merged-into-self"),
        pytest.param(
            {"kemendagri_code": "8171", "parent_id": "self", "merged_into_id": "self"}, id="three-at-once-in-order"
        ),
        pytest.param({"code": "TAKEN"}, id="unique-code-still-by-django"),
    ],
)
def test_a_broken_constraint_gives_the_same_errors_in_the_same_order_as_django(agency, region, change):
    AgencyFactory(region=region, code="TAKEN", name="Dinas Pendidikan")
    for field, value in change.items():
        setattr(agency, field, agency.pk if value == "self" else value)
    ours, djangos = errors_of(Agency.validate_constraints, agency), errors_of(django_validate, agency)
    assert ours == djangos
    assert ours is not None


def test_an_excluded_field_passes_over_the_checks_that_name_it(agency):
    """As Django does (full_clean(exclude=...)): a condition on an excluded field is not evaluated."""
    agency.active_from, agency.active_until = datetime.date(2024, 1, 1), datetime.date(2023, 1, 1)
    assert errors_of(lambda a: a.validate_constraints(exclude={"active_until"}), agency) is None
    assert errors_of(lambda a: models.Model.validate_constraints(a, exclude={"active_until"}), agency) is None
