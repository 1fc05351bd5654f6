"""Kernteampartner finder (actions/kernteampartner.py): which partner fits the
question, and how to reach that partner for the school's gemeente or region.
Where the sources give no contact details, the bot says so honestly."""

from __future__ import annotations

import pytest
from action_helpers import all_text, entity, payloads, run_action, slot_events, slot_value, texts

from actions.kernteampartner import ActionFindPartner, ActionRememberLocation

HAARLEM = {"gemeente": "haarlem", "region": "zuid_kennemerland"}
HEEMSTEDE = {"gemeente": "heemstede", "region": "zuid_kennemerland"}
HAARLEMMERMEER = {"gemeente": "haarlemmermeer", "region": "zuid_kennemerland"}
LOCATION_BUTTONS = {'/inform_location{"gemeente":"haarlem"}', '/inform_location{"region":"utrecht"}',
                    '/inform_location{"region":"zuid_limburg"}'}
LEERPLEIN_CONTACT = ("023-5113660", "info@leerplein-mzk.nl")


def find_partner(make_tracker, domain, text, intent="ask_partner", slots=None, entities=None):
    return run_action(ActionFindPartner(), make_tracker(text, intent, slots=slots, entities=entities), domain)


# --- remembering where the school is (slot mapping action) --------------------------------

def test_a_named_gemeente_is_remembered_with_its_region(make_tracker, domain):
    tracker = make_tracker("onze school staat in Haarlem", "inform_location", entities=[entity("gemeente", "haarlem")])
    _, events = run_action(ActionRememberLocation(), tracker, domain)
    assert slot_events(events) == {"gemeente": "haarlem", "region": "zuid_kennemerland"}


def test_a_gemeente_in_the_text_is_found_without_an_entity(make_tracker, domain):
    tracker = make_tracker("we zitten in Heemstede", "inform_location")
    _, events = run_action(ActionRememberLocation(), tracker, domain)
    assert slot_events(events) == {"gemeente": "heemstede", "region": "zuid_kennemerland"}


def test_where_the_pupil_lives_is_not_taken_as_the_school_place(make_tracker, domain):
    text = "een leerling uit Hillegom verzuimt veel, bij welke leerplicht moet ik zijn?"
    tracker = make_tracker(text, "ask_partner", entities=[entity("gemeente", "hillegom"), entity("role", "leerplichtambtenaar")])
    _, events = run_action(ActionRememberLocation(), tracker, domain)
    assert slot_events(events) == {"pupil_gemeente": "hillegom"}


def test_school_place_and_pupil_place_in_one_message(make_tracker, domain):
    text = "onze school staat in Heemstede, de leerling woont in Haarlemmermeer"
    tracker = make_tracker(text, "ask_partner", entities=[entity("gemeente", "heemstede"), entity("gemeente", "haarlemmermeer")])
    _, events = run_action(ActionRememberLocation(), tracker, domain)
    assert slot_events(events) == {"gemeente": "heemstede", "region": "zuid_kennemerland", "pupil_gemeente": "haarlemmermeer"}


def test_choosing_another_region_forgets_the_old_gemeente(make_tracker, domain):
    tracker = make_tracker('/inform_location{"region":"utrecht"}', "inform_location", slots=HAARLEM,
                           entities=[entity("region", "utrecht")])
    _, events = run_action(ActionRememberLocation(), tracker, domain)
    assert slot_events(events) == {"region": "utrecht", "gemeente": None}


def test_naming_the_own_region_keeps_the_gemeente(make_tracker, domain):
    tracker = make_tracker("regio Zuid-Kennemerland", "inform_location", slots=HAARLEM,
                           entities=[entity("region", "zuid_kennemerland")])
    _, events = run_action(ActionRememberLocation(), tracker, domain)
    assert slot_events(events) == {"region": "zuid_kennemerland"}


def test_an_unknown_place_sets_nothing(make_tracker, domain):
    _, events = run_action(ActionRememberLocation(), make_tracker("Amsterdam", "inform_location"), domain)
    assert events == []


# --- contacts per gemeente ----------------------------------------------------------------

