"""Writes of the competition, one module per actor: the organiser, the entrant agency, the evaluator. One
function per state change; every entry and review move goes through `competition.workflow`."""
