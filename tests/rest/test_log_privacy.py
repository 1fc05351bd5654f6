"""What a teacher types never reaches a log record while it is handled."""

import logging

from bot import log_privacy

TEXT = 'daan de vries uit groep 4 wordt "thuis" geslagen\nzegt hij'


def capture(emit):
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Keep()
    root = logging.getLogger()
    root.addHandler(handler)
    log_privacy.install()
    try:
        with log_privacy.handling_message(TEXT):
            emit(logging.getLogger("rasa.core.channels.rest"))
    finally:
        root.removeHandler(handler)
    return "\n".join(records)


def test_text_as_typed_repr_and_json_is_replaced():
    import json

    logged = capture(lambda log: (
        log.error("failure handling '%s'", TEXT),
        log.error("repr %r", TEXT),
        log.error("json %s", json.dumps({"text": TEXT})),
    ))
    assert "daan" not in logged and log_privacy.PLACEHOLDER in logged
    assert logged.count(log_privacy.PLACEHOLDER) == 3


def test_tracebacks_are_scrubbed_too():
    def emit(log):
        try:
            raise ValueError(f"cannot parse {TEXT}")
        except ValueError:
            log.exception("An exception occured while handling user message")

    logged = capture(emit)
    assert "ValueError" in logged and "daan" not in logged


def test_other_records_are_untouched():
    logged = capture(lambda log: log.warning("model loaded in %d s", 3))
    assert "model loaded in 3 s" in logged
