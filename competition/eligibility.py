"""Who may enter a round, and whether a proposal is ready: pure functions on what the caller read, no database.

`selectors.entries.eligibility_of` gathers the facts of one innovation; `check` applies the round's rules to
them and says, for every rule, whether it is met and why not. The same answer is shown before entering, on the
proposal page, and enforced by `entry_create` and `entry_submit`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from competition.models import SECTIONS, TOP_99, AwardLevel, section_label


@dataclass(frozen=True)
class Check:
    slug: str
    label: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class Eligibility:
    ok: bool
    checks: tuple[Check, ...]

    def failures(self) -> list[str]:
        """Each rule not met as one message: its label, then the reason."""
        return [f"{c.label}: {c.detail}" if c.detail else str(c.label) for c in self.checks if not c.ok]


@dataclass(frozen=True)
class RoundRules:
    """What the round asks of an entrant."""

    registration_closes: datetime.date
    min_years: Decimal
    max_entries_per_agency: int
    #: id → name of the kinds of agency allowed; empty allows every kind.
    allowed_agency_types: Mapping[int, str]


@dataclass(frozen=True)
class GroupFacts:
    """The group chosen, with what the rules of a group look at."""

    is_replication: bool
    #: The earlier round of the region that this innovation (or an earlier year's record of it) won in the group.
    won_in: str | None = None
    #: The original a replication names (the entry's, else the innovation's).
    original_name: str = ""
    #: The group's own minimum age in whole years, when it has one (else the round's applies).
    min_years: int | None = None


@dataclass(frozen=True)
class AwardFact:
    """An award the innovation (or an earlier year's record of it) already received."""

    year: int
    level: str  # AwardLevel
    title: str

    def __str__(self) -> str:
        level = _("national KIPP") if self.level == AwardLevel.NATIONAL else _("regional competition")
        return f"{self.title} {self.year} ({level})"


@dataclass(frozen=True)
class Candidate:
    """One innovation as the rules see it."""

    accepted: bool
    agency_type_id: int
    agency_type: str
    #: Whole calendar years at registration close (`whole_years`); None when it had not launched by then.
    years_implemented: int | None
    #: The agency's other entries in the round that still count (withdrawn ones do not).
    other_entries: int
    group: GroupFacts | None = None
    awards: tuple[AwardFact, ...] = ()


def national_award_bar(awards: tuple[AwardFact, ...]) -> str:
    """Why earlier national awards bar a new entry ("" when they do not).

    The rule, from the KIPP 2021 group definitions (menpan.go.id; domain.md §1.3), also the 2018 rule (bisnis.com):
    an innovation may not enter again once crowned a national top innovation (Top 45 of 2019/2020, Top 40 of
    2017/2018, Top 35, Top 25, Top 9, or any other national title above Top 99), nor once named Top 99 twice. One
    Top 99 alone does not bar it."""
    national = sorted((a for a in awards if a.level == AwardLevel.NATIONAL), key=lambda a: a.year)
    crowned = [a for a in national if a.title.strip().lower() != TOP_99]
    if crowned:
        return _("Named %(award)s: an innovation already crowned a national top innovation may not enter again.") % {
            "award": str(crowned[0])
        }
    top_99 = [a for a in national if a.title.strip().lower() == TOP_99]
    if len(top_99) >= 2:
        return _("Named Top 99 twice (%(years)s): KIPP does not accept it a third time.") % {
            "years": ", ".join(str(a.year) for a in top_99)
        }
    return ""


def whole_years(launched: datetime.date | None, day: datetime.date) -> int | None:
    """Whole calendar years from the launch (penerapan) to `day`, as KIPP counts "implemented at least N years by
    the close of registration": a year is complete on its anniversary, so an innovation launched on 2025-04-01 is
    one year old on 2026-04-01, not on 2026-03-31. None when it had not launched by `day`."""
    if launched is None or day < launched:
        return None
    return day.year - launched.year - ((day.month, day.day) < (launched.month, launched.day))


def check(rules: RoundRules, candidate: Candidate) -> Eligibility:
    """Every eligibility rule of the round for this candidate, met or not, with the reason."""
    close = rules.registration_closes.strftime("%d-%m-%Y")
    checks = [
        Check(
            "accepted",
            _("Accepted by the mayor's office"),
            candidate.accepted,
            "" if candidate.accepted else _("The innovation has not been accepted yet."),
        )
    ]
    type_ok = not rules.allowed_agency_types or candidate.agency_type_id in rules.allowed_agency_types
    checks.append(
        Check(
            "agency_type",
            _("Kind of agency allowed"),
            type_ok,
            ""
            if type_ok
            else _("%(type)s may not enter this round; allowed: %(allowed)s.")
            % {"type": candidate.agency_type, "allowed": ", ".join(rules.allowed_agency_types.values())},
        )
    )
    years = candidate.years_implemented
    group_min = candidate.group.min_years if candidate.group is not None else None
    min_years = Decimal(group_min) if group_min is not None else rules.min_years
    age_ok = years is not None and years >= min_years
    if years is None:
        age_detail = _("No launch date (penerapan) on or before %(close)s.") % {"close": close}
    else:
        age_detail = _(
            "Implemented %(years)s full years at registration close (%(close)s); at least %(min)s needed."
        ) % {"years": years, "close": close, "min": format(min_years.normalize(), "f")}
    checks.append(Check("age", _("Implemented long enough"), age_ok, "" if age_ok else age_detail))
    count_ok = candidate.other_entries < rules.max_entries_per_agency
    checks.append(
        Check(
            "max_entries",
            _("Within the number of entries per agency"),
            count_ok,
            ""
            if count_ok
            else _("The agency already has %(count)d entries; at most %(max)d.")
            % {"count": candidate.other_entries, "max": rules.max_entries_per_agency},
        )
    )
    if any(a.level == AwardLevel.NATIONAL for a in candidate.awards):
        # Listed only for an innovation with a national award, so that the list stays short for the rest.
        bar = national_award_bar(candidate.awards)
        checks.append(Check("national_award", _("Not already crowned nationally"), not bar, bar))
    regional = [str(a) for a in sorted(candidate.awards, key=lambda a: a.year) if a.level == AwardLevel.REGIONAL]
    if regional:
        # Shown, not refused: the region's own awards are for the organiser and the panel to see.
        checks.append(
            Check(
                "earlier_awards",
                _("Earlier regional awards"),
                True,
                _("Earlier: %(awards)s.") % {"awards": "; ".join(regional)},
            )
        )
    group = candidate.group
    if group is not None:
        checks.append(
            Check(
                "previous_winner",
                _("Not a previous winner in this group"),
                group.won_in is None,
                "" if group.won_in is None else _("It won %(round)s in this group.") % {"round": group.won_in},
            )
        )
        if group.is_replication:
            named = bool(group.original_name)
            checks.append(
                Check(
                    "original",
                    _("A replication names its original"),
                    named,
                    "" if named else _("Name the original innovation that this one replicates."),
                )
            )
    return Eligibility(ok=all(c.ok for c in checks), checks=tuple(checks))


def missing_sections(texts: Mapping[str, str], *, replication: bool) -> list[str]:
    """The proposal's sections still empty or over their word limit, as messages (`texts`: section → text)."""
    problems = []
    for name, limit, replication_only in SECTIONS:
        if replication_only and not replication:
            continue
        text = texts.get(name) or ""
        label = section_label(name)
        if not text.strip():
            problems.append(_("Fill in: %(field)s.") % {"field": label})
        elif len(text.split()) > limit:
            problems.append(
                _("%(field)s has %(count)d words; at most %(max)d.")
                % {"field": label, "count": len(text.split()), "max": limit}
            )
    return problems
