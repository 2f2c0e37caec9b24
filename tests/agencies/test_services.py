import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from agencies import services
from agencies.models import Agency, AgencyChange, RoleAssignment
from tests.agencies.factories import AgencyFactory, UserFactory, role, sub_agency

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 1)


def test_agency_create_sets_path_depth_and_records_creation(chart):
    rijali = chart["rijali"]

    assert rijali.path == f"/{chart['pemda'].pk}/{chart['sirimau'].pk}/{rijali.pk}/"
    assert rijali.depth == 2
    assert list(rijali.changes.values_list("kind", flat=True)) == ["created"]
    assert rijali.changes.get().changes["name"] == [None, "Kelurahan Rijali"]


def test_agency_update_records_old_and_new_values(chart):
    reviewer = UserFactory()

    services.agency_update(agency=chart["dinkes"], by=reviewer, note="Perwali 12/2026", name="Dinas Kesehatan Kota")

    change = chart["dinkes"].changes.filter(kind="updated").get()
    assert change.changes == {"name": ["Dinas Kesehatan", "Dinas Kesehatan Kota"]}
    assert (change.changed_by, change.note) == (reviewer, "Perwali 12/2026")


def test_agency_update_without_changes_records_nothing(chart):
    services.agency_update(agency=chart["dinkes"], by=None, name="Dinas Kesehatan")

    assert chart["dinkes"].changes.filter(kind="updated").count() == 0


def test_agency_update_moving_a_subtree_rewrites_every_descendant_path(chart):
    sirimau, rijali, dinkes = chart["sirimau"], chart["rijali"], chart["dinkes"]

    services.agency_update(agency=sirimau, by=None, parent=dinkes)

    sirimau.refresh_from_db()
    rijali.refresh_from_db()
    assert sirimau.path == f"{dinkes.path}{sirimau.pk}/"
    assert rijali.path == f"{dinkes.path}{sirimau.pk}/{rijali.pk}/"
    assert (sirimau.depth, rijali.depth) == (2, 3)


def test_agency_update_refuses_to_place_an_agency_under_its_own_unit(chart):
    with pytest.raises(ValidationError) as exc:
        services.agency_update(agency=chart["sirimau"], by=None, parent=chart["rijali"])

    assert exc.value.message_dict == {
        "parent": ["Instansi tidak bisa ditempatkan di bawah dirinya sendiri atau unit bawahannya."]
    }


def test_agency_create_refuses_a_parent_of_another_region(chart, other_region):
    with pytest.raises(ValidationError) as exc:
        AgencyFactory(region=other_region, parent=chart["pemda"])

    assert exc.value.message_dict["parent"] == ["Instansi induk harus berada di wilayah yang sama."]


def test_agency_merge_moves_units_and_staff_ends_heads_and_records_both_sides(chart):
    disdik, dinkes = chart["disdik"], chart["dinkes"]
    school = sub_agency(disdik, "sekolah", name="SD Negeri 1")
    staff, head = UserFactory(), UserFactory()
    role(staff, "staff", agency=disdik)
    role(head, "head", agency=disdik)

    services.agency_merge(agency=disdik, into=dinkes, effective_date=DAY, by=None, note="Perda 5/2026")

    disdik.refresh_from_db()
    school.refresh_from_db()
    assert (disdik.active_until, disdik.merged_into) == (DAY, dinkes)
    assert school.parent == dinkes and school.path == f"{dinkes.path}{school.pk}/"
    # The old roles end on the merge date, or the day they began if that is later; staff get a new role.
    began = RoleAssignment.objects.filter(user=staff).order_by("id").first().active_from
    assert list(
        RoleAssignment.objects.filter(user=staff).order_by("id").values_list("agency__code", "active_until")
    ) == [
        ("DINDIK", max(DAY, began)),
        ("DINKES", None),
    ]
    assert RoleAssignment.objects.get(user=head).active_until == max(DAY, began)
    assert school.changes.filter(kind="updated").get().changes == {"parent": ["Dinas Pendidikan", "Dinas Kesehatan"]}
    merged = disdik.changes.get(kind="merged")
    assert (merged.related_agency, merged.effective_date, merged.note) == (dinkes, DAY, "Perda 5/2026")
    assert merged.changes == {"units_moved": ["SD Negeri 1"], "staff_moved": 1, "roles_ended": 2}
    assert dinkes.changes.get(kind="absorbed").related_agency == disdik


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("dinkes", "dinkes", "Instansi tidak bisa digabung ke dirinya sendiri."),
        ("sirimau", "rijali", "Instansi tidak bisa digabung ke unit bawahannya sendiri."),
    ],
)
def test_agency_merge_refuses_impossible_targets(chart, source, target, message):
    with pytest.raises(ValidationError) as exc:
        services.agency_merge(agency=chart[source], into=chart[target], effective_date=DAY, by=None)

    assert exc.value.messages == [message]


