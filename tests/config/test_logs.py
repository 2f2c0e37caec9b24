"""Production log lines are JSON objects."""

import json
import logging

from config.logs import JsonFormatter


def test_json_formatter_writes_one_object_with_extras_and_exception():
    import sys

    try:
        raise ValueError("rusak")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.getLogger("satu").makeRecord(
        "satu", logging.ERROR, __file__, 1, "ekspor %s gagal", ("innovations",), exc_info, extra={"job": 7}
    )

    line = json.loads(JsonFormatter().format(record))

    assert {k: line[k] for k in ("level", "logger", "message", "job")} == {
        "level": "ERROR",
        "logger": "satu",
        "message": "ekspor innovations gagal",
        "job": 7,
    }
    assert line["exception"].endswith("ValueError: rusak")