def test_leerplicht_in_heemstede_gives_the_leerplein(make_tracker, domain):
    dispatcher, events = find_partner(
        make_tracker, domain, "hoe bereik ik de leerplichtambtenaar in Heemstede?", slots=HEEMSTEDE,
        entities=[entity("role", "leerplichtambtenaar"), entity("gemeente", "heemstede")])
    said = all_text(dispatcher)
    assert "023-5113660" in said and "info@leerplein-mzk.nl" in said
    assert "Voor Heemstede" in said
    assert slot_events(events) == {"topic": "kernteampartner", "pending_roles": None}


def test_cjg_coach_in_haarlemmermeer_is_the_schoolcoach_of_altra(make_tracker, domain):
    dispatcher, _ = find_partner(
        make_tracker, domain, "we hebben geen CJG-coach meer, wie nu? school staat in Haarlemmermeer",
        slots=HAARLEMMERMEER, entities=[entity("role", "cjg_coach"), entity("gemeente", "haarlemmermeer")])
    said = all_text(dispatcher)
    assert "schoolcoach (Altra)" in said
    assert "helpdeskschoolcoaches@altra.nl" in said
    assert "info@cjgkennemerland.nl" not in said  # that is the CJG of Haarlem-Zandvoort


def test_every_answer_ends_with_an_invitation_to_discuss_it_in_the_kernteam(make_tracker, domain):
    dispatcher, _ = find_partner(make_tracker, domain, "wat doet de jeugdarts eigenlijk?", slots=HAARLEM,
                                 entities=[entity("role", "jgz")])
    assert "kernteam" in texts(dispatcher)[-1]
    assert payloads(dispatcher)[-2:] == ["/ask_partner", "/ask_help_menu"]


def test_a_colleague_inside_the_school_needs_no_place_and_no_outside_contacts(make_tracker, domain):
    dispatcher, events = find_partner(make_tracker, domain, "wie is onze IB'er?",
                                      entities=[entity("role", "intern_begeleider")])
    said = all_text(dispatcher)
    assert "werkt binnen je eigen school" in said
    assert "@" not in said
    assert "pending_roles" in slot_events(events) and slot_value(events, "pending_roles") is None


# --- where the pupil lives -----------------------------------------------------------------

def test_pupil_from_hillegom_goes_to_the_rbl_not_the_leerplein(make_tracker, domain):
    text = "een leerling uit Hillegom verzuimt veel, bij welke leerplicht moet ik zijn?"
    dispatcher, _ = find_partner(make_tracker, domain, text, slots={"pupil_gemeente": "hillegom"},
                                 entities=[entity("gemeente", "hillegom"), entity("role", "leerplichtambtenaar")])
    said = all_text(dispatcher)
    assert "RBL" in said and "Holland Rijnland" in said
    assert "woont in Hillegom" in said
    assert not any(contact in said for contact in LEERPLEIN_CONTACT)


def test_pupil_from_hillegom_at_a_school_in_heemstede_still_goes_to_the_rbl(make_tracker, domain):
    dispatcher, _ = find_partner(make_tracker, domain, "de leerling woont in Hillegom, wie is de leerplichtambtenaar?",
                                 slots={**HEEMSTEDE, "pupil_gemeente": "hillegom"},
                                 entities=[entity("role", "leerplichtambtenaar")])
    said = all_text(dispatcher)
    assert "RBL" in said
    assert not any(contact in said for contact in LEERPLEIN_CONTACT)


def test_pupil_from_haarlemmermeer_at_a_school_in_heemstede_gets_haarlemmermeer_leerplicht(make_tracker, domain):
    # Voor leerplicht telt de woonplaats: Haarlemmermeer does it itself, not the Leerplein.
    dispatcher, _ = find_partner(make_tracker, domain, "de leerling woont in Haarlemmermeer, welke leerplichtambtenaar?",
                                 slots={**HEEMSTEDE, "pupil_gemeente": "haarlemmermeer"},
                                 entities=[entity("role", "leerplichtambtenaar")])
    said = all_text(dispatcher)
    assert "woont in Haarlemmermeer" in said
    assert "leerplicht@haarlemmermeer.nl" in said
    assert not any(contact in said for contact in LEERPLEIN_CONTACT)


