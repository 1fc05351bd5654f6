"""Who pays for a capaciteiten- (IQ-)onderzoek (actions/onderzoek.py)."""

from __future__ import annotations

from action_helpers import all_text, entity, payloads, run_action, slot_events, texts

from actions.onderzoek import ActionExplainOnderzoek

SCHOOL_PAYS = "De school heeft het onderzoek nodig om de onderwijsbehoeften in kaart te brengen"
PARENTS = "Ouders willen een onderzoek, maar de school heeft geen hulpvraag"
ALL_SITUATIONS = ("Naast leerproblemen spelen er ook sociaal-emotionele problemen",
                  "Er is alleen een capaciteitenonderzoek nodig", SCHOOL_PAYS, PARENTS)


def explain(make_tracker, domain, text, entities=None):
    return run_action(ActionExplainOnderzoek(), make_tracker(text, "ask_onderzoek", entities=entities), domain)


def test_school_needs_the_test_for_onderwijsbehoeften_so_the_school_pays(make_tracker, domain):
    dispatcher, events = explain(make_tracker, domain,
                                 "wie betaalt het IQ-onderzoek als wij het nodig hebben om de onderwijsbehoeften in kaart te brengen?")
    said = all_text(dispatcher)
    assert SCHOOL_PAYS in said and "ondersteuningsbudget" in said
    assert PARENTS not in said
    assert slot_events(events) == {"topic": "onderzoek"}


def test_parents_want_a_test_so_the_parents_situation_is_shown(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, "de ouders willen een IQ-onderzoek, maar wij hebben geen vraag. wie betaalt?")
    said = all_text(dispatcher)
    assert PARENTS in said and "zelf te betalen" in said
    assert SCHOOL_PAYS not in said
    assert "/ask_onderzoek" in payloads(dispatcher)  # "Alle afspraken over IQ-onderzoek"


def test_an_unclear_question_shows_all_four_situations(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, "wie betaalt een iq test?")
    said = all_text(dispatcher)
    assert all(situation in said for situation in ALL_SITUATIONS)
    assert texts(dispatcher)[0].startswith("Het CJG krijgt regelmatig")


def test_a_chosen_situation_button_shows_only_that_situation(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, '/ask_onderzoek{"onderzoek_situation":"alleen_capaciteitenonderzoek"}',
                            entities=[entity("onderzoek_situation", "alleen_capaciteitenonderzoek")])
    said = all_text(dispatcher)
    assert "Jeugdwet" in said
    assert SCHOOL_PAYS not in said and PARENTS not in said


def test_every_answer_names_ib_cjg_and_onderwijsconsulent(make_tracker, domain):
    dispatcher, _ = explain(make_tracker, domain, "wie betaalt een iq test?")
    people = texts(dispatcher)[-2]  # the last message is the source line
    assert people.startswith("Met wie je dit kunt bespreken")
    assert "intern begeleider" in people and "CJG-coach" in people and "onderwijsconsulent" in people
