"""Signals other apps listen to (the pretalx way: hooks with a documented contract, no workflow inside).

innovation_state_changed(sender=Innovation, innovation_id: int, agency_id: int, year: int)
    Sent after the transaction that changed an innovation's state has committed. The quota status of the
    agency and year may have changed (compliance listens and recomputes it).
"""

from django.dispatch import Signal

innovation_state_changed = Signal()
