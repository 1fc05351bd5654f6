"""Verlof: a form that asks only what it needs, then explains the Verzuimkaart
rules for that request. The assistant explains; the director (or the
leerplichtambtenaar) decides."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import numbers
from actions.conversation_state import latest_entity_values, latest_intent, latest_text
from actions.form_validation import UNKNOWN, GuidedFormValidation, Invalid, Parser
from actions.people import name_people, school_place
from actions.rendering import say_source, section
from bot.knowledge import load_knowledge
from actions.messages import say

MIN_DAYS, MAX_DAYS = 0.5, 190  # a school year has fewer than 200 lesdagen
MAX_NOTICE_WEEKS = 104
_AFTER_SUMMER = re.compile(r"(eerste|begin|na\s+de|na)\s.{0,30}(zomervakantie|zomer|schooljaar)|eerste\s+school\s*we(e)?k|begin\s+(van\s+)?(het\s+)?schooljaar")
_OTHER_PERIOD = re.compile(
    r"\b(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    r"kerst\w*|herfst\w*|voorjaar\w*|krokus\w*|mei\s*vakantie|pasen|paas\w*|pinksteren|"
    r"volgende\s+(week|maand)|over\s+\d+\s+(weken|maanden)|(voor|vóór)\s+de\s+zomer\w*)\b"
)
_IN_WRITING = re.compile(r"schriftelijk|per\s+(e-?)?mail|mail|brief|formulier|ingevuld|op\s+papier|aanvraagformulier")
_NOT_IN_WRITING = re.compile(
    r"mondeling|gebeld|telefonisch|aan\s+de\s+(deur|telefoon)|even\s+gezegd|gezegd|verteld|"
    r"niet\s+(schriftelijk|op\s+papier|per\s+(e-?)?mail|via\s+(de\s+)?(e-?)?mail|gemaild)"
)
# "10 weken van tevoren" (how early it was requested) and "de eerste twee weken
# (na de zomervakantie)" (when) are not the length of the leave.
_AMOUNT_WORDS = r"(?:\d+(?:[.,]\d+)?|[a-zé]+)"
_NOTICE_PHRASE = re.compile(
    rf"(?:{_AMOUNT_WORDS}\s+)?{_AMOUNT_WORDS}\s+(?:dagen|dag|weken|week|maanden|maand)\s+"
    r"(?:van\s*te\s*voren|vooraf|geleden|ervoor|daarvoor)"
)
_PERIOD_PHRASE = re.compile(r"(?:de\s+)?eerste\s+(?:\w+\s+)?(?:week|weken|schoolweek|schoolweken)\b")


def _without(text: str, *patterns: re.Pattern) -> str:
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


def _verlof_kind(tracker: Tracker, asked: bool) -> Any:
    kb = load_knowledge()
    for value in latest_entity_values(tracker, "verlof_kind"):
        if value in {kind.id for kind in kb.verlof_kinds}:
            return value
    kind = kb.find_verlof(latest_text(tracker))
    if kind is not None:
        return kind.id
    return Invalid("form_invalid_choice") if asked else None


def _verlof_days(tracker: Tracker, asked: bool) -> Any:
    text = _without(latest_text(tracker).lower(), _NOTICE_PHRASE, _PERIOD_PHRASE)
    days = numbers.school_days(text)
    if days is None:
        return Invalid("invalid_verlof_days") if asked else None
    if not MIN_DAYS <= days <= MAX_DAYS:
        return Invalid("out_of_range_verlof_days", {"value": f"{days:g}", "maximum": f"{MAX_DAYS:g}"})
    return days


def _after_summer(tracker: Tracker, asked: bool) -> Any:
    text = latest_text(tracker).lower()
    if asked and numbers.mentions_the_past(text):
        return Invalid("form_past_date")  # never repeats the typed text (privacy)
    if _AFTER_SUMMER.search(text) and not re.search(r"(voor|vóór)\s+de\s+zomer", text):
        return True
    if _OTHER_PERIOD.search(text):
        return False
    if asked:
        intent = latest_intent(tracker)
        if intent == "affirm":
            return True
        if intent == "deny":
            return False
        return Invalid("form_invalid_choice")
    return None


def _notice_weeks(tracker: Tracker, asked: bool) -> Any:
    text = latest_text(tracker).lower()
    phrase = _NOTICE_PHRASE.search(text)
    if phrase:
        text = phrase.group(0)
    elif not asked:
        return None
    weeks = numbers.weeks(_without(text, _PERIOD_PHRASE))
    if weeks is None:
        if re.search(r"\b(vandaag|net|zojuist)\b", text.lower()):
            return 0.0
        return Invalid("invalid_verlof_notice_weeks") if asked else None
    if not 0 <= weeks <= MAX_NOTICE_WEEKS:
        return Invalid("out_of_range_verlof_notice_weeks", {"value": f"{weeks:g}", "maximum": f"{MAX_NOTICE_WEEKS:g}"})
    return weeks


def _in_writing(tracker: Tracker, asked: bool) -> Any:
    text = latest_text(tracker).lower()
    if _NOT_IN_WRITING.search(text):
        return False
    if _IN_WRITING.search(text):
        return True
    if asked:
        intent = latest_intent(tracker)
        if intent in ("affirm", "deny"):
            return intent == "affirm"
        return Invalid("form_invalid_choice")
    return None


class ValidateVerlofForm(GuidedFormValidation):
    always_parsed = frozenset({"verlof_kind"})
    topic = "verlof"

    def name(self) -> Text:
        return "validate_verlof_form"

    def parsers(self) -> Dict[str, Parser]:
        return {
            "verlof_kind": _verlof_kind,
            "verlof_days": _verlof_days,
            "verlof_after_summer": _after_summer,
            "verlof_notice_weeks": _notice_weeks,
            "verlof_in_writing": _in_writing,
        }

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: Dict[Text, Any]) -> List[Text]:
        # The period only matters for vakantieverlof.
        kind = tracker.get_slot("verlof_kind")
        rule = load_knowledge().verlof(kind) if kind and kind != UNKNOWN else None
        if rule is not None and not getattr(rule, "excluded_weeks_after_summer", None):
            return [slot for slot in domain_slots if slot != "verlof_after_summer"]
        return domain_slots


def verlof_checks(rule: Any, days: Any, after_summer: Any, notice: Any, in_writing: Any,
                  region_id: str | None = None, gemeente_id: str | None = None) -> list[tuple[str, dict]]:
    """The messages (with values) that apply to this request. Who handles it comes
    from the rule in knowledge/ (``handled_by_role``), named as locally."""
    kb = load_knowledge()
    checks: list[tuple[str, dict]] = []
    known = lambda value: value is not None and value != UNKNOWN  # noqa: E731
    role_name = lambda role_id: kb.local_role_name(role_id, region_id, gemeente_id)  # noqa: E731
    if known(days) and rule.max_school_days:
        values = {"days": f"{days:g}", "limit": rule.max_school_days, "times": rule.max_times_per_year}
        checks.append(("verlof_days_above_max" if days > rule.max_school_days else "verlof_days_within_max", values))
    if known(days) and rule.school_decides_up_to_days:
        handler = rule.handled_by_role(days)
        above = handler == rule.above_goes_to_role
        checks.append((
            "verlof_days_to_leerplicht" if above else "verlof_days_school_decides",
            {"days": f"{days:g}", "limit": rule.school_decides_up_to_days, "role": role_name(handler)},
        ))
    if known(after_summer) and rule.excluded_weeks_after_summer:
        checks.append((
            "verlof_period_excluded" if after_summer else "verlof_period_ok",
            {"weeks": rule.excluded_weeks_after_summer},
        ))
    if known(notice) and rule.request_weeks_ahead:
        checks.append((
            "verlof_notice_too_short" if notice < rule.request_weeks_ahead else "verlof_notice_ok",
            {"notice": f"{notice:g}", "weeks": rule.request_weeks_ahead},
        ))
    if known(in_writing) and rule.request_in_writing:
        checks.append(("verlof_in_writing_ok" if in_writing else "verlof_not_in_writing", {}))
    if rule.decision_in_writing and rule.decided_by_role:
        checks.append(("verlof_decision_with_objection" if rule.objection_possible else "verlof_decision_in_writing",
                       {"role": role_name(rule.decided_by_role)}))
    return checks


def verlof_roles(rules: list[Any]) -> list[str]:
    """Who the rules name: where the request goes, who decides, where it goes above the limit."""
    found = [role for rule in rules for role in (rule.request_to_role, rule.decided_by_role, rule.above_goes_to_role) if role]
    return list(dict.fromkeys(found))


class ActionExplainVerlof(Action):
    def name(self) -> Text:
        return "action_explain_verlof"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kb = load_knowledge()
        kind = tracker.get_slot("verlof_kind")
        rules = [kb.verlof(kind)] if kind and kind != UNKNOWN else list(kb.verlof_kinds)
        gemeente_id, region_id = school_place(tracker)
        for rule in rules:
            dispatcher.utter_message(text=section(rule.name, rule.text))
        if len(rules) == 1:
            checks = verlof_checks(
                rules[0], tracker.get_slot("verlof_days"), tracker.get_slot("verlof_after_summer"),
                tracker.get_slot("verlof_notice_weeks"), tracker.get_slot("verlof_in_writing"),
                region_id, gemeente_id,
            )
            if checks:
                say(dispatcher, "verlof_checks_intro")
                for response, values in checks:
                    say(dispatcher, response, **values)
        say(dispatcher, "rules_apply_to", applies_to=kb.verzuimkaart.applies_to.text)
        say(dispatcher, "verlof_who_decides")
        roles = verlof_roles(rules)
        name_people(dispatcher, tracker, roles, [role for role in roles if not kb.is_school_role(role)])
        say_source(dispatcher, [*(rule.source for rule in rules), kb.verzuimkaart.source])
        return [SlotSet("topic", "verlof"), SlotSet("invalid_answers", 0)]