# --- regions without contact details ---------------------------------------------------------

@pytest.mark.parametrize("region, role, text", [
    ("zuid_limburg", "jgz", "hoe bereik ik de jeugdgezondheidszorg in Zuid-Limburg?"),
    ("utrecht", "cjg_coach", "wie is bij ons het buurtteam? we zitten in de regio Utrecht"),
    ("goeree_overflakkee", "schoolmaatschappelijk_werk", "wie doet schoolmaatschappelijk werk bij ons op Goeree-Overflakkee?"),
])
def test_regions_without_contacts_in_the_sources_say_so_honestly(make_tracker, domain, region, role, text):
    dispatcher, _ = find_partner(make_tracker, domain, text, slots={"region": region},
                                 entities=[entity("role", role), entity("region", region)])
    said = all_text(dispatcher)
    assert "noemen geen contactgegevens" in said
    assert "@" not in said and "023-" not in said


def test_utrecht_uses_the_local_name_of_the_cjg_coach(make_tracker, domain):
    dispatcher, _ = find_partner(make_tracker, domain, "wie is bij ons het buurtteam?", slots={"region": "utrecht"},
                                 entities=[entity("role", "cjg_coach")])
    assert texts(dispatcher)[0].startswith("*Buurtteam Lokalis*")


# --- asking for the place or the concern -------------------------------------------------------

def test_unknown_place_without_entity_says_so_and_asks_for_the_place_with_buttons(make_tracker, domain):
    dispatcher, events = find_partner(make_tracker, domain, "Amsterdam", intent="inform_location")
    assert texts(dispatcher)[0].startswith("Die plaats ken ik niet")
    assert "Amsterdam" not in all_text(dispatcher)  # what the teacher typed is never repeated
    assert "In welke gemeente of regio" in texts(dispatcher)[1]
    assert LOCATION_BUTTONS <= set(payloads(dispatcher))
    assert slot_events(events) == {"topic": "kernteampartner"}


def test_unknown_place_when_another_place_was_known_is_not_noted_as_the_old_place(make_tracker, domain):
    dispatcher, _ = find_partner(make_tracker, domain, "Amsterdam", intent="inform_location", slots=HAARLEM)
    said = all_text(dispatcher)
    assert "Die plaats ken ik niet" in said
    assert "Genoteerd" not in said


def test_a_question_without_gemeente_remembers_the_role_and_asks_the_place(make_tracker, domain):
    dispatcher, events = find_partner(make_tracker, domain, "wie moet ik bellen over een kind dat steeds ziek is?")
    assert slot_value(events, "pending_roles") == ["jgz"]
    assert "In welke gemeente of regio" in all_text(dispatcher)
    assert LOCATION_BUTTONS <= set(payloads(dispatcher))


def test_giving_the_place_answers_the_remembered_question(make_tracker, domain):
    dispatcher, events = find_partner(make_tracker, domain, "Zandvoort", intent="inform_location",
                                      slots={"gemeente": "zandvoort", "region": "zuid_kennemerland", "pending_roles": ["jgz"]},
                                      entities=[entity("gemeente", "zandvoort")])
    said = all_text(dispatcher)
    assert "Voor Zandvoort" in said and "frontofficejgz@vrk.nl" in said
    assert slot_value(events, "pending_roles") is None


def test_giving_the_place_without_a_question_notes_it_and_shows_the_menu(make_tracker, domain):
    dispatcher, events = find_partner(make_tracker, domain, "Bloemendaal", intent="inform_location",
                                      slots={"gemeente": "bloemendaal", "region": "zuid_kennemerland"},
                                      entities=[entity("gemeente", "bloemendaal")])
    assert "Genoteerd: je school valt onder Bloemendaal" in all_text(dispatcher)
    assert "/ask_verlof" in payloads(dispatcher)
    assert slot_events(events) == {"topic": "kernteampartner"}


