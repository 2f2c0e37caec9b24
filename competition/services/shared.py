"""What the organiser's and the evaluator's services share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from agencies.models import User
from competition.models import Round


def organiser_check(user: User, round_: Round) -> None:
    if not user.has_perm("competition.manage_round", round_):
        raise PermissionDenied(_("Only the organiser of this round may do this."))
