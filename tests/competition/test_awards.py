"""Earlier awards as data read by the eligibility check (KIPP 2021 group rules, menpan.go.id; domain.md §1.3):
a national top innovation (Top 45/40/35/25/9) may not enter again, nor one named Top 99 twice; one Top 99 alone
does not bar it; the region's own awards are shown, not refused."""

import datetime

import pytest

from competition.eligibility import AwardFact, Candidate, Check, check
from competition.models import Award
from competition.selectors.entries import eligibility_of
from tests.competition.conftest import accepted, umum
from tests.competition.test_eligibility import DINAS, RULES  # the same round and candidate, with awards added


def with_awards(*awards):
    return check(RULES, Candidate(**{**DINAS.__dict__, "awards": tuple(awards)}))


@pytest.mark.parametrize(
    ("awards", "ok", "last_check"),
    [
        pytest.param(
            [AwardFact(2022, "national", "Top 99"), AwardFact(2019, "national", "Top 45")],
            False,
            Check(
                "national_award",
                "Belum pernah dinobatkan secara nasional",
                False,
                "Pernah meraih Top 45 2019 (KIPP nasional): inovasi yang sudah dinobatkan sebagai inovasi terbaik "
                "nasional tidak boleh ikut lagi.",
            ),
            id="a-national-top-45-is-refused-with-its-reason",
        ),
        pytest.param(
            [AwardFact(2024, "regional", "Terbaik I"), AwardFact(2022, "regional", "Top 10")],
            True,
            Check(
                "earlier_awards",
                "Penghargaan daerah sebelumnya",
                True,
                "Sebelumnya: Top 10 2022 (kompetisi daerah); Terbaik I 2024 (kompetisi daerah).",
            ),
            id="regional-awards-are-shown-and-do-not-refuse",
        ),
    ],
)
def test_the_last_check_names_the_award_that_decides(awards, ok, last_check):
    result = with_awards(*awards)

    assert (result.ok, result.checks[-1]) == (ok, last_check)


def test_top_40_of_2018_is_refused_too():
    assert with_awards(AwardFact(2018, "national", "Top 40")).ok is False


def test_one_top_99_is_allowed_and_twice_is_refused():
    once = with_awards(AwardFact(2019, "national", "Top 99"))
    twice = with_awards(AwardFact(2017, "national", "top 99"), AwardFact(2019, "national", "Top 99"))

    assert (once.ok, once.checks[-1]) == (
        True,
        Check("national_award", "Belum pernah dinobatkan secara nasional", True, ""),
    )
    assert (twice.ok, twice.failures()) == (
        False,
        ["Belum pernah dinobatkan secara nasional: Dua kali meraih Top 99 (2017, 2019): KIPP tidak menerimanya lagi."],
    )


@pytest.mark.django_db
def test_the_check_reads_the_awards_of_earlier_years_records(round_, people, chart):
    earlier = accepted(chart["dinkes"], "Antar Obat Lansia", launch=datetime.date(2020, 1, 6))
    Award.objects.create(innovation=earlier, year=2023, level="national", title="Top 45")
    this_year = accepted(
        chart["dinkes"], "Antar Obat Lansia 2026", launch=datetime.date(2020, 1, 6), continued_from=earlier
    )

    checks = {c.slug: c for c in eligibility_of(round_=round_, innovation=this_year, group=umum()).checks}

    assert (checks["national_award"].ok, checks["national_award"].detail) == (
        False,
        "Pernah meraih Top 45 2023 (KIPP nasional): inovasi yang sudah dinobatkan sebagai inovasi terbaik nasional "
        "tidak boleh ikut lagi.",
    )
