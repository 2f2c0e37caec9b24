"""Signals other apps listen to (the pretalx way: hooks with a documented contract, no workflow inside).

innovation_state_changed(sender=Innovation, innovation_id: int, agency_id: int, year: int)
    Sent inside the transaction that changes an innovation's state (after the transition row is written), so
    that receivers record their follow-up work in core.outbox with the change, or not at all. The quota status
    of the agency and year may have changed (compliance queues its recomputation).
"""

from django.dispatch import Signal

innovation_state_changed = Signal()
