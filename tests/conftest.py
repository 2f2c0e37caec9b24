import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.plugin import blocking_manager_key
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agencies.models import Agency, Region, User
from agencies.twofactor import two_factor_required
from tests import seeds
from tests.agencies.factories import AgencyFactory, RegionFactory, agency_type, area_office, sub_agency, user_with_role
from tests.snapshots import kept


@pytest.fixture(autouse=True)
def _indonesian():
    """Every test starts in the project's default language, whatever an earlier test switched to."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()  # the test cache has a Redis database of its own (config.settings.test)
    yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as migrate left it, with a copy of what the migrations seeded for `seeds.reseed`."""
    with django_db_blocker.unblock():
        seeds.snapshot()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After a test that ends by emptying every table (its fixtures torn down, the flush done), put back the
    rows seeded by data migrations for the tests that follow. Other tests roll back and never lose them.
    After the last test the test database is already gone (session fixtures end in its teardown)."""
    try:
        return (yield)
    finally:
        if nextitem is not None and seeds.empties_the_database(item):
            with item.config.stash[blocking_manager_key].unblock():
                seeds.reseed()


@pytest.fixture
@kept
def region(db) -> Region:
    return RegionFactory()


@pytest.fixture
@kept
def other_region(db) -> Region:
    return RegionFactory(code="71.72", name="Kota Bitung")


@pytest.fixture
@kept
def chart(region):
    """A small organisation chart: city government, two dinas, a kecamatan with two kelurahan, a puskesmas."""
    pemda = AgencyFactory(region=region, type=agency_type("pemda"), code="PEMDA", name="Pemerintah Kota Ambon")
    dinkes = sub_agency(pemda, "dinas", code="DINKES", name="Dinas Kesehatan")
    disdik = sub_agency(pemda, "dinas", code="DINDIK", name="Dinas Pendidikan")
    sirimau = area_office(pemda, "kecamatan", code="81.71.02", name="Kecamatan Sirimau")
    rijali = area_office(sirimau, "kelurahan", code="81.71.02.1011", name="Kelurahan Rijali")
    nusaniwe = area_office(pemda, "kecamatan", code="81.71.01", name="Kecamatan Nusaniwe")
    wainitu = area_office(nusaniwe, "kelurahan", code="81.71.01.1007", name="Kelurahan Wainitu")
    pkm = sub_agency(dinkes, "puskesmas", code="PKM-01", name="Puskesmas Rijali")
    return {
        "pemda": pemda,
        "dinkes": dinkes,
        "disdik": disdik,
        "sirimau": sirimau,
        "rijali": rijali,
        "nusaniwe": nusaniwe,
        "wainitu": wainitu,
        "pkm": pkm,
    }


@pytest.fixture
@kept
def people(chart, region, other_region):
    """One user per role, plus an outsider from another region and a user with no role."""
    outsider_agency = AgencyFactory(region=other_region, code="DINKES", name="Dinas Kesehatan Bitung")
    return {
        "admin": user_with_role("admin", region=region, username="admin"),
        "reviewer": user_with_role("reviewer", region=region, username="walikota"),
        "head": user_with_role("head", agency=chart["dinkes"], username="kadinkes"),
        "staff": user_with_role("staff", agency=chart["dinkes"], username="staf.dinkes"),
        "other_staff": user_with_role("staff", agency=chart["disdik"], username="staf.disdik"),
        "camat": user_with_role("head", agency=chart["sirimau"], username="camat.sirimau"),
        "evaluator": user_with_role("evaluator", region=region, username="juri1"),
        "outsider": user_with_role("staff", agency=outsider_agency, username="staf.bitung"),
    }


@pytest.fixture
def record_assessment(people):
    """Record an Ombudsman assessment as the mayor's office: record(agency, year, method slug, score, zone="")."""
    from decimal import Decimal

    from compliance.ombudsman import services
    from compliance.ombudsman.models import AssessmentMethod

    def record(agency, year, slug, score, zone=""):
        return services.assessment_record(
            agency=agency,
            year=year,
            method=AssessmentMethod.objects.get(slug=slug),
            score=Decimal(score),
            zone=zone,
            by=people["reviewer"],
        )

    return record


def client_for(user: User | None) -> Client:
    """A client logged in as `user`; for a person who must use two-factor authentication (agencies.twofactor),
    past the code step too, as after a real login with the authenticator."""
    client = Client()
    if user is not None:
        client.force_login(user)
        if two_factor_required(user):
            verified_session(client, user)
    return client


def verified_session(client: Client, user: User) -> None:
    """Mark the client's session as verified by an authenticator of `user` (created if missing)."""
    device, _created = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "authenticator"})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def api_for(user: User | None = None, *, token: bool = False) -> APIClient:
    """An API client of `user` (signed in by session, or by a token of theirs when `token`), or anonymous."""
    client = APIClient()
    if user is not None and token:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    elif user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def as_user():
    return client_for


def pytest_configure(config):
    # Browser tests run the sync Playwright API beside the live server in this process.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


__all__ = ["Agency"]
