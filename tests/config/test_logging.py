"""The log of the served app (settings.base.LOGGING): one line per refusal, each record written once."""

import io
import logging
import logging.config

import pytest
from django.conf import settings
from django.urls import reverse

from config.settings import base
from tests.conftest import client_for


@pytest.fixture
def served_logging():
    """The served app's logging, writing to a string; the test settings' put back afterwards."""
    logging.config.dictConfig(base.LOGGING)
    stream = io.StringIO()
    for handler in logging.getLogger().handlers + logging.getLogger("django").handlers:
        if isinstance(handler, logging.StreamHandler):
            handler.setStream(stream)
    yield stream
    logging.config.dictConfig(settings.LOGGING)


def test_a_refusal_writes_one_line_and_no_traceback(served_logging, people, chart):
    response = client_for(people["staff"]).get(reverse("agencies:create"))

    assert response.status_code == 403
    assert served_logging.getvalue() == "Forbidden (Permission denied): /agencies/new/\n"
