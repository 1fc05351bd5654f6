"""The eleven routing errors of issue 8 §2, one test (or a few) per error.

Each test failed before its fix. The numbers in the test names follow the
issue's list.
"""

from __future__ import annotations

import re
from typing import Any, Dict

import pytest
from action_helpers import all_text, run_action, slot_events, slot_value

from actions.kernteampartner import ActionFindPartner, ActionRememberLocation, say_unknown_place
from actions.onderzoek import ActionExplainOnderzoek
from actions.tweede_deskundige import ValidateTweedeDeskundigeForm, proposal
from actions.verlof import ActionExplainVerlof, ValidateVerlofForm
from actions.verzuim import ActionExplainVerzuim
from bot.knowledge import load_knowledge
from rasa_sdk.executor import CollectingDispatcher

ZK = "zuid_kennemerland"
NAME = "Sanne Bakker"


def located(text: str, entity: str, value: str) -> Dict[str, Any]:
    """An NLU entity with its real place in ``text`` (as Rasa sends it: no 'text' key)."""
    start = text.lower().index(value.lower()) if value.lower() in text.lower() else 0
    return {"entity": entity, "value": value, "start": start, "end": start + len(value)}


def role_entity(text: str, typed: str, value: str) -> Dict[str, Any]:
    """A role entity after the synonym mapper: ``typed`` in the text, ``value`` the id."""
    start = text.lower().index(typed.lower())
    return {"entity": "role", "value": value, "start": start, "end": start + len(typed)}


# --- 1. tweede deskundige: candidates on their own terms -------------------------------------

def test_1_only_the_jeugdverpleegkundige_involved_is_not_the_jeugdarts(make_tracker, domain):
    text = "alleen de jeugdverpleegkundige is betrokken"
    tracker = make_tracker(text, "inform", slots={"first_expert_function": "pedagoog", "requested_slot": "involved_experts"},
                           entities=[role_entity(text, "jeugdverpleegkundige", "jgz")], active_loop="tweede_deskundige_form")
    _, events = run_action(ValidateTweedeDeskundigeForm(), tracker, domain)
    assert "jeugdarts" not in slot_value(events, "involved_experts")


def test_1_a_jeugdverpleegkundige_as_first_expert_does_not_exclude_the_jeugdarts(make_tracker, domain):
    text = "de eerste deskundige is de jeugdverpleegkundige"
    tracker = make_tracker(text, "inform", slots={"requested_slot": "first_expert_function"},
                           entities=[role_entity(text, "jeugdverpleegkundige", "jgz")], active_loop="tweede_deskundige_form")
    _, events = run_action(ValidateTweedeDeskundigeForm(), tracker, domain)
    first = slot_value(events, "first_expert_function")
    assert first != "arts"
    possible, same_function, _ = proposal(first, ["jeugdarts"])
    assert "jeugdarts" in [c.id for c in possible]
    assert same_function == []


def test_1_the_jeugdarts_is_still_recognised_as_involved(make_tracker, domain):
    text = "de jeugdarts is betrokken"
    tracker = make_tracker(text, "inform", slots={"first_expert_function": "pedagoog", "requested_slot": "involved_experts"},
                           entities=[role_entity(text, "jeugdarts", "jgz")], active_loop="tweede_deskundige_form")
    _, events = run_action(ValidateTweedeDeskundigeForm(), tracker, domain)
    assert slot_value(events, "involved_experts") == ["jeugdarts"]


# --- 2. Altra / CJG Haarlemmermeer follow where the pupil lives ----------------------------------

def test_2_haarlem_school_with_a_pupil_from_haarlemmermeer_gets_altra(make_tracker, domain):
    text = "wie is de CJG-coach voor deze leerling?"
    slots = {"gemeente": "haarlem", "region": ZK, "pupil_gemeente": "haarlemmermeer"}
    tracker = make_tracker(text, "ask_partner", slots=slots, entities=[role_entity(text, "CJG-coach", "cjg_coach")])
    dispatcher, _ = run_action(ActionFindPartner(), tracker, domain)
    said = all_text(dispatcher)
    assert "helpdeskschoolcoaches@altra.nl" in said
    assert "088-9958484" not in said  # CJG Kennemerland (Haarlem) is for pupils living there


def test_2_school_place_and_pupil_place_stay_two_facts(make_tracker, domain):
    text = "onze school staat in Haarlem en de leerling woont in Haarlemmermeer"
    tracker = make_tracker(text, "ask_partner", entities=[located(text, "gemeente", "haarlem"),
                                                          located(text, "gemeente", "haarlemmermeer")])
    _, events = run_action(ActionRememberLocation(), tracker, domain)
    assert slot_events(events) == {"gemeente": "haarlem", "region": ZK, "pupil_gemeente": "haarlemmermeer"}


