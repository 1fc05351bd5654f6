"""Verzuim: which kind, and (when it matters) how often or how many hours;
then the Verzuimkaart rules, the threshold check and whom to invite."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import numbers
from actions.asker import school_colleagues
from actions.conversation_state import latest_text, typed_entities
from actions.form_validation import (UNKNOWN, GuidedFormValidation, Invalid, Parser, Part, fix_typos, give_parts,
                                     split_negated, without_durations)
from actions.people import name_people, school_place
from actions.rendering import bullet_list, say_source, section
from bot.knowledge import load_knowledge
from actions.messages import say

# Which follow-up questions a kind of verzuim needs for its threshold check.
FOLLOW_UP_SLOTS = {"keer": ("verzuim_count",), "uur": ("verzuim_hours", "verzuim_weeks")}
LIMITS = {"verzuim_count": (0, 400), "verzuim_hours": (0, 1000), "verzuim_weeks": (1, 40)}
UNIT_OF_SLOT = {"verzuim_count": "keer", "verzuim_hours": "uur", "verzuim_weeks": "week"}


def _kind(tracker: Tracker, asked: bool) -> Any:
    """The kind of verzuim, not counting what the answer says it is not ("geen ziekmelding")."""
    kb = load_knowledge()
    known = {kind.id for kind in kb.verzuim_kinds}
    said, negated = split_negated(latest_text(tracker))
    said = without_durations(said)  # "zit al een maand thuis" names thuiszitten
    for value, typed in typed_entities(tracker, "verzuim_kind"):
        if value in known and not (typed and negated and typed.lower() in negated.lower()):
            return value
    kind = kb.find("verzuim_kind", said)
    if kind is not None:
        return kind.id
    return Invalid("form_invalid_choice") if asked else None


def _amount_parser(slot: str):
    unit = UNIT_OF_SLOT[slot]

    def parse(tracker: Tracker, asked: bool) -> Any:
        text = fix_typos(latest_text(tracker))
        with_unit = [amount.value for amount in numbers.amounts(text) if amount.unit == unit]
        value = with_unit[0] if with_unit else (numbers.count_of(text, unit) if asked else None)
        if value is None:
            return Invalid(f"invalid_{slot}") if asked else None
        low, high = LIMITS[slot]
        if not low <= value <= high:
            return Invalid(f"out_of_range_{slot}", {"value": f"{value:g}", "minimum": low, "maximum": high})
        return value

    return parse


def threshold_unit(kind_id: str | None) -> str | None:
    if not kind_id or kind_id == UNKNOWN:
        return None
    thresholds = load_knowledge().get("verzuim_kind", kind_id).thresholds
    return thresholds[0].unit if thresholds else None


class ValidateVerzuimForm(GuidedFormValidation):
    always_parsed = frozenset({"verzuim_kind", "verzuim_count", "verzuim_hours", "verzuim_weeks"})
    topic = "verzuim"

    def name(self) -> Text:
        return "validate_verzuim_form"

    def parsers(self) -> Dict[str, Parser]:
        return {"verzuim_kind": _kind, **{slot: _amount_parser(slot) for slot in LIMITS}}

    async def extract_slots(self, tracker: Tracker, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
        extracted = await super().extract_slots(tracker, dispatcher)
        # Amounts only count for the kind they belong to ("13 keer" is not hours).
        kind = extracted.get("verzuim_kind") or tracker.get_slot("verzuim_kind")
        wanted = FOLLOW_UP_SLOTS.get(threshold_unit(kind) or "", ())
        return {slot: value for slot, value in extracted.items() if slot not in LIMITS or slot in wanted}

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: Dict[Text, Any]) -> List[Text]:
        return ["verzuim_kind", *FOLLOW_UP_SLOTS.get(threshold_unit(tracker.get_slot("verzuim_kind")) or "", ())]


def threshold_checks(rule: Any, count: Any, hours: Any, weeks: Any, colleagues: str = "je IB'er of directeur") -> list[tuple[str, dict]]:
    """Domain responses comparing the given numbers with the rule's thresholds."""
    kb = load_knowledge()
    checks: list[tuple[str, dict]] = []
    known = lambda value: value is not None and value != UNKNOWN  # noqa: E731
    for threshold in rule.thresholds:
        role = kb.get("role", threshold.report_to_role).name if threshold.report_to_role else ""
        values = {"limit": threshold.count, "role": role, "window": threshold.window_school_weeks or "",
                  "colleagues": colleagues}
        if threshold.unit == "keer" and known(count):
            above = threshold.exceeded(count)
            checks.append(("verzuim_count_above" if above else "verzuim_count_within", {**values, "value": f"{count:g}"}))
        elif threshold.unit == "uur" and known(hours):
            window = threshold.window_school_weeks
            above = threshold.exceeded(hours)
            if above and not known(weeks):
                response = "verzuim_hours_above_weeks_unknown"
            elif above and weeks > window:
                response = "verzuim_hours_check_window"
            else:
                response = "verzuim_hours_above" if above else "verzuim_hours_within"
            weeks_text = f"{weeks:g}" if known(weeks) else ""
            checks.append((response, {**values, "value": f"{hours:g}", "weeks": weeks_text}))
    return checks


