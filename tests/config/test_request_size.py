"""A body larger than its page takes is refused on its declared length, before Django reads any of it."""

import pytest
from django.urls import reverse

from innovations.models import Innovation
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def test_a_30_mb_upload_is_refused_before_its_body_is_read(people, chart):
    response = client_for(people["staff"]).post(
        reverse("innovations:create"),
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(30 * MB),
    )

    page = response.content.decode()
    assert (response.status_code, response["Connection"]) == (413, "close")
    assert "Yang Anda kirim sekitar 30 MB; halaman ini menerima paling banyak 21 MB sekaligus." in page
    assert Innovation.objects.count() == 0


@pytest.mark.parametrize(
    ("path", "limit"),
    [("/innovations/new/", 21 * MB), ("/agencies/import/", 6 * MB), ("/compliance/skm/import/", 6 * MB)],
)
def test_each_page_has_the_limit_of_the_files_it_takes(path, limit):
    from config.middleware import RequestSizeLimit

    assert RequestSizeLimit(lambda request: None).limit_for(path) == limit  # type: ignore[arg-type,return-value]