def test_2_naming_the_pupils_place_later_keeps_the_school(make_tracker, domain):
    text = "de leerling woont in Haarlemmermeer"
    tracker = make_tracker(text, "inform_location", slots={"gemeente": "haarlem", "region": ZK},
                           entities=[located(text, "gemeente", "haarlemmermeer")])
    _, events = run_action(ActionRememberLocation(), tracker, domain)
    assert slot_events(events) == {"pupil_gemeente": "haarlemmermeer"}


# --- 3. leerplicht named neutrally when the gemeente is unknown ----------------------------------

def test_3_leerplicht_without_gemeente_is_not_the_leerplein():
    kb = load_knowledge()
    assert "Leerplein" not in kb.local_role_name("leerplichtambtenaar", ZK)
    assert "Leerplein" in kb.local_role_name("leerplichtambtenaar", ZK, "haarlem")
    assert "Leerplein" not in kb.local_role_name("leerplichtambtenaar", ZK, "haarlemmermeer")


def test_3_verzuim_answer_without_gemeente_does_not_say_leerplein(make_tracker, domain):
    tracker = make_tracker("ok", "inform", slots={"verzuim_kind": "te_laat", "verzuim_count": 13})
    dispatcher, _ = run_action(ActionExplainVerzuim(), tracker, domain)
    assert "van het Leerplein" not in all_text(dispatcher)


# --- 4. a question about paying that names no situation gets all situations ------------------------

def test_4_wordt_een_iq_onderzoek_vergoed_shows_every_situation(make_tracker, domain):
    dispatcher, _ = run_action(ActionExplainOnderzoek(), make_tracker("Wordt een IQ-onderzoek vergoed?", "ask_onderzoek"), domain)
    said = all_text(dispatcher)
    for situation in load_knowledge().onderzoek.situations:
        assert situation.name in said
    assert "Let wel" in said


# --- 5. CJG Bloemendaal is CJG Kennemerland for the gemeente Bloemendaal ---------------------------

def test_5_bloemendaal_contact_is_cjg_kennemerland():
    kb = load_knowledge()
    organisations = [c.organisation or "" for c in kb.all_contacts]
    assert not any("CJG Bloemendaal" in name for name in organisations)
    (contact,) = kb.contacts("cjg_coach", gemeente_id="bloemendaal")
    assert contact.organisation.startswith("CJG Kennemerland")
    assert (contact.website, contact.phone) == ("www.cjgbloemendaal.nl", "088-9958383")


# --- 6. Zuid-Limburg: the kijkwijzer only asks who joins incidentally -------------------------------

def test_6_zuid_limburg_never_says_leerplicht_is_not_a_regular_participant(make_tracker, domain):
    kb = load_knowledge()
    texts = [note.text for role in kb.roles for note in role.notes]
    texts += [note.text for region in kb.regions for note in region.notes]
    texts += [kb.local_role_name("leerplichtambtenaar", "zuid_limburg")]
    assert not [t for t in texts if re.search(r"geen vaste deelnemer|sluit aan als dat nodig is", t)]
    text = "wat doet leerplicht bij ons?"
    tracker = make_tracker(text, "ask_partner", slots={"region": "zuid_limburg"},
                           entities=[role_entity(text, "leerplicht", "leerplichtambtenaar")])
    dispatcher, _ = run_action(ActionFindPartner(), tracker, domain)
    assert "kijkwijzer" in all_text(dispatcher).lower()


# --- 7. consultants Ouders & School are not the school's onderwijsconsulent -------------------------

def test_7_consultants_ouders_en_school_are_their_own_role():
    kb = load_knowledge()
    role = kb.find("role", "consultant ouders en school")
    assert role is not None and role.id != "onderwijsconsulent"
    assert "ouderpagina" in " ".join(c.website or "" for c in kb.contacts(role.id, region_id=ZK))


def test_7_relatief_verzuim_names_the_consultants_ouders_en_school(make_tracker, domain):
    tracker = make_tracker("ok", "inform", slots={"verzuim_kind": "ongeoorloofd", "gemeente": "haarlem", "region": ZK})
    dispatcher, _ = run_action(ActionExplainVerzuim(), tracker, domain)
    said = all_text(dispatcher)
    assert "consultants Ouders & School" in said
    assert "www.passendonderwijs-zk.nl/ouderpagina" in said