def test_a_question_without_a_concern_asks_what_it_is_about(make_tracker, domain):
    dispatcher, events = find_partner(make_tracker, domain, "welke kernteampartner moet ik benaderen?")
    assert "Waar gaat je vraag over?" in all_text(dispatcher)
    assert '/ask_partner{"concern":"veiligheid"}' in payloads(dispatcher)
    assert slot_events(events) == {"topic": "kernteampartner"}


# --- issue 9 §3: every region gets its own answer --------------------------------------------

ZK_TEXT_AND_CONTACTS = ("088-9958484", "Leerplein", "kernteam@po-zk.nl", "GGD Kennemerland", "Routeboek Zuid-Kennemerland",
                        "Verzuimkaart", "JGZ-team van de GGD")


def test_goeree_overflakkee_cjg_rijnmond_answers_zindelijkheid_and_slapen_in_basisondersteuning(make_tracker, domain):
    text = "school op goeree-overflakkee. kleuter is nog niet zindelijk en slaapt slecht, bij wie kan ik terecht?"
    dispatcher, events = find_partner(make_tracker, domain, text, slots={"gemeente": "goeree_overflakkee",
                                                                          "region": "goeree_overflakkee"},
                                      entities=[entity("gemeente", "goeree_overflakkee")])
    said = all_text(dispatcher)
    assert "CJG Rijnmond" in said
    assert "slapen of zindelijkheid" in said  # the point of the basisondersteuning list itself
    assert "Werkwijze Team Schoolondersteuning Goeree-Overflakkee" in said  # the source line
    assert not any(zk in said for zk in ZK_TEXT_AND_CONTACTS)
    assert slot_value(events, "topic") == "kernteampartner"


def test_a_concern_on_goeree_overflakkee_gets_the_partners_of_that_region(make_tracker, domain):
    # concerns.yml region_roles: opvoeden on Goeree-Overflakkee -> CJG Rijnmond and Kwadraad, no CJG-coach.
    dispatcher, _ = find_partner(make_tracker, domain, "ik maak me zorgen over de opvoeding thuis, wie kan helpen?",
                                 slots={"region": "goeree_overflakkee"})
    said = all_text(dispatcher)
    assert "CJG Rijnmond" in said and "Kwadraad" in said
    assert "CJG-coach" not in said


def test_utrecht_leerplicht_gets_the_utrecht_kernpartners_not_the_verzuimkaart(make_tracker, domain):
    dispatcher, _ = find_partner(make_tracker, domain, "hoe bereik ik onze leerplichtambtenaar?", slots={"region": "utrecht"},
                                 entities=[entity("role", "leerplichtambtenaar")])
    said = all_text(dispatcher)
    assert "vier kernpartners" in said and "Lokalis" in said
    assert "noemen geen contactgegevens" in said
    assert not any(zk in said for zk in ZK_TEXT_AND_CONTACTS)


def test_utrecht_buurtteam_shows_the_website_the_source_gives(make_tracker, domain):
    dispatcher, _ = find_partner(make_tracker, domain, "wie is bij ons het buurtteam?", slots={"region": "utrecht"},
                                 entities=[entity("role", "cjg_coach")])
    assert "www.lokalis.nl" in all_text(dispatcher)


@pytest.mark.parametrize("text, slots, entities, expected", [
    ("wie zitten er allemaal in het kernteam van een basisschool in bloemendaal?",
     {"gemeente": "bloemendaal", "region": "zuid_kennemerland"}, [entity("gemeente", "bloemendaal")],
     ["CJG-coach", "leerplicht", "onderwijsconsulent", "JGZ"]),
    ("we zijn een basisschool in zuid-limburg, wie zit er vast in ons knooppunt?",
     {"region": "zuid_limburg"}, [entity("region", "zuid_limburg")],
     ["schoolmaatschappelijk werk", "jeugdgezondheidszorg", "Team Jeugd"]),
    ("welke kernpartners heeft onze vo-school in utrecht?",
     {"gemeente": "utrecht", "region": "utrecht"}, [entity("gemeente", "utrecht")],
     ["Lokalis", "jeugdgezondheidszorg", "begeleider passend onderwijs", "leerplichtambtenaar"]),
])
def test_who_is_in_the_team_names_the_members_of_the_schools_region(make_tracker, domain, text, slots, entities, expected):
    dispatcher, events = find_partner(make_tracker, domain, text, slots=slots, entities=entities)
    said = all_text(dispatcher)
    assert all(member in said for member in expected), said
    if slots["region"] != "zuid_kennemerland":
        assert not any(zk in said for zk in ZK_TEXT_AND_CONTACTS)
    assert slot_value(events, "topic") == "samenwerking"
    assert any(payload.startswith('/ask_partner{"role":') for payload in payloads(dispatcher))


