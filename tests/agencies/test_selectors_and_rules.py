import datetime

import pytest

from agencies import selectors
from agencies.models import Agency, RoleAssignment

pytestmark = pytest.mark.django_db


def test_agencies_visible_to_is_the_users_regions(people, chart):
    ambon = set(Agency.objects.filter(region=chart["pemda"].region).values_list("code", flat=True))

    assert set(selectors.agencies_visible_to(people["staff"]).values_list("code", flat=True)) == ambon
    assert list(selectors.agencies_visible_to(people["outsider"]).values_list("name", flat=True)) == [
        "Dinas Kesehatan Bitung"
    ]


def test_a_user_without_role_sees_no_agency(db, chart):
    from tests.agencies.factories import UserFactory

    assert selectors.agencies_visible_to(UserFactory()).count() == 0


def test_a_camat_leads_the_kelurahan_of_the_kecamatan(people, chart):
    led = set(selectors.agency_ids_led_by(people["camat"]).values_list("name", flat=True))

    assert led == {"Kecamatan Sirimau", "Kelurahan Rijali"}


def test_an_ended_role_gives_no_access(people, chart):
    RoleAssignment.objects.filter(user=people["staff"]).update(
        active_until=datetime.date.today() - datetime.timedelta(days=1)
    )
    selectors.forget_roles(people["staff"])

    assert selectors.agencies_visible_to(people["staff"]).count() == 0


PERMISSION_MATRIX = {
    # user: (view DINKES, change DINKES, import anywhere, grant manager roles)
    "admin": (True, True, True, True),
    "reviewer": (True, True, True, False),
    "head": (True, False, False, False),
    "staff": (True, False, False, False),
    "evaluator": (True, False, False, False),
    "outsider": (False, False, False, False),
}


@pytest.mark.parametrize("who", PERMISSION_MATRIX)
def test_named_permissions_per_role(people, chart, who):
    user, dinkes = people[who], chart["dinkes"]

    got = (
        user.has_perm("agencies.view_agency", dinkes),
        user.has_perm("agencies.change_agency", dinkes),
        user.has_perm("agencies.import_agencies", None),
        user.has_perm("agencies.grant_manager_roles", dinkes),
    )

    assert got == PERMISSION_MATRIX[who]


def test_a_reviewer_of_one_region_cannot_change_another_region(people, other_region):
    bitung = Agency.objects.get(region=other_region)

    assert people["reviewer"].has_perm("agencies.change_agency", bitung) is False