# --- 8. synonyms belong to a region ----------------------------------------------------------------

@pytest.mark.parametrize("term", ["sociaal wijkteam", "buurtteam", "Lokalis", "team toegang"])
def test_8_other_regions_names_do_not_mean_the_cjg_coach_in_zuid_kennemerland(term):
    kb = load_knowledge()
    assert kb.find("role", term, ZK) is None
    assert kb.find("role", term, "utrecht" if term in ("buurtteam", "Lokalis") else "zuid_limburg").id == "cjg_coach"


def test_8_cjg_on_goeree_overflakkee_is_the_jeugdverpleegkundige_of_cjg_rijnmond(make_tracker, domain):
    kb = load_knowledge()
    assert kb.find("role", "CJG", "goeree_overflakkee").id == "jgz"
    assert kb.find("role", "CJG", ZK).id == "cjg_coach"
    text = "wie is het CJG bij ons?"
    tracker = make_tracker(text, "ask_partner", slots={"gemeente": "goeree_overflakkee", "region": "goeree_overflakkee"},
                           entities=[role_entity(text, "CJG", "cjg_coach")])
    dispatcher, _ = run_action(ActionFindPartner(), tracker, domain)
    assert "jeugdverpleegkundige van CJG Rijnmond" in all_text(dispatcher)


def test_8_a_name_from_another_region_is_explained(make_tracker, domain):
    text = "hoe bereik ik het buurtteam?"
    tracker = make_tracker(text, "ask_partner", slots={"gemeente": "haarlem", "region": ZK},
                           entities=[role_entity(text, "buurtteam", "cjg_coach")])
    dispatcher, _ = run_action(ActionFindPartner(), tracker, domain)
    said = all_text(dispatcher)
    assert "Utrecht" in said and "CJG-coach" in said


# --- 9. region notes are filtered on the note's region -----------------------------------------------

@pytest.mark.parametrize("region, shown", [(ZK, False), ("utrecht", True)])
def test_9_the_utrecht_thuiszitten_note_only_in_utrecht(make_tracker, domain, region, shown):
    tracker = make_tracker("ok", "inform", slots={"verzuim_kind": "thuiszitten", "region": region})
    dispatcher, _ = run_action(ActionExplainVerzuim(), tracker, domain)
    assert ("In Utrecht bekijken de vier kernpartners" in all_text(dispatcher)) is shown


# --- 10. no unsourced sentences about who decides verlof ---------------------------------------------

@pytest.mark.parametrize("days", [5, 12])
def test_10_verlof_gewichtige_omstandigheden_names_no_unsourced_decider(make_tracker, domain, days):
    tracker = make_tracker("ok", "inform", slots={"verlof_kind": "gewichtige_omstandigheden", "verlof_days": days})
    dispatcher, _ = run_action(ActionExplainVerlof(), tracker, domain)
    said = all_text(dispatcher)
    assert "die erover beslist" not in said
    assert "(de directeur)" not in said
    assert "bij langere verzoeken, bij de leerplichtambtenaar" not in said


# --- 11. privacy: nothing the teacher typed is repeated in a bot message ------------------------------

def test_11_an_unknown_place_is_not_repeated(make_tracker):
    dispatcher = CollectingDispatcher()
    say_unknown_place(dispatcher, make_tracker(NAME, "inform_location"))
    assert NAME not in all_text(dispatcher)
    assert "ken ik niet" in all_text(dispatcher)


def test_11_a_date_in_the_past_is_not_repeated(make_tracker, domain):
    text = f"vorige week met {NAME}"
    tracker = make_tracker(text, "inform", slots={"verlof_kind": "vakantie", "verlof_days": 3,
                                                  "requested_slot": "verlof_after_summer"}, active_loop="verlof_form")
    dispatcher, _ = run_action(ValidateVerlofForm(), tracker, domain)
    assert "achter ons" in all_text(dispatcher)
    assert NAME not in all_text(dispatcher)


def test_10_unsourced_advice_is_gone_from_acute_reply_and_verwijsindex():
    """'Zorg dat het kind niet alleen is' has no source; the Verwijsindex step
    says what the Routeboek says (escalation 'kan worden voorkomen'), not that
    Veilig Thuis is 'vaak niet nodig'."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    messages = (root / "actions" / "messages.yml").read_text(encoding="utf-8")
    route = (root / "knowledge" / "routes" / "veiligheid.yml").read_text(encoding="utf-8")
    assert "niet alleen is" not in messages
    assert "vaak niet nodig" not in route and "kan worden voorkomen" in route