def _say_rule(dispatcher: CollectingDispatcher, rule: Any, card_region: bool = True) -> None:
    """The rule; its points (with the card's own websites) only for schools in the
    region the Verzuimkaart is written for."""
    dispatcher.utter_message(text=section(rule.name, rule.text, list(rule.points) if card_region else []))
    for threshold in rule.thresholds:
        if threshold.unit == "dagen":
            dispatcher.utter_message(text=threshold.text)


def answer_so_far(dispatcher: CollectingDispatcher, tracker: Tracker, final: bool = False) -> List[Dict[Text, Any]]:
    """The rule of the kind of verzuim as soon as the kind is known (before the
    follow-up questions); ``final`` adds the checks, partners and people."""
    kb = load_knowledge()
    kind = tracker.get_slot("verzuim_kind")
    if not kind or kind == UNKNOWN:
        return []
    rule = kb.get("verzuim_kind", kind)
    _, region_id = school_place(tracker)
    card_region = region_id == kb.verzuimkaart.applies_to.region_id
    parts: list[Part] = [(f"verzuim_rule:{kind}", lambda: _say_rule(dispatcher, rule, card_region))]
    notes, tasks, involved = (), [], list(rule.involve_roles)
    if final:
        numbers_given = [tracker.get_slot(s) for s in ("verzuim_count", "verzuim_hours", "verzuim_weeks")]
        checks = threshold_checks(rule, *numbers_given, colleagues=school_colleagues(tracker))
        parts += [(f"verzuim_check:{name}:{numbers_given}", lambda n=name, v=values: say(dispatcher, n, **v))
                  for name, values in checks]
        notes = kb.notes_for_region(rule.notes, region_id)
        parts += [(f"verzuim_note:{index}", lambda n=note: dispatcher.utter_message(text=n.text))
                  for index, note in enumerate(notes)]
        # The partners' tasks are those of the card's region (its own partners and names).
        tasks = [task for task in kb.partner_tasks if task.role_id in involved] if card_region else []
        if tasks:
            parts.append(("verzuim_partners", lambda: (
                say(dispatcher, "verzuim_invite_partners"),
                dispatcher.utter_message(text=bullet_list(f"{task.partner_name}: {task.task}" for task in tasks)))))
        parts.append(("verzuim_applies_to", lambda: say(dispatcher, "rules_apply_to", applies_to=kb.verzuimkaart.applies_to.text)))
        if involved:
            parts.append((f"verzuim_people:{kind}", lambda: name_people(
                dispatcher, tracker, involved, [role for role in involved if not kb.is_school_role(role)])))
    events, said = give_parts(tracker, parts)
    if said:
        say_source(dispatcher, [rule.source, *(note.source for note in notes), *(task.source for task in tasks),
                                kb.verzuimkaart.source])
    return events


class ActionExplainVerzuim(Action):
    def name(self) -> Text:
        return "action_explain_verzuim"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        kb = load_knowledge()
        kind = tracker.get_slot("verzuim_kind")
        done = [SlotSet("topic", "verzuim"), SlotSet("invalid_answers", 0)]
        if kind and kind != UNKNOWN:
            return answer_so_far(dispatcher, tracker, final=True) + done
        # The kind is not known: every kind of verzuim and every partner.
        rules = list(kb.verzuim_kinds)
        for rule in rules:
            _say_rule(dispatcher, rule)
        involved = list(dict.fromkeys(role for rule in rules for role in rule.involve_roles))
        tasks = list(kb.partner_tasks)
        say(dispatcher, "verzuim_invite_partners")
        dispatcher.utter_message(text=bullet_list(f"{task.partner_name}: {task.task}" for task in tasks))
        say(dispatcher, "rules_apply_to", applies_to=kb.verzuimkaart.applies_to.text)
        events = name_people(dispatcher, tracker, involved, [role for role in involved if not kb.is_school_role(role)])
        say_source(dispatcher, [*(rule.source for rule in rules), *(task.source for task in tasks), kb.verzuimkaart.source])
        return events + done
