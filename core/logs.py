"""Logging filters of the project (named in settings.LOGGING)."""

from __future__ import annotations

import logging


class ExpectedRefusals(logging.Filter):
    """A 403 is an answer, not a failure: keep Django's one-line "Forbidden" warning, drop its traceback.

    Every refusal (a read-only member, an outsider's guess at a URL) otherwise wrote the full stack of the
    PermissionDenied to the log, burying the tracebacks that matter."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
