"""Who finds what in the catalogue: running innovations of the region, of regions that share with each other,
nothing that is a draft, returned, withdrawn, stopped or superseded by a later year; lineage in one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innovations import services
from innovations.catalogue import selectors
from innovations.catalogue.lineage import lineage, size
from innovations.models import Innovation
from tests.agencies.factories import user_with_role
from tests.innovations.catalogue.factories import open_catalogue, replicate, running_original
from tests.innovations.factories import build_innovation

pytestmark = pytest.mark.django_db


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


def test_the_catalogue_holds_only_running_accepted_innovations_of_the_latest_year(people, chart, original, disdik_head):
    staff = people["other_staff"]
    for state in ("draft", "returned", "withdrawn", "submitted"):
        build_innovation(chart["disdik"], staff, state, title=f"Inovasi {state}")
    stopped = build_innovation(chart["disdik"], staff, "accepted", title="Perpustakaan Keliling")
    services.innovation_stop(innovation=stopped, by=staff, reason="Mobil rusak.")
    older = build_innovation(chart["disdik"], staff, "accepted", title="Rapor Digital", year=2024)
    later = services.innovation_continue(innovation=older, by=staff)
    services.innovation_submit(innovation=later, by=staff)

    # The 2024 record stays until its 2025 continuation is accepted, then the latter takes its place.
    assert titles(selectors.catalogue_visible_to(people["staff"])) == ["Guru Kunjung Pulau", "Rapor Digital"]
    assert list(
        selectors.catalogue_visible_to(people["staff"]).filter(title="Rapor Digital").values_list("year", flat=True)
    ) == [2024]


def test_regions_share_their_catalogues_only_when_both_open_them(people, chart, original, other_region):
    outsider = people["outsider"]  # staff of Dinas Kesehatan Bitung
    bitung_head = user_with_role("head", agency=outsider.role_assignments.get().agency, username="kadinkes.bitung")
    user_with_role("reviewer", region=other_region, username="walikota.bitung")
    bitung = running_original(bitung_head.role_assignments.get().agency, outsider, title="Bitung Sehat")

    assert titles(selectors.catalogue_visible_to(outsider)) == ["Bitung Sehat"]
    open_catalogue(chart["dinkes"].region)  # Ambon opens; Bitung keeps its own closed, so it reads only itself
    assert titles(selectors.catalogue_visible_to(outsider)) == ["Bitung Sehat"]
    assert titles(selectors.catalogue_visible_to(people["staff"])) == ["Guru Kunjung Pulau"]
    open_catalogue(other_region)
    assert titles(selectors.catalogue_visible_to(outsider)) == ["Bitung Sehat", "Guru Kunjung Pulau"]
    assert titles(selectors.catalogue_visible_to(people["staff"])) == ["Bitung Sehat", "Guru Kunjung Pulau"]
    assert bitung.agency.region == other_region


def test_replication_counts_count_submitted_replications_and_their_agencies(people, chart, original, kelurahan_staff):
    draft = replicate(original, chart["dinkes"], people["staff"]).replica
    replicate(original, chart["rijali"], kelurahan_staff["rijali"], title="Guru Kunjung Rijali")
    replicate(original, chart["wainitu"], kelurahan_staff["wainitu"], title="Guru Kunjung Wainitu")
    for replica in Innovation.objects.filter(replication_of=original).exclude(pk=draft.pk):
        services.innovation_submit(innovation=replica, by=replica.created_by)

    row = selectors.catalogue_list(people["staff"]).get(pk=original.pk)
    assert (row.replication_count, row.replication_agencies) == (2, 2)
    assert selectors.replication_summary(Innovation.objects.all())["count"] == 2


def test_lineage_walks_any_number_of_hops_in_one_query(people, chart, kelurahan_staff, disdik_head):
    root = running_original(
        chart["disdik"],
        people["other_staff"],
        replication_source_name="Guru Kunjung (Kabupaten Kepulauan Sangihe)",
        replication_source="Sangihe, KIPP 2019",
    )
    first = replicate(root, chart["dinkes"], people["staff"]).replica
    Innovation.objects.filter(pk=first.pk).update(state="accepted")
    first.refresh_from_db()
    second = replicate(first, chart["rijali"], kelurahan_staff["rijali"], title="Guru Kunjung Rijali").replica
    visible = selectors.catalogue_visible_to(people["staff"])

    with CaptureQueriesContext(connection) as one_hop:
        lineage(first, shown=visible)
    with CaptureQueriesContext(connection) as two_hops:
        tree = lineage(second, shown=visible)

    assert len(one_hop) == len(two_hops) == 1
    assert tree.outside_name == "Guru Kunjung (Kabupaten Kepulauan Sangihe)"
    chain = [tree.children[0], tree.children[0].children[0], tree.children[0].children[0].children[0]]
    assert [(n.innovation.title, n.shown, n.current) for n in chain] == [
        ("Guru Kunjung Pulau", True, False),
        (f"Guru Kunjung Pulau ({chart['dinkes'].name})", True, False),
        ("Guru Kunjung Rijali", False, True),
    ]
    assert size(tree) == 3


def test_the_catalogue_list_query_count_does_not_grow_with_innovations(
    people, chart, disdik_head, as_user, django_assert_num_queries
):
    client = as_user(people["staff"])
    running_original(chart["disdik"], people["other_staff"], title="Satu")
    client.get("/katalog/")  # the header's count of work waiting is gathered once, then cached
    with CaptureQueriesContext(connection) as one:
        assert client.get("/katalog/").status_code == 200
    for title in ("Dua", "Tiga"):
        running_original(chart["disdik"], people["other_staff"], title=title, sdgs=(4, 5))
    with CaptureQueriesContext(connection) as three:
        response = client.get("/katalog/")
    assert [i.title for i in response.context["page"]] == ["Dua", "Satu", "Tiga"]
    assert len(one) == len(three)
