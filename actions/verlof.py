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
from actions.asker import school_colleagues
from actions.conversation_state import latest_intent, latest_text, typed_entities
from actions.form_validation import (UNKNOWN, GuidedFormValidation, Invalid, Parser, Part, give_parts,
                                     fix_typos, split_negated)
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
# "meer dan 10 dagen", "tot hoeveel dagen", "tot en met 10 dagen": a limit of the
# rules the teacher asks about, not the length of a request.
_LIMIT_PHRASE = re.compile(
    rf"\b(?:meer\s+dan|minder\s+dan|langer\s+dan|korter\s+dan|tot\s+en\s+met|t/m|tot|vanaf|boven(?:\s+de)?|onder(?:\s+de)?|"
    rf"maximaal|hooguit|max\.?)\s+(?:{_AMOUNT_WORDS}|hoeveel)\s+(?:les|school)?(?:dagen|dag|weken|week)\b"
)
# A question about the rules themselves (who decides, up to how many days, objection
# to a decision): answered at once, without questions about a particular request.
RULE_QUESTION = re.compile(
    r"\b(?:wie\s+(?:beslist|besluit|bepaalt|gaat\s+(?:er\s+)?over)|tot\s+hoeveel|vanaf\s+hoeveel|hoeveel\s+keer|"
    r"bezwaar|in\s+beroep|beroep\s+aan|geweigerd|afgewezen|afwijzing|weigering|niet\s+eens\s+met|"
    r"iets\s+tegen\s+doen)\b"
)


def _without(text: str, *patterns: re.Pattern) -> str:
    for pattern in patterns:
        text = pattern.sub(" ", text)
    return text


def _verlof_kind(tracker: Tracker, asked: bool) -> Any:
    """The kind of verlof, read from the words (not from what the answer says it
    is not: "geen vakantie, familieomstandigheden")."""
    kb = load_knowledge()
    kinds = {kind.id for kind in kb.verlof_kinds}
    text = latest_text(tracker)
    said, negated = split_negated(text)
    denied = kb.find("verlof_kind", negated) if negated else None
    for value, typed in typed_entities(tracker, "verlof_kind"):
        if value in kinds and not (denied and value == denied.id and typed and typed.lower() in negated.lower()):
            return value
    kind = kb.find("verlof_kind", said)
    if kind is not None:
        return kind.id
    if denied is not None and len(kinds) == 2 and (asked or tracker.get_slot("verlof_kind")):
        return next(iter(kinds - {denied.id}))  # "geen vakantie": the only other kind
    return Invalid("form_invalid_choice") if asked else None


def _verlof_days(tracker: Tracker, asked: bool) -> Any:
    text = _without(fix_typos(latest_text(tracker)).lower(), _NOTICE_PHRASE, _PERIOD_PHRASE, _LIMIT_PHRASE)
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
    text = fix_typos(latest_text(tracker)).lower()
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
    always_parsed = frozenset({"verlof_kind", "verlof_notice_weeks", "verlof_in_writing"})
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
        return verlof_questions(tracker, domain_slots, starting=not self.was_active_before(tracker))


def _known(value: Any) -> bool:
    return value is not None and value != UNKNOWN


def verlof_questions(tracker: Tracker, domain_slots: List[Text], starting: bool = False) -> List[Text]:
    """Only the questions whose answer could still change the answer."""
    if starting and RULE_QUESTION.search(latest_text(tracker).lower()):
        return []  # a question about the rules: the rules are the answer
    kind = tracker.get_slot("verlof_kind")
    rule = load_knowledge().get("verlof_kind", kind) if _known(kind) else None
    if rule is None:
        return domain_slots
    days, after_summer = tracker.get_slot("verlof_days"), tracker.get_slot("verlof_after_summer")
    if rule.excluded_weeks_after_summer and after_summer is True:
        return []  # not possible in that period, whatever the other answers are
    if rule.max_school_days and _known(days) and days > rule.max_school_days:
        return []  # more than the maximum: not possible
    if not rule.excluded_weeks_after_summer:
        return [slot for slot in domain_slots if slot != "verlof_after_summer"]
    return domain_slots


def verlof_checks(rule: Any, days: Any, after_summer: Any, notice: Any, in_writing: Any,
                  region_id: str | None = None, gemeente_id: str | None = None,
                  colleagues: str = "je directeur") -> list[tuple[str, dict]]:
    """The messages (with values) that apply to this request, ending with how the
    decision is made."""
    checks = [(message, values) for _, message, values in verlof_check_parts(
        rule, days, after_summer, notice, in_writing, region_id, gemeente_id, colleagues)]
    decision = decision_check(rule, region_id, gemeente_id)
    return checks + ([decision] if decision else [])