def test_who_is_in_the_team_without_a_place_asks_once_and_answers_after_the_place(make_tracker, domain):
    question = "wie zitten er in ons kernteam?"
    dispatcher, _ = find_partner(make_tracker, domain, question)
    assert "In welke gemeente of regio" in all_text(dispatcher)
    earlier = [{"event": "user", "text": question, "parse_data": {"intent": {"name": "ask_partner"}}},
               {"event": "bot", "text": "In welke gemeente of regio staat je school?"},
               {"event": "user", "text": "Zuid-Limburg"}]
    tracker = make_tracker("Zuid-Limburg", "inform_location", slots={"region": "zuid_limburg"},
                           entities=[entity("region", "zuid_limburg")], events=earlier)
    dispatcher, _ = run_action(ActionFindPartner(), tracker, domain)
    said = all_text(dispatcher)
    assert "Team Jeugd" in said
    assert "Genoteerd" not in said


def test_the_role_is_named_before_the_place_is_asked(make_tracker, domain):
    dispatcher, events = find_partner(make_tracker, domain, "bij wie kan ik terecht met een kind dat heel vaak ziek is?")
    said = texts(dispatcher)
    assert "JGZ" in said[0] and "In welke gemeente of regio" not in said[0]
    assert "In welke gemeente of regio" in all_text(dispatcher)
    assert slot_value(events, "pending_roles") == ["jgz"]


def test_every_partner_that_fits_the_concerns_is_named_before_the_place_is_asked(make_tracker, domain):
    text = "meisje uit groep 5 is erg moe en huilt snel, haar ouders gaan scheiden. wie kan ik inschakelen?"
    dispatcher, events = find_partner(make_tracker, domain, text)
    assert "JGZ" in texts(dispatcher)[0] and "CJG-coach" in texts(dispatcher)[0]
    assert slot_value(events, "pending_roles") == ["jgz", "cjg_coach"]


@pytest.mark.parametrize("text", ["wie is eigenlijk de burgemeester van haarlem?", "wie heeft de mona lisa geschilderd"])
def test_a_wie_question_outside_the_subject_enters_no_route(make_tracker, domain, text):
    dispatcher, events = find_partner(make_tracker, domain, text, slots=HAARLEM, entities=[entity("gemeente", "haarlem")])
    assert [message.get("response") for message in dispatcher.messages] == ["utter_out_of_scope"]
    assert "topic" not in slot_events(events)


@pytest.mark.parametrize("text", ["bij wie kan ik terecht?", "wie kan ik bellen voor advies over een leerling?"])
def test_a_wie_question_that_seeks_help_still_asks_what_it_is_about(make_tracker, domain, text):
    dispatcher, events = find_partner(make_tracker, domain, text)
    assert "Waar gaat je vraag over?" in all_text(dispatcher)
    assert slot_value(events, "topic") == "kernteampartner"


def test_the_aandachtsfunctionaris_is_explained_as_a_role_at_school(make_tracker, domain):
    dispatcher, _ = find_partner(make_tracker, domain, "wat doet een aandachtsfunctionaris en wanneer schakel ik die in?",
                                 entities=[entity("role", "aandachtsfunctionaris")])
    said = all_text(dispatcher)
    assert "Meldcode" in said and "eigen school" in said
    assert "Stap 1" not in said and "In welke gemeente" not in said
