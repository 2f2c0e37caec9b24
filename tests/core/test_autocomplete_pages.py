"""Form pages whose agency select became an autocomplete: the page carries no list of agencies, so neither its
size nor its query count grows with the organisation chart."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.agencies.factories import sub_agency
from tests.conftest import client_for


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select is not None
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0))


@pytest.mark.parametrize(
    ("page", "field", "chosen"),
    [
        ("agencies:update", "parent", ["---------", "Pemerintah Kota Ambon"]),
        ("agencies:merge", "into", ["---------"]),
        ("compliance:survey-create", "agency", ["---------"]),
        ("compliance:assessment-create", "agency", ["---------"]),
    ],
)
def test_agency_selects_carry_only_the_chosen_agency(people, chart, page, field, chosen):
    client = client_for(people["reviewer"])
    url = reverse(page, args=[chart["dinkes"].pk]) if page.startswith("agencies:") else reverse(page)
    client.get(url)  # warm the session

    with CaptureQueriesContext(connection) as before:
        first = client.get(url)
    for i in range(3):
        sub_agency(chart["dinkes"], "puskesmas", name=f"Puskesmas Tambahan {i}")
    with CaptureQueriesContext(connection) as after:
        second = client.get(url)

    assert (first.status_code, second.status_code) == (200, 200)
    assert len(after.captured_queries) == len(before.captured_queries)
    html = second.content.decode()
    assert _options(html, field) == chosen
    assert 'data-autocomplete-url="/agencies/autocomplete/' in html
