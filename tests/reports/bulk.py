"""Many innovations at once, in one INSERT ... SELECT generate_series (the ORM would take minutes for 200,000)."""

from django.db import connection

from innovations.models.register import default_public_sections


def bulk_innovations(agency_ids: list[int], count: int, *, year: int = 2025) -> None:
    """`count` draft innovations spread over `agency_ids`, titled "Inovasi massal 1" ... (no classification)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO innovations_innovation (agency_id, year, title, state, innovator_kind, innovator_names,
                   innovator_decree, contact_name, contact_phone, contact_email, summary, problem, novelty, design,
                   aims, benefits, results, resources, sustainability, replicability, video_url,
                   replication_source_name, replication_source, running, stopped_reason, created, updated,
                   open_to_replication, replication_contact, publish, public_sections, unpublished_reason)
               SELECT (%(agencies)s::bigint[])[1 + g %% cardinality(%(agencies)s::bigint[])], %(year)s,
                      'Inovasi massal ' || g, 'draft', 'team', '', '', '', '', '', '', '', '', '', '', '', '', '',
                      '', '', '', '', '', 'running', '', now(), now(), false, '', true, %(sections)s, ''
               FROM generate_series(1, %(count)s) g""",
            {"agencies": agency_ids, "year": year, "count": count, "sections": default_public_sections()},
        )
        cursor.execute("ANALYZE innovations_innovation")
