import json
import logging

from dashboard.logs import JsonFormatter, dict_config


def test_json_lines_carry_time_pid_level_and_event_fields():
    record = logging.LogRecord(
        "who_backs_whom.data", logging.INFO, __file__, 1, "events reloaded: %d events", (3,), None
    )
    record.event, record.events = "reload", 3
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "events reloaded: 3 events" and line["level"] == "info"
    assert line["event"] == "reload" and line["events"] == 3
    assert isinstance(line["pid"], int) and line["time"].endswith("Z") and "T" in line["time"]


def test_dict_config_covers_gunicorn_and_the_app():
    cfg = dict_config("json", "info")
    assert cfg["formatters"]["main"] == {"()": JsonFormatter}
    assert {"gunicorn.error", "gunicorn.access"} <= set(cfg["loggers"])
    assert cfg["root"]["handlers"] == ["main"]
    assert "format" in dict_config("text", "warning")["formatters"]["main"]
