"""Assignment as a pure function on ids: never a conflicted evaluator, k per entry, loads within one of each
other, existing assignments kept."""

import random

import pytest

from competition.assignment import conflicts_by_chart, plan_assignment


@pytest.mark.parametrize("seed", range(25))
def test_plan_never_conflicted_and_balanced(seed):
    rng = random.Random(seed)  # noqa: S311 -- test data, not secrets
    entries = list(range(1, rng.randint(3, 25)))
    evaluators = list(range(100, 100 + rng.randint(3, 8)))
    conflicts = {(e, v) for e in entries for v in evaluators if rng.random() < 0.15}
    # Keep every entry with at least k possible evaluators, so that balance and k are both reachable.
    for e in entries:
        free = [v for v in evaluators if (e, v) not in conflicts]
        while len(free) < 2:
            conflicts.discard((e, next(v for v in evaluators if (e, v) in conflicts)))
            free = [v for v in evaluators if (e, v) not in conflicts]

    plan = plan_assignment(entry_ids=entries, evaluator_ids=evaluators, k=2, conflicts=conflicts)

    assert not set(plan.added) & conflicts
    per_entry = {e: [v for (x, v) in plan.added if x == e] for e in entries}
    assert all(len(vs) == 2 == len(set(vs)) for vs in per_entry.values())
    assert plan.short == {}
    assert max(plan.load.values()) - min(plan.load.values()) <= 1
    assert sum(plan.load.values()) == 2 * len(entries)


def test_plan_reports_entries_short_of_k_and_keeps_existing():
    plan = plan_assignment(
        entry_ids=[1, 2], evaluator_ids=[10, 11, 12], k=2, conflicts={(1, 10), (1, 11)}, existing=[(2, 12)]
    )

    assert plan.added == [(1, 12), (2, 10)]
    assert plan.short == {1: 1}
    assert plan.load == {10: 1, 11: 0, 12: 2}


def test_rerun_adds_nothing():
    first = plan_assignment(entry_ids=[1, 2, 3], evaluator_ids=[10, 11], k=2, conflicts=set())
    second = plan_assignment(entry_ids=[1, 2, 3], evaluator_ids=[10, 11], k=2, conflicts=set(), existing=first.added)

    assert second.added == []
    assert second.short == {}


def test_chart_conflicts_cover_own_agency_above_and_below():
    entry_paths = {1: "/1/2/", 2: "/1/2/9/", 3: "/1/5/"}

    found = conflicts_by_chart(entry_paths, {100: ["/1/2/"], 101: ["/1/2/9/"], 102: ["/1/"], 103: []})

    assert found == {(1, 100), (2, 100), (1, 101), (2, 101), (1, 102), (2, 102), (3, 102)}