def test_agency_dissolve_refuses_while_units_remain(chart):
    with pytest.raises(ValidationError) as exc:
        services.agency_dissolve(agency=chart["sirimau"], effective_date=DAY, by=None, note="Perda")

    assert exc.value.messages == ["Pindahkan atau nonaktifkan dulu unit di bawah instansi ini: Kelurahan Rijali."]
    chart["sirimau"].refresh_from_db()
    assert chart["sirimau"].active_until is None


def test_agency_dissolve_then_reactivate_keeps_history(chart):
    user = UserFactory()
    role(user, "staff", agency=chart["disdik"])

    services.agency_dissolve(agency=chart["disdik"], effective_date=DAY, by=None, note="Perda 9/2026")
    services.agency_reactivate(agency=chart["disdik"], by=None)

    chart["disdik"].refresh_from_db()
    assert chart["disdik"].active_until is None
    assert list(chart["disdik"].changes.values_list("kind", flat=True)) == ["reactivated", "dissolved", "created"]
    role_row = RoleAssignment.objects.get(user=user)
    assert role_row.active_until == max(DAY, role_row.active_from)


def test_reactivating_a_merged_agency_is_refused(chart):
    services.agency_merge(agency=chart["disdik"], into=chart["dinkes"], effective_date=DAY, by=None)

    with pytest.raises(ValidationError) as exc:
        services.agency_reactivate(agency=chart["disdik"], by=None)

    assert exc.value.messages == [
        "Instansi yang sudah digabung tidak bisa diaktifkan kembali; instansi tujuan penggabungan yang melanjutkan."
    ]


def test_role_assign_is_idempotent_and_staff_needs_an_agency(chart, region):
    user = UserFactory()

    first = services.role_assign(user=user, role="staff", region_id=region.pk, agency=chart["dinkes"])
    second = services.role_assign(user=user, role="staff", region_id=region.pk, agency=chart["dinkes"])

    assert first == second
    with pytest.raises(ValidationError):
        services.role_assign(user=user, role="head", region_id=region.pk)


def test_database_refuses_a_staff_role_without_agency(region):
    with pytest.raises(IntegrityError):
        RoleAssignment.objects.create(user=UserFactory(), role="staff", region=region)


def test_database_refuses_two_agencies_with_one_code_in_a_region(chart):
    with pytest.raises(IntegrityError):
        Agency.objects.create(region=chart["pemda"].region, type=chart["pemda"].type, code="DINKES", name="X")


def _add_operator(region, agency, **given):
    """`person_add` as the people page calls it for a new operator of `agency`; `given` replaces fields."""
    fields = {
        "username": "staf.pkm",
        "full_name": "Maria Huwae",
        "email": "pkm@ambon.go.id",
        "role": "staff",
        "title": "Operator",
    }
    return services.person_add(region_id=region.pk, agency=agency, by=None, **(fields | given))


def test_person_add_creates_account_without_password_and_role(chart, region):
    user, assignment, created = _add_operator(region, chart["pkm"])

    assert created is True
    assert user.has_usable_password() is False
    assert (assignment.role, assignment.agency, assignment.title) == ("staff", chart["pkm"], "Operator")


def test_history_kinds_are_stable_slugs():
    assert [k.value for k in AgencyChange.Kind] == [
        "created",
        "imported",
        "updated",
        "merged",
        "absorbed",
        "dissolved",
        "reactivated",
    ]


def test_merge_in_the_future_is_refused(chart):
    future = datetime.date.today() + datetime.timedelta(days=30)

    with pytest.raises(ValidationError) as exc:
        services.agency_merge(agency=chart["disdik"], into=chart["dinkes"], effective_date=future, by=None)

    assert exc.value.message_dict == {"effective_date": ["Catat penggabungan pada atau setelah tanggal berlakunya."]}


def test_dissolving_an_agency_keeps_a_reviewer_whose_home_it_was(chart, region):
    reviewer = UserFactory()
    services.role_assign(user=reviewer, role="reviewer", region_id=region.pk, agency=chart["disdik"])

    services.agency_dissolve(agency=chart["disdik"], effective_date=DAY, by=None, note="Perda")

    assert RoleAssignment.objects.get(user=reviewer).active_until is None


def test_person_add_refuses_an_account_of_another_region(chart, other_region, region):
    outsider = UserFactory(username="orang.bitung")
    services.role_assign(user=outsider, role="reviewer", region_id=other_region.pk)

    with pytest.raises(ValidationError) as exc:
        _add_operator(region, chart["dinkes"], username="orang.bitung")

    assert exc.value.message_dict == {"username": ["Nama pengguna ini sudah dipakai. Pilih yang lain."]}
