import json
import logging

from wijknet.core.logformat import JsonFormatter


def test_a_record_is_one_json_line_with_its_fields():
    record = logging.LogRecord(
        "wijknet.x", logging.WARNING, __file__, 1, "hallo %s", ("wereld",), None
    )
    record.status_code = 404
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "wijknet.x"
    assert entry["message"] == "hallo wereld"
    assert entry["status"] == 404
    assert entry["time"].endswith("+00:00")


def test_an_exception_is_kept_in_the_line():
    try:
        raise ValueError("kapot")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "fout", (), sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: kapot" in entry["exc"]
