from io import StringIO

import pytest
from django.core.management import call_command

from agencies.models import Agency, AgencyType, RoleAssignment, User
from innovations.models import Innovation, Transition

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Agency.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        Innovation.objects.count(),
        Transition.objects.count(),
    )


def test_seed_demo_builds_ambon_and_bitung_apart_with_real_codes_and_a_second_run_changes_nothing(settings):
    """One test for what needs Ambon's whole demo (the most expensive seed in the suite: each extra run is ~20 s of a
    worker): Ambon's chart and accounts, then Bitung's beside it, then Ambon again, which must create nothing."""
    settings.DEMO_PASSWORD = "demo-pass-2026"
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())

    # The first run already seeds the history: one innovation continued into the next year, one stopped.
    siaga = Innovation.objects.filter(title__startswith="SIAGA Ibu Hamil").order_by("year")
    assert [(i.year, i.state) for i in siaga] == [(2024, "accepted"), (2025, "accepted")]
    assert Innovation.objects.get(title="Guru Kunjung Pulau").running == Innovation.Running.STOPPED
    demo_users = ["admin", "walikota", "kadinkes", "staf.dinkes", "camat.sirimau", "juri1", "juri2"]
    roles = {
        (r.user.username, r.role, r.agency.code if r.agency else None)
        for r in RoleAssignment.objects.filter(user__username__in=demo_users).select_related("user", "agency")
    }
    assert roles == {
        ("admin", "admin", None),
        ("walikota", "reviewer", "ORGANISASI"),
        ("kadinkes", "head", "DINKES"),
        ("staf.dinkes", "staff", "DINKES"),
        ("camat.sirimau", "head", "81.71.02"),
        ("juri1", "evaluator", None),
        ("juri2", "evaluator", None),
    }
    assert User.objects.get(username="kadinkes").check_password("demo-pass-2026")

    call_command("seed_demo", "--region", "71.72", stdout=StringIO())

    assert Agency.objects.get(code="PEMDA", region__code="71.72").name == "Pemerintah Kota Bitung"
    assert Agency.objects.filter(type__slug="kecamatan", kemendagri_code__startswith="71.72").exists()
    regions_of = {
        user.username: sorted({r.region.code for r in user.role_assignments.all()})
        for user in User.objects.prefetch_related("role_assignments__region")
        if user.role_assignments.exists()
    }
    assert {name for name, regions in regions_of.items() if regions != ["81.71"]} == {
        name for name in regions_of if name.endswith(".bitung")
    }
    assert all(regions == ["71.72"] for name, regions in regions_of.items() if name.endswith(".bitung"))
    assert {
        "admin.bitung",
        "walikota.bitung",
        "kadinkes.bitung",
        "staf.dinkes.bitung",
        "juri1.bitung",
        "camat.lembehselatan.bitung",
    } <= set(regions_of)
    assert User.objects.get(username="admin.bitung").is_superuser is False
    assert User.objects.get(username="walikota.bitung").check_password("demo-pass-2026")

    counts_before = _counts()
    out = StringIO()
    call_command("seed_demo", stdout=out)

    assert _counts() == counts_before
    assert "0 agencies created" in out.getvalue()
    kecamatan = Agency.objects.filter(type__slug="kecamatan", region__code="81.71").order_by("kemendagri_code")
    assert [(k.kemendagri_code, k.name) for k in kecamatan] == [
        ("81.71.01", "Kecamatan Nusaniwe"),
        ("81.71.02", "Kecamatan Sirimau"),
        ("81.71.03", "Kecamatan Baguala"),
        ("81.71.04", "Kecamatan Teluk Ambon"),
        ("81.71.05", "Kecamatan Leitimur Selatan"),
    ]
    ambon = Agency.objects.filter(region__code="81.71")
    villages = {slug: ambon.filter(type__slug=slug).count() for slug in ["kelurahan", "desa", "negeri"]}
    assert villages == {"kelurahan": 20, "desa": 8, "negeri": 22}
    nania = Agency.objects.get(kemendagri_code="81.71.03.2005")
    assert (nania.name, nania.parent.name) == ("Negeri Nania", "Kecamatan Baguala")
    assert ambon.filter(type__slug="puskesmas", parent__code="DINKES").count() == 21
    assert 30 <= ambon.filter(depth=1).exclude(type__slug="kecamatan").count() <= 40


def test_seed_demo_of_a_city_without_a_named_camat(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--region", "82.72", stdout=StringIO())

    assert Agency.objects.get(code="PEMDA").name == "Pemerintah Kota Tidore Kepulauan"
    assert Agency.objects.filter(type__slug="kecamatan", kemendagri_code__startswith="82.72").exists()


def test_quota_subjects_are_data_with_the_documented_defaults():
    not_subject = set(AgencyType.objects.filter(subject_to_quota=False).values_list("slug", flat=True))

    assert not_subject == {"bumd", "pemda", "bagian"}  # Setwan is a perangkat daerah (PP 18/2016)


def test_seed_demo_refuses_to_create_known_passwords_in_production(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())

    assert User.objects.count() == 0