def verlof_check_parts(rule: Any, days: Any, after_summer: Any, notice: Any, in_writing: Any,
                       region_id: str | None = None, gemeente_id: str | None = None,
                       colleagues: str = "je directeur") -> list[tuple[str, str, dict]]:
    """(part id, message, values) for what applies to this request. Who handles it
    comes from the rule in knowledge/ (``handled_by_role``), named as locally."""
    kb = load_knowledge()
    checks: list[tuple[str, str, dict]] = []
    role_name = lambda role_id: kb.local_role_name(role_id, region_id, gemeente_id)  # noqa: E731
    if _known(days) and rule.max_school_days:
        values = {"days": numbers.say_school_days(days), "limit": rule.max_school_days, "times": rule.max_times_per_year}
        checks.append((f"verlof_days:{days:g}", "verlof_days_above_max" if days > rule.max_school_days else "verlof_days_within_max", values))
    if _known(days) and rule.school_decides_up_to_days:
        handler = rule.handled_by_role(days)
        above = handler == rule.above_goes_to_role
        checks.append((
            f"verlof_days:{days:g}:handler",
            "verlof_days_to_leerplicht" if above else "verlof_days_school_decides",
            {"days": numbers.say_school_days(days), "limit": rule.school_decides_up_to_days, "role": role_name(handler),
             "request_role": role_name(rule.request_to_role)},
        ))
    if _known(after_summer) and rule.excluded_weeks_after_summer:
        checks.append((
            f"verlof_after_summer:{after_summer}",
            "verlof_period_excluded" if after_summer else "verlof_period_ok",
            {"weeks": rule.excluded_weeks_after_summer},
        ))
    if _known(notice) and rule.request_weeks_ahead:
        checks.append((
            f"verlof_notice_weeks:{notice:g}",
            "verlof_notice_too_short" if notice < rule.request_weeks_ahead else "verlof_notice_ok",
            {"notice": numbers.say_weeks(notice), "weeks": rule.request_weeks_ahead, "colleagues": colleagues},
        ))
    if _known(in_writing) and rule.request_in_writing:
        checks.append((f"verlof_in_writing:{in_writing}", "verlof_in_writing_ok" if in_writing else "verlof_not_in_writing", {}))
    return checks


def decision_check(rule: Any, region_id: str | None, gemeente_id: str | None) -> tuple[str, dict] | None:
    if not (rule.decision_in_writing and rule.decided_by_role):
        return None
    role = load_knowledge().local_role_name(rule.decided_by_role, region_id, gemeente_id)
    return ("verlof_decision_with_objection" if rule.objection_possible else "verlof_decision_in_writing", {"role": role})


def verlof_roles(rules: list[Any]) -> list[str]:
    """Who the rules name: where the request goes, who decides, where it goes above the limit."""
    found = [role for rule in rules for role in (rule.request_to_role, rule.decided_by_role, rule.above_goes_to_role) if role]
    return list(dict.fromkeys(found))


def handling_roles(rule: Any, days: Any) -> list[str] | None:
    """Who handles this request, once that is known: where the request goes and who
    decides, or (gewichtige omstandigheden) who handles this number of days."""
    if rule.school_decides_up_to_days:
        if not _known(days):
            return None
        return list(dict.fromkeys(role for role in (rule.request_to_role, rule.handled_by_role(days)) if role))
    return verlof_roles([rule])


def _contact_roles(roles: list[str]) -> list[str]:
    kb = load_knowledge()
    return [role for role in roles if not kb.is_school_role(role)]


def answer_so_far(dispatcher: CollectingDispatcher, tracker: Tracker, final: bool = False) -> List[Dict[Text, Any]]:
    """The parts of the verlof answer that are known and not given yet: the rule
    as soon as the kind is known, each check as soon as its answer is known, who
    handles it as soon as that follows. ``final`` adds what closes the answer."""
    kb = load_knowledge()
    kind = tracker.get_slot("verlof_kind")
    if not _known(kind):
        return []
    rule = kb.get("verlof_kind", kind)
    gemeente_id, region_id = school_place(tracker)
    days = tracker.get_slot("verlof_days")
    checks = verlof_check_parts(rule, days, tracker.get_slot("verlof_after_summer"), tracker.get_slot("verlof_notice_weeks"),
                           tracker.get_slot("verlof_in_writing"), region_id, gemeente_id, school_colleagues(tracker))
    parts: list[Part] = [(f"verlof_rule:{kind}", lambda: dispatcher.utter_message(text=section(rule.name, rule.text)))]
    if checks:
        parts.append(("verlof_checks_intro", lambda: say(dispatcher, "verlof_checks_intro")))
    parts += [(part_id, lambda m=message, v=values: say(dispatcher, m, **v)) for part_id, message, values in checks]
    decision = decision_check(rule, region_id, gemeente_id)
    if final and decision:
        parts.append(("verlof_decision", lambda: say(dispatcher, decision[0], **decision[1])))
    if final:
        parts.append(("verlof_applies_to", lambda: say(dispatcher, "rules_apply_to", applies_to=kb.verzuimkaart.applies_to.text)))
        parts.append(("verlof_who_decides", lambda: say(dispatcher, "verlof_who_decides")))
    roles = handling_roles(rule, days) if not final else (handling_roles(rule, days) or verlof_roles([rule]))
    if roles:
        parts.append((f"verlof_people:{','.join(roles)}",
                      lambda: name_people(dispatcher, tracker, roles, _contact_roles(roles), offer=final)))
    events, said = give_parts(tracker, parts)
    if said:
        say_source(dispatcher, [rule.source, kb.verzuimkaart.source])
    return events


class ActionExplainVerlof(Action):
    def name(self) -> Text:
        return "action_explain_verlof"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kb = load_knowledge()
        kind = tracker.get_slot("verlof_kind")
        done = [SlotSet("topic", "verlof"), SlotSet("invalid_answers", 0)]
        if _known(kind):
            return answer_so_far(dispatcher, tracker, final=True) + done
        # The kind is not known: the rules of every kind, and who handles them.
        rules = list(kb.verlof_kinds)
        for rule in rules:
            dispatcher.utter_message(text=section(rule.name, rule.text))
        say(dispatcher, "rules_apply_to", applies_to=kb.verzuimkaart.applies_to.text)
        say(dispatcher, "verlof_who_decides")
        roles = verlof_roles(rules)
        events = name_people(dispatcher, tracker, roles, _contact_roles(roles))
        say_source(dispatcher, [*(rule.source for rule in rules), kb.verzuimkaart.source])
        return events + done
