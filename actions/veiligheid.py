"""The guided route "Ik heb vragen over (on)veiligheid… wat nu?".

The route asks at most three questions (acute danger? talked with the parents
or child? how did they react?) and shows the matching steps of the handreiking
from ``knowledge/routes/veiligheid.yml``. Every branch ends by naming people;
the decision always stays with the teacher and the school.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import utter_acute_danger
from actions.conversation_state import clear_forms, latest_intent
from actions.people import name_people
from actions.rendering import contact_line, section
from bot.knowledge import load_knowledge
from actions.messages import say

ROUTE_ID = "veiligheid"

# The route's questions, in order, with the message (actions/messages.yml) that asks each one.
QUESTIONS = {
    "acute_check": "veiligheid_ask_acute",
    "talked_check": "veiligheid_ask_talked",
    "reaction_check": "veiligheid_ask_reaction",
}
KERNTEAM = ("cjg_coach", "jgz", "leerplichtambtenaar", "onderwijsconsulent")


@dataclass(frozen=True)
class Branch:
    """Which handreiking steps to show and whom to name afterwards."""

    steps: tuple[str, ...]
    people: tuple[str, ...]
    contacts: tuple[str, ...] = ()
    extra_message: str | None = None
    then_ask: str | None = None  # a question to continue with
    show_more: bool = True


BRANCHES: dict[str, Branch] = {
    "zelf_doen": Branch(
        ("zelf_doen", "gesprek_ouders_kind", "advies_veilig_thuis", "bespreken_kernteam", "praktische_hulp"),
        ("aandachtsfunctionaris", "cjg_coach", "veilig_thuis"), ("cjg_coach",),
        then_ask="reaction_later", show_more=False,
    ),
    "ask_conversation_tips": Branch(("gesprek_ouders_kind",), ("aandachtsfunctionaris", "cjg_coach"), show_more=False),
    "ask_anonymous_advice": Branch(("advies_veilig_thuis", "bespreken_kernteam"), ("veilig_thuis", "aandachtsfunctionaris", "cjg_coach"), ("cjg_coach",)),
    "parents_want_help": Branch(("kernpartners_inroepen",), KERNTEAM, ("cjg_coach", "jgz")),
    "parents_refuse_help": Branch(
        ("meldcode_op_school", "meldcode_stappen"), ("aandachtsfunctionaris", "veilig_thuis", "cjg_coach"),
        ("cjg_coach",), extra_message="meldcode_decision_note",
    ),
    "parents_see_no_problem": Branch(
        ("meldcode_op_school", "meldcode_stappen"), ("aandachtsfunctionaris", "veilig_thuis", "cjg_coach"),
        ("cjg_coach",), extra_message="meldcode_decision_note",
    ),
    "ask_meldcode": Branch(
        ("meldcode_stappen", "afwegingskader", "meldcode_routeboek"), ("aandachtsfunctionaris", "veilig_thuis"),
        extra_message="meldcode_decision_note",
    ),
    "ask_grijze_gebied": Branch(("grijze_gebied", "grijze_gebied_cjg"), ("cjg_coach", "aandachtsfunctionaris"), ("cjg_coach",)),
    "ask_after_melding": Branch(("na_een_melding", "meldcode_routeboek"), ("aandachtsfunctionaris", "veilig_thuis", "cjg_coach")),
    "ask_verwijsindex": Branch(("verwijsindex",), ("intern_begeleider", "cjg_coach")),
    "ask_randvoorwaarden": Branch(("randvoorwaarden", "handige_informatie"), ("directeur", "aandachtsfunctionaris")),
    "unsure_reaction": Branch(("twijfel",), ("aandachtsfunctionaris", "veilig_thuis", "cjg_coach"), extra_message="veiligheid_unsure_reaction"),
}


def render_step(step_id: str) -> str:
    kb = load_knowledge()
    step = kb.route(ROUTE_ID).step(step_id)
    points = list(kb.step_points(step))
    text = section(step.title, step.text, points)
    links = list(getattr(step, "links", ()) or ())
    if links:
        text += "\n" + "\n".join(f"→ {link}" for link in links)
    contacts = [contact_line(c) for topic in getattr(step, "contact_topics", ()) or () for c in kb.topic_contacts(topic)]
    if contacts:
        text += "\n" + "\n".join(f"✉ {line}" for line in contacts)
    return text


def ask(dispatcher: CollectingDispatcher, question: str) -> None:
    kb = load_knowledge()
    if question == "reaction_later":
        say(dispatcher, "veiligheid_ask_reaction_later")
    else:
        say(dispatcher, QUESTIONS[question], veilig_thuis_phone=kb.national.veilig_thuis_phone)


def ask_events(tracker: Tracker, question: str) -> list[SlotSet]:
    """Remember the open question and the trail of questions asked (for "terug")."""
    step = "reaction_check" if question == "reaction_later" else question
    trail = [q for q in (tracker.get_slot("route_trail") or []) if q != step] + [step]
    return [SlotSet("route_step", step), SlotSet("route_trail", trail)]


def show_branch(dispatcher: CollectingDispatcher, tracker: Tracker, branch: Branch) -> list[SlotSet]:
    kb = load_knowledge()
    dispatcher.utter_message(text="\n\n".join(render_step(step) for step in branch.steps))
    if branch.extra_message:
        say(dispatcher, branch.extra_message, veilig_thuis_phone=kb.national.veilig_thuis_phone)
    name_people(dispatcher, tracker, branch.people, branch.contacts)
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
        return show_branch(dispatcher, tracker, BRANCHES["zelf_doen"])
    if step == "reaction_check" and intent == "dont_know":
        return show_branch(dispatcher, tracker, BRANCHES["unsure_reaction"])
    # ja/nee do not answer "hoe reageerden ze?": ask again (or start the route).
    question = step if step in QUESTIONS else "acute_check"
    ask(dispatcher, question)
    return ask_events(tracker, question)


class ActionVeiligheid(Action):
    def name(self) -> Text:
        return "action_veiligheid"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        intent = latest_intent(tracker)
        # A question about veiligheid in the middle of a form ends that form.
        events: list[Any] = [*clear_forms(tracker, only_if_active=True), SlotSet("topic", "veiligheid")]
        if intent == "worry_safety":
            ask(dispatcher, "acute_check")
            return events + [SlotSet("route_step", "acute_check"), SlotSet("route_trail", ["acute_check"])]
        if intent in ("affirm", "deny", "dont_know"):
            return events + answer_open_question(dispatcher, tracker, intent)
        if intent == "ask_conversation_tips" and tracker.get_slot("route_step") == "talked_check":
            dispatcher.utter_message(text=render_step("gesprek_ouders_kind"))
            ask(dispatcher, "reaction_later")
            return events + ask_events(tracker, "reaction_later")
        branch = BRANCHES.get(intent or "")
        if branch is None:
            ask(dispatcher, "acute_check")
            return events + ask_events(tracker, "acute_check")
        return events + show_branch(dispatcher, tracker, branch)
