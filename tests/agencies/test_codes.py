"""Kemendagri village codes (Permendagri 137/2017 Ps 4; Kepmendagri 300.2.2-2138/2025): the village part of a
kelurahan starts with 1 and of a desa or negeri with 2, and the first three parts are the kecamatan's code.
Worked on Kota Ambon (81.71): Kelurahan Rijali 81.71.02.1011 under Kecamatan Sirimau 81.71.02; Desa Nania
81.71.03.2005 under Kecamatan Baguala."""

import pytest
from django.urls import reverse
from django.utils import translation

from agencies.codes import village_code_problem
from agencies.models import Agency
from core.models import ImportBatch
from tests.agencies.test_imports import upload
from tests.conftest import client_for


@pytest.mark.parametrize(
    ("code", "kind", "parent", "problem"),
    [
        ("81.71.02.1011", "kelurahan", "81.71.02", None),
        ("81.71.03.2005", "desa", "81.71.03", None),
        ("81.71.03.2005", "negeri", "81.71.03", None),
        ("81.71.02.1011", "kelurahan", None, None),  # a parent without a code is not checked
        (
            "81.71.02.2009",
            "kelurahan",
            "81.71.02",
            "81.71.02.2009 is not a kelurahan's code: in the Kemendagri code a kelurahan's village part starts with 1 and a desa's or negeri's with 2; this one starts with 2.",
        ),
        (
            "81.71.03.1001",
            "desa",
            "81.71.03",
            "81.71.03.1001 is not a desa's code: in the Kemendagri code a kelurahan's village part starts with 1 and a desa's or negeri's with 2; this one starts with 1.",
        ),
        (
            "81.71.01.1007",
            "kelurahan",
            "81.71.02",
            "81.71.01.1007 is not inside its kecamatan: the first three parts must be the kecamatan's code 81.71.02.",
        ),
        (
            "81.71.02",
            "kelurahan",
            "81.71.02",
            "A kelurahan's code has four parts, like 81.71.02.1010 (81.71.02 has 3).",
        ),
        ("81.71.02", "kecamatan", "81.71", None),  # not a village: nothing to check here
    ],
)
def test_village_codes(code, kind, parent, problem):
    with translation.override("en"):
        assert village_code_problem(code=code, type_slug=kind, type_name=kind, parent_code=parent) == problem


@pytest.mark.django_db
def test_an_import_row_of_a_kelurahan_with_a_desa_code_is_refused_with_its_row(people, chart):
    csv = "code,name,type,parent,kemendagri_code\nKEL-X,Kelurahan Batu Merah,kelurahan,81.71.02,81.71.02.2003\n"

    upload(client_for(people["reviewer"]), csv.encode())

    batch = ImportBatch.objects.get()
    assert [(e["row"], e["column"], e["message"]) for e in batch.errors] == [
        (
            2,
            "kemendagri_code",
            "81.71.02.2003 bukan kode Kelurahan: dalam kode Kemendagri bagian desa/kelurahan sebuah kelurahan diawali "
            "angka 1 dan sebuah desa atau negeri diawali angka 2; kode ini diawali angka 2.",
        )
    ]


@pytest.mark.django_db
def test_the_form_refuses_a_kelurahan_outside_its_kecamatan(people, chart):
    data = {
        "name": "Kelurahan Baru",
        "type": Agency.objects.get(code="81.71.02.1011").type_id,
        "parent": chart["sirimau"].pk,
        "code": "KEL-BARU",
        "kemendagri_code": "81.71.01.1099",
        "active_from": "2026-01-02",
    }

    response = client_for(people["reviewer"]).post(reverse("agencies:create"), data)

    assert response.context["form"].errors == {
        "kemendagri_code": [
            "81.71.01.1099 tidak berada di dalam kecamatannya: tiga bagian pertama harus kode kecamatan 81.71.02."
        ]
    }
    assert Agency.objects.filter(code="KEL-BARU").exists() is False
