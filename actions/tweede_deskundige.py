"""Tweede deskundige for a move to speciaal (basis)onderwijs: asks the first
expert's function and who is involved, then proposes who may act as second
expert according to the routeboek. The triade decides."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation_state import latest_entity_values, latest_text, typed_entities
from actions.form_validation import UNKNOWN, GuidedFormValidation, Invalid, Parser
from actions.rendering import bullet_list, join_names, say_source, section
from bot.knowledge import load_knowledge
from actions.messages import say

_NOBODY = re.compile(r"\b(niemand|geen\s+(andere|een|enkele)?|nog\s+niemand|nee)\b", re.IGNORECASE)
# The first expert has a function that none of the candidates has (for example a
# jeugdverpleegkundige): nobody is excluded for having the same function.
OTHER_FUNCTION = "andere_functie"


def functions_in_text(text: str) -> list[str]:
    """Profession ids named in ``text`` (by their synonyms in knowledge/)."""
    return [p.id for p in load_knowledge().tweede_deskundige.professions if p.mentioned_in(text)]


def candidates_in_message(tracker: Tracker) -> list[str]:
    """Candidate ids (jeugdarts, cjg_coach, poh_jeugd, …) named in the message, by
    each candidate's own ``terms`` in knowledge/ (not the whole role: "de
    jeugdverpleegkundige" is in the JGZ-team but is not the jeugdarts). A button
    payload without text may carry the candidate's role id."""
    td = load_knowledge().tweede_deskundige
    text = latest_text(tracker)
    # Without typed words (a button) the entity value is the candidate's role id.
    role_ids = {value for value, typed in typed_entities(tracker, "role") if typed in ("", value)}
    return [c.id for c in td.candidates
            if (c.role_id and c.role_id in role_ids) or (not text.startswith("/") and c.mentioned_in(text))]


def _names_someone(tracker: Tracker) -> bool:
    """Whether the message names a professional at all (a role, by NLU or by name)."""
    kb = load_knowledge()
    return bool(latest_entity_values(tracker, "role")) or kb.find("role", latest_text(tracker)) is not None


def _first_function(tracker: Tracker, asked: bool) -> Any:
    functions = functions_in_text(latest_text(tracker))
    if functions:
        return functions[0]
    candidates = {c.id: c for c in load_knowledge().tweede_deskundige.candidates}
    for candidate_id in candidates_in_message(tracker):
        if asked and candidates[candidate_id].function:
            return candidates[candidate_id].function
    if asked and _names_someone(tracker):
        return OTHER_FUNCTION
    return Invalid("form_invalid_choice") if asked else None


def _involved(tracker: Tracker, asked: bool) -> Any:
    """Candidate ids of the involved professionals, plus the profession ids of
    involved professionals who are not candidates ("een andere psycholoog")."""
    if not asked:
        return None
    named = candidates_in_message(tracker)
    candidate_functions = {c.function for c in load_knowledge().tweede_deskundige.candidates if c.id in named}
    others = [f for f in functions_in_text(latest_text(tracker)) if f not in candidate_functions]
    if named or others:
        return named + others
    if _NOBODY.search(latest_text(tracker)) or _names_someone(tracker):
        return []  # nobody, or only professionals who are not candidates
    return Invalid("form_invalid_choice")


class ValidateTweedeDeskundigeForm(GuidedFormValidation):
    topic = "tweede_deskundige"

    def name(self) -> Text:
        return "validate_tweede_deskundige_form"

    def parsers(self) -> Dict[str, Parser]:
        return {"first_expert_function": _first_function, "involved_experts": _involved}


def proposal(first_function: Any, involved: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """(possible, excluded because same function, not involved yet) candidates."""
    td = load_knowledge().tweede_deskundige
    # Rasa keeps a list slot as a list, so "weet ik niet" arrives as ["onbekend"].
    known = isinstance(involved, list) and UNKNOWN not in involved
    possible, same_function, not_involved = td.proposal(
        None if first_function == UNKNOWN else first_function, involved if known else None)
    return list(possible), list(same_function), list(not_involved)


class ActionExplainTweedeDeskundige(Action):
    def name(self) -> Text:
        return "action_explain_tweede_deskundige"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        td = load_knowledge().tweede_deskundige
        first = tracker.get_slot("first_expert_function")
        possible, same_function, not_involved = proposal(first, tracker.get_slot("involved_experts"))
        dispatcher.utter_message(text=section("", td.legal_duty, [p.name for p in td.professions]))
        if first == OTHER_FUNCTION:
            say(dispatcher, "td_first_function_other")
        if possible:
            say(dispatcher, "td_possible", candidates=bullet_list(f"{c.name}: {c.text}" for c in possible))
        if same_function:
            say(dispatcher, "td_same_function", candidates=join_names([c.name for c in same_function]))
        involved = tracker.get_slot("involved_experts") or []
        for profession in td.professions:
            if profession.id == first and profession.id in involved:
                say(dispatcher, "td_involved_same_function", profession=profession.name)
        if not_involved:
            say(dispatcher, "td_not_involved", candidates=join_names([c.name for c in not_involved]))
        dispatcher.utter_message(text=bullet_list(td.restrictions))
        say(dispatcher, "td_triade_decides", triade=join_names(list(td.triade)), decision=td.decision.strip())
        say(dispatcher, "rules_apply_to", applies_to=td.applies_to.text)
        say_source(dispatcher, [td.source])
        return [SlotSet("topic", "tweede_deskundige"), SlotSet("invalid_answers", 0)]
