"""Issue 8 §5: every answer that states a rule, a route step or a contact ends
with one short source line in plain Dutch, built from the ``source:`` fields."""

from __future__ import annotations

import pytest
from action_helpers import run_action, texts

from actions.kernteampartner import ActionFindPartner
from actions.onderzoek import ActionExplainOnderzoek
from actions.rendering import source_line
from actions.samenwerking import ActionExplainSamenwerking
from actions.tweede_deskundige import ActionExplainTweedeDeskundige
from actions.verlof import ActionExplainVerlof
from actions.verzuim import ActionExplainVerzuim
from bot.knowledge import load_knowledge

HAARLEM = {"gemeente": "haarlem", "region": "zuid_kennemerland"}
ROUTEBOEK = "Bron: Routeboek Zuid-Kennemerland"


def role(value):
    return [{"entity": "role", "value": value, "text": value}]


# subject -> (action, message, intent, slots, entities, what the source line must say)
ANSWERS = {
    "kernteampartner": (ActionFindPartner(), "wie is onze leerplichtambtenaar?", "ask_partner", HAARLEM,
                        role("leerplichtambtenaar"), f"{ROUTEBOEK}, kernteamleden"),
    "kernteampartner buiten de regio's": (ActionFindPartner(), "leerplicht voor een kind uit Hillegom", "ask_partner",
                                          {**HAARLEM, "pupil_gemeente": "hillegom"}, role("leerplichtambtenaar"),
                                          f"{ROUTEBOEK}, kernteamleden"),
    "veilig thuis (landelijk)": (ActionFindPartner(), "Veilig Thuis", "ask_partner", HAARLEM, role("veilig_thuis"),
                                 "landelijke afspraak: landelijk nummer van Veilig Thuis"),
    "verlof": (ActionExplainVerlof(), "ok", "inform", {"verlof_kind": "vakantie", "verlof_days": 3.0},
               None, f"{ROUTEBOEK}, Verzuimkaart"),
    "verzuim": (ActionExplainVerzuim(), "ok", "inform", {"verzuim_kind": "thuiszitten", "region": "utrecht"},
                None, "Kernpartneraanpak Utrecht"),
    "tweede_deskundige": (ActionExplainTweedeDeskundige(), "ok", "inform", {"first_expert_function": "pedagoog"},
                          None, f"{ROUTEBOEK}, overstap en tweede deskundige"),
    "onderzoek": (ActionExplainOnderzoek(), "wie betaalt een iq-onderzoek?", "ask_onderzoek", None, None,
                  f"{ROUTEBOEK}, bekostiging intelligentieonderzoek"),
    "samenwerking": (ActionExplainSamenwerking(), "wie heeft de regie?", "ask_samenwerking", None, None,
                     "Bron: Uitgangspunten kernteams Zuid-Kennemerland"),
    "samenwerking in een regio": (ActionExplainSamenwerking(), "hoe werkt het in Zuid-Limburg", "ask_samenwerking",
                                  None, [{"entity": "region", "value": "zuid_limburg"}],
                                  "Bron: Kijkwijzer knooppunt Zuid-Limburg"),
}


@pytest.mark.parametrize("subject", sorted(ANSWERS))
def test_every_subjects_answer_carries_its_source_line(make_tracker, domain, subject):
    action, text, intent, slots, entities, expected = ANSWERS[subject]
    dispatcher, _ = run_action(action, make_tracker(text, intent, slots=slots, entities=entities), domain)
    lines = [line for line in texts(dispatcher) if line.startswith("Bron: ")]
    assert len(lines) == 1, texts(dispatcher)
    assert expected in lines[0]
    # the source line closes the answer (only buttons to go on may follow it)
    after = texts(dispatcher)[texts(dispatcher).index(lines[0]) + 1:]
    assert all(message.endswith("?") for message in after), after


def test_source_line_names_document_part_and_national_agreement():
    kb = load_knowledge()
    refs = [kb.get("verzuim_kind", "te_laat").source, kb.get("role", "jgz").source, kb.get("verzuim_kind", "te_laat").source,
            kb.contacts("veilig_thuis")[-1].source, None]
    assert source_line(refs) == ("Bron: Routeboek Zuid-Kennemerland, Verzuimkaart, kernteamleden; "
                                 "landelijke afspraak: landelijk nummer van Veilig Thuis")
    assert source_line([]) == ""


def test_every_source_file_has_a_short_title():
    assert all(source.short_title for source in load_knowledge().sources.values())
