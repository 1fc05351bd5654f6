"""What a teacher types is stored without names, phone numbers, addresses or BSNs."""

import asyncio
import json
import sqlite3

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.privacy.events import redact_event
from bot.privacy.redaction import redact
from bot.tracker_store import RedactingSQLTrackerStore

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [worry_safety]
slots:
  verlof_days:
    type: any
    mappings: [{type: custom}]
"""
)


def fake_redact(text: str) -> str:
    return text.replace("Sanne Bakker", "[PERSOON-1]").replace("06-12345678", "[TELEFOONNUMMER-1]")


def user_message(text: str) -> UserUttered:
    return UserUttered(text, intent={"name": "worry_safety", "confidence": 0.9},
                       parse_data={"text": text, "intent": {"name": "worry_safety"}, "entities": []})


def test_user_text_and_parse_data_are_redacted():
    event = redact_event(user_message("Sanne Bakker belt 06-12345678"), fake_redact)
    assert event.text == "[PERSOON-1] belt [TELEFOONNUMMER-1]"
    assert event.parse_data["text"] == event.text
    assert event.intent_name == "worry_safety"


def test_only_slots_on_the_free_text_list_are_redacted():
    def redact_capitals(text: str) -> str:  # like deduce: a capitalised word may be a name
        return " ".join("[PERSOON-1]" if word[:1].isupper() else word for word in text.split())

    listed = redact_event(SlotSet("notitie", "Sanne Bakker weet het niet"), redact_capitals, {"notitie"})
    assert listed.value == "[PERSOON-1] [PERSOON-1] weet het niet"
    place = redact_event(SlotSet("gemeente", "Haarlem"), redact_capitals)
    assert place.value == "Haarlem"  # an id or place name is no personal data


def test_every_slot_that_can_hold_typed_text_is_on_the_free_text_list():
    import yaml

    from bot.paths import PROJECT_ROOT
    from bot.privacy.events import FREE_TEXT_SLOTS

    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    typed = {name for name, slot in domain["slots"].items()
             if any(mapping.get("type") == "from_text" for mapping in slot.get("mappings") or [])}
    assert typed <= FREE_TEXT_SLOTS
    assert FREE_TEXT_SLOTS <= set(domain["slots"])  # the list names real slots only


def test_bot_messages_and_other_events_are_kept():
    bot = BotUttered("Bel Veilig Thuis: 0800-2000")
    action = ActionExecuted("action_veiligheid")
    assert redact_event(bot, fake_redact) is bot
    assert redact_event(action, fake_redact) is action


def test_tracker_store_writes_only_redacted_text(tmp_path):
    asyncio.run(_store_and_read_back(tmp_path))


async def _store_and_read_back(tmp_path):
    database = tmp_path / "trackers.db"
    store = RedactingSQLTrackerStore(domain=DOMAIN, redact=fake_redact, dialect="sqlite", db=str(database))
    tracker = DialogueStateTracker.from_events("teacher", [user_message("Sanne Bakker, 06-12345678, is bang")])
    await store.save(tracker)
    rows = [json.loads(data) for (data,) in sqlite3.connect(database).execute("select data from events")]
    stored = json.dumps(rows)
    assert "Sanne" not in stored and "06-12345678" not in stored
    assert any(row.get("text") == "[PERSOON-1], [TELEFOONNUMMER-1], is bang" for row in rows)
    retrieved = await store.retrieve("teacher")
    assert retrieved.latest_message.text == "[PERSOON-1], [TELEFOONNUMMER-1], is bang"


def test_deduce_removes_names_phone_numbers_emails_addresses_and_bsn():
    text = ("Sanne Bakker uit groep 5 woont op de Kerkstraat 12, bel 06-12345678 "
            "of mail ouders@example.nl, bsn 123456782")
    redacted = redact(text)
    for personal in ("Sanne", "Bakker", "Kerkstraat", "06-12345678", "ouders@example.nl", "123456782"):
        assert personal not in redacted
    assert "groep 5" in redacted


def test_button_payloads_are_not_touched():
    assert redact('/inform{"gemeente":"heemstede"}') == '/inform{"gemeente":"heemstede"}'
