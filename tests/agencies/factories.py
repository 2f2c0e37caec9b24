"""Factories for the organisation chart. No surprises: each builds exactly what its name says, in one region."""

from typing import Any

import factory
from factory.django import DjangoModelFactory

from agencies import services
from agencies.models import Agency, AgencyType, Region, RoleAssignment, User


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "81.71"
    name = "Kota Ambon"
    level = Region.Level.CITY


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="id_ID")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.go.id")
    password = factory.django.Password("secret-pass-123")


def agency_type(slug: str) -> AgencyType:
    """One of the types seeded by the agencies' data migration (types are data, never built by tests)."""
    return AgencyType.objects.get(slug=slug)


class AgencyFactory(DjangoModelFactory):
    """Created through `agency_create`, so the hierarchy path and history are as in the app."""

    class Meta:
        model = Agency

    region = factory.SubFactory(RegionFactory)
    type = factory.LazyFunction(lambda: agency_type("dinas"))
    parent = None
    code = factory.Sequence(lambda n: f"AG{n:04d}")
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    head_name = "Kepala Uji"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):  # type: ignore[no-untyped-def]
        return services.agency_create(by=None, **kwargs)


def sub_agency(parent: Agency, kind: str, **fields: Any) -> Agency:
    """An agency of type `kind` under `parent`, in the parent's region."""
    return AgencyFactory(region=parent.region, parent=parent, type=agency_type(kind), **fields)


def area_office(parent: Agency, kind: str, *, code: str, **fields: Any) -> Agency:
    """A kecamatan or kelurahan under `parent`: its code is its Kemendagri area code."""
    return sub_agency(parent, kind, code=code, kemendagri_code=code, **fields)


def role(user: User, role_slug: str, *, agency: Agency | None = None, region: Region | None = None) -> RoleAssignment:
    """Assign a role through `role_assign`; the region is the agency's when not given."""
    region = region or (agency.region if agency else RegionFactory())
    return services.role_assign(user=user, role=role_slug, region_id=region.pk, agency=agency)


def user_with_role(role_slug: str, *, agency: Agency | None = None, region: Region | None = None, **kwargs) -> User:  # type: ignore[no-untyped-def]
    user = UserFactory(**kwargs)
    role(user, role_slug, agency=agency, region=region)
    return user
