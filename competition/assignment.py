"""Balanced assignment of evaluators to entries: a pure function on ids, so that its promises can be tested.

Promises, in order of priority:
1. never an evaluator with a conflict (automatic or declared) on the entry;
2. k evaluators per entry where enough unconflicted evaluators exist (the rest is reported);
3. every evaluator's load (existing assignments included) within one of every other's, where the conflicts
   allow it: a greedy pass (most constrained entry first, least loaded evaluator first) followed by moves
   from the most to the least loaded evaluator until no move narrows the gap.
Existing assignments are kept: a rerun only fills what is missing, so running it twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Plan:
    #: New (entry id, evaluator id) pairs to create.
    added: list[tuple[int, int]]
    #: Entries left with fewer than k evaluators, with how many they have.
    short: dict[int, int]
    #: Load of every evaluator once the plan is applied.
    load: dict[int, int]


def conflicts_by_chart(
    entry_paths: Mapping[int, str], evaluator_paths: Mapping[int, Iterable[str]]
) -> set[tuple[int, int]]:
    """(entry, evaluator) pairs where the evaluator is staff or head of the entrant's agency, or of an agency
    above or below it in the chart: one path is a prefix of the other ("/1/7/" and "/1/7/42/")."""
    found = set()
    for entry_id, entry_path in entry_paths.items():
        for evaluator_id, paths in evaluator_paths.items():
            if any(entry_path.startswith(p) or p.startswith(entry_path) for p in paths if p):
                found.add((entry_id, evaluator_id))
    return found


def plan_assignment(
    *,
    entry_ids: Sequence[int],
    evaluator_ids: Sequence[int],
    k: int,
    conflicts: set[tuple[int, int]],
    existing: Iterable[tuple[int, int]] = (),
) -> Plan:
    assigned: dict[int, set[int]] = {e: set() for e in entry_ids}
    load = dict.fromkeys(evaluator_ids, 0)
    for entry_id, evaluator_id in existing:
        if entry_id in assigned and evaluator_id in load:
            assigned[entry_id].add(evaluator_id)
            load[evaluator_id] += 1
    fixed = {(e, v) for e, vs in assigned.items() for v in vs}

    def allowed(entry_id: int) -> list[int]:
        return [v for v in evaluator_ids if (entry_id, v) not in conflicts and v not in assigned[entry_id]]

    # Most constrained first, so that entries with few possible evaluators are not left short.
    for entry_id in sorted(entry_ids, key=lambda e: (len(allowed(e)), entry_ids.index(e))):
        while len(assigned[entry_id]) < k:
            candidates = allowed(entry_id)
            if not candidates:
                break
            chosen = min(candidates, key=lambda v: (load[v], evaluator_ids.index(v)))
            assigned[entry_id].add(chosen)
            load[chosen] += 1

    # Rebalance: move a new assignment from the busiest evaluator to the least busy one who may take it.
    for _ in range(len(entry_ids) * max(k, 1) * 2):
        if not load or max(load.values()) - min(load.values()) <= 1:
            break
        moved = False
        for heavy in sorted(load, key=lambda v: -load[v]):
            for light in sorted(load, key=lambda v: load[v]):
                if load[heavy] - load[light] <= 1:
                    break
                for entry_id in entry_ids:
                    if (
                        heavy in assigned[entry_id]
                        and (entry_id, heavy) not in fixed
                        and light not in assigned[entry_id]
                        and (entry_id, light) not in conflicts
                    ):
                        assigned[entry_id].discard(heavy)
                        assigned[entry_id].add(light)
                        load[heavy] -= 1
                        load[light] += 1
                        moved = True
                        break
                if moved:
                    break
            if moved:
                break
        if not moved:
            break

    added = [
        (entry_id, evaluator_id)
        for entry_id in entry_ids
        for evaluator_id in sorted(assigned[entry_id], key=evaluator_ids.index)
        if (entry_id, evaluator_id) not in fixed
    ]
    short = {e: len(assigned[e]) for e in entry_ids if len(assigned[e]) < k}
    return Plan(added=added, short=short, load=load)
