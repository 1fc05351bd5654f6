"""The guided route "Ik heb vragen over (on)veiligheid… wat nu?".

The route asks at most three questions (acute danger? talked with the parents
or child? how did they react?) and shows the matching steps of the handreiking
from ``knowledge/routes/veiligheid.yml``. Every branch ends by naming people;
the decision always stays with the teacher and the school.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any, Dict, List, Mapping, Sequence, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import emergency_numbers, utter_acute_danger
from actions.conversation_state import clear_forms, latest_intent, latest_text
from actions.messages import say
from actions.people import name_people, roles_in_region, school_place
from actions.rendering import contact_line, say_source, section
from bot.knowledge import load_knowledge
from bot.knowledge.schema import Branch
from bot.safety import load_signals

ROUTE_ID = "veiligheid"
# The concern in knowledge/concerns.yml whose ``region_roles`` say which partners
# a region's documents name for worries about safety at home.
SAFETY_CONCERN = "veiligheid"

# The route's questions, in order, with the message (actions/messages.yml) that asks each one.
QUESTIONS = {
    "acute_check": "veiligheid_ask_acute",
    "talked_check": "veiligheid_ask_talked",
    "reaction_check": "veiligheid_ask_reaction",
}
# Answers that are no intent of their own (see ``branches:`` in knowledge/routes/veiligheid.yml).
NOT_TALKED_YET = "zelf_doen"
UNSURE_REACTION = "unsure_reaction"
ACUTE_DISCLOSURE = "acute_disclosure"
DISCLOSURE = "child_disclosure"


def branches() -> Mapping[str, Branch]:
    """answer -> branch, from ``branches:`` in knowledge/routes/veiligheid.yml."""
    return MappingProxyType({branch.answer: branch for branch in load_knowledge().get("route", ROUTE_ID).branches})


BRANCHES = branches()


def render_step(step_id: str) -> str:
    kb = load_knowledge()
    step = kb.get("route", ROUTE_ID).step(step_id)
    text = section(step.title, step.text, step.points)
    links = list(step.links or ())
    if links:
        text += "\n" + "\n".join(f"→ {link}" for link in links)
    contacts = [contact_line(c) for c in kb.topic_contacts(step.contact_topics)]
    if contacts:
        text += "\n" + "\n".join(f"✉ {line}" for line in contacts)
    return text


def show_steps(dispatcher: CollectingDispatcher, step_ids) -> None:
    """The steps as one message, followed by the one-line source of what they say."""
    route = load_knowledge().get("route", ROUTE_ID)
    dispatcher.utter_message(text="\n\n".join(render_step(step) for step in step_ids))
    say_source(dispatcher, [route.step(step).source for step in step_ids])


def ask(dispatcher: CollectingDispatcher, question: str) -> None:
    if question == "reaction_later":
        say(dispatcher, "veiligheid_ask_reaction_later")
    else:
        say(dispatcher, QUESTIONS[question], **emergency_numbers())


def ask_events(tracker: Tracker, question: str) -> list[SlotSet]:
    """Remember the open question and the trail of questions asked (for "terug")."""
    step = "reaction_check" if question == "reaction_later" else question
    trail = [q for q in (tracker.get_slot("route_trail") or []) if q != step] + [step]
    return [SlotSet("route_step", step), SlotSet("route_trail", trail)]


def regional_partners(tracker: Tracker, role_ids: Sequence[str], partners_only: bool = False) -> list[str]:
    """The branch's roles where the school is. A region whose documents name other
    partners for safety worries (Goeree-Overflakkee: the jeugdverpleegkundige of
    CJG Rijnmond and schoolmaatschappelijk werk of Kwadraad, no CJG-coach) gets
    those partners in place of the roles it does not have; ``partners_only``
    leaves out colleagues and national numbers (for contact details)."""
    kb = load_knowledge()
    _, region_id = school_place(tracker)
    kept = roles_in_region(role_ids, region_id)
    regional = next((entry.role_ids for entry in kb.get("concern", SAFETY_CONCERN).region_roles
                     if entry.region_id == region_id), ())
    if len(kept) == len(role_ids) or not regional:
        return list(role_ids)
    added = [role_id for role_id in regional if role_id not in kept and not (partners_only and (
        kb.is_school_role(role_id) or any(contact.is_national for contact in kb.contacts(role_id, region_id=region_id))))]
    return [*kept, *added]


def name_branch_people(dispatcher: CollectingDispatcher, tracker: Tracker, branch: Branch) -> None:
    name_people(dispatcher, tracker, regional_partners(tracker, branch.people),
                regional_partners(tracker, branch.contacts or (), partners_only=True))


def show_branch(dispatcher: CollectingDispatcher, tracker: Tracker, branch: Branch) -> list[SlotSet]:
    kb = load_knowledge()
    show_steps(dispatcher, branch.steps)
    if branch.extra_message:
        say(dispatcher, branch.extra_message, veilig_thuis_phone=kb.national.veilig_thuis_phone)
    name_branch_people(dispatcher, tracker, branch)
    if branch.then_ask:
        ask(dispatcher, branch.then_ask)
        return ask_events(tracker, branch.then_ask)
    if branch.show_more:
        say(dispatcher, "veiligheid_more")
    return [SlotSet("route_step", None)]


def answer_open_question(dispatcher: CollectingDispatcher, tracker: Tracker, intent: str) -> list[SlotSet]:
    """Handles ja / nee / weet ik niet for the question that is open."""
    kb = load_knowledge()
    step = tracker.get_slot("route_step")
    if step == "acute_check":
        if intent == "affirm":
            utter_acute_danger(dispatcher)
            return [SlotSet("route_step", None)]
        if intent == "dont_know":
            say(dispatcher, "veiligheid_unsure_acute", veilig_thuis_phone=kb.national.veilig_thuis_phone)
        ask(dispatcher, "talked_check")
        return ask_events(tracker, "talked_check")
    if step == "talked_check":
        if intent == "affirm":
            ask(dispatcher, "reaction_check")
            return ask_events(tracker, "reaction_check")
        return show_branch(dispatcher, tracker, branches()[NOT_TALKED_YET])
    if step == "reaction_check" and intent == "dont_know":
        return show_branch(dispatcher, tracker, branches()[UNSURE_REACTION])
    # ja/nee do not answer "hoe reageerden ze?": ask again (or start the route).
    question = step if step in QUESTIONS else "acute_check"
    ask(dispatcher, question)
    return ask_events(tracker, question)


# "niet acuut", "geen (acuut) gevaar", "niet in direct gevaar": the teacher
# already answered the route's first question.
NOT_ACUTE = re.compile(
    r"\b(?:niet|geen)\s+(?:acuut|acute|direct|spoed)\b|\bgeen\s+(?:acuut\s+|direct\s+)?gevaar\b"
    r"|\bniet\s+(?:direct\s+|acuut\s+)?in\s+gevaar\b|\bnot\s+(?:urgent|acute)\b"
)


def says_not_acute(text: str) -> bool:
    return bool(NOT_ACUTE.search(text.lower()))


def continue_without_danger(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[SlotSet]:
    """The teacher said there is no acute danger: never ask it again; name the
    people to think along with (those of the "zelf doen" branch) and continue
    with the next question of the route."""
    say(dispatcher, "veiligheid_not_acute_noted")
    name_branch_people(dispatcher, tracker, branches()[NOT_TALKED_YET])
    ask(dispatcher, "talked_check")
    return [SlotSet("route_step", "talked_check"), SlotSet("route_trail", ["acute_check", "talked_check"])]


class ActionVeiligheid(Action):
    def name(self) -> Text:
        return "action_veiligheid"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        intent = latest_intent(tracker)
        # A question about veiligheid in the middle of a form ends that form.
        events: list[Any] = [*clear_forms(tracker, only_if_active=True), SlotSet("topic", "veiligheid")]
        if says_not_acute(latest_text(tracker)) and tracker.get_slot("route_step") in (None, "acute_check") \
                and intent not in branches():
            return events + continue_without_danger(dispatcher, tracker)
        if intent == "worry_safety":
            if load_signals().is_disclosure(latest_text(tracker)):
                show_steps(dispatcher, branches()[DISCLOSURE].steps[:1])
            ask(dispatcher, "acute_check")
            return events + [SlotSet("route_step", "acute_check"), SlotSet("route_trail", ["acute_check"])]
        if intent in ("affirm", "deny", "dont_know"):
            return events + answer_open_question(dispatcher, tracker, intent)
        if intent == "ask_conversation_tips" and tracker.get_slot("route_step") == "talked_check":
            show_steps(dispatcher, branches()["ask_conversation_tips"].steps)
            ask(dispatcher, "reaction_later")
            return events + ask_events(tracker, "reaction_later")
        branch = branches().get(intent or "")
        if branch is None:
            ask(dispatcher, "acute_check")
            return events + ask_events(tracker, "acute_check")
        return events + show_branch(dispatcher, tracker, branch)
