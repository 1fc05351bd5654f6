"""Exact values: every Zuid-Kennemerland contact detail and every Verzuimkaart number,
checked against what the Routeboek (001_6c0135e309740f9e.txt) says."""
from __future__ import annotations

import pytest

from kb_paths import SOURCES_DIR, needs_source_documents

ROUTEBOEK = "001_6c0135e309740f9e.txt"

# contact id -> exact field values as written in the Routeboek
ZK_CONTACTS = {
    "cjg_haarlem_zandvoort": dict(
        role_id="cjg_coach", gemeente_ids=("haarlem", "zandvoort"),
        website="www.cjgkennemerland.nl", email="info@cjgkennemerland.nl", phone="088-9958484",
        section="Gemeente Haarlem-Zandvoort"),
    "cjg_bloemendaal": dict(
        role_id="cjg_coach", gemeente_ids=("bloemendaal",),
        website="www.cjgbloemendaal.nl", email="info@cjgkennemerland.nl", phone="088-9958383",
        section="Gemeente Bloemendaal"),
    "cjg_heemstede": dict(
        role_id="cjg_coach", gemeente_ids=("heemstede",), organisation="CJG Heemstede",
        website="www.cjgheemstede.nl", email="cjg@heemstede.nl", phone=None,
        section="Gemeente Heemstede"),
    "cjg_haarlemmermeer": dict(
        role_id="cjg_coach", gemeente_ids=("haarlemmermeer",), organisation="CJG Haarlemmermeer",
        website="www.cjghaarlemmermeer.nl/over-cjg", email=None, phone=None,
        section="Gemeente Haarlemmermeer"),
    "altra_helpdesk": dict(
        role_id="cjg_coach", gemeente_ids=("haarlemmermeer",),
        department="Procesbegeleiders team schoolcoaches Altra (helpdesk)",
        email="helpdeskschoolcoaches@altra.nl", phone=None, section="Gemeente Haarlemmermeer"),
    "altra_kammeijer": dict(
        role_id="cjg_coach", gemeente_ids=("haarlemmermeer",), person="Lidewij Kammeijer",
        email="l.kammeijer@altra.nl", phone="06-52654625", section="Gemeente Haarlemmermeer"),
    "altra_van_der_horst": dict(
        role_id="cjg_coach", gemeente_ids=("haarlemmermeer",), person="Maud van der Horst",
        email="m.vanderhorst@altra.nl", phone="0640881026", section="Gemeente Haarlemmermeer"),
    "ggd_frontoffice": dict(
        role_id="jgz", region_id="zuid_kennemerland", department="Frontoffice GGD/JGZ",
        website="www.ggdkennerland.nl", email="frontofficejgz@vrk.nl", phone="023 7891777",
        section="Welk JGZ-team is aan mijn school verbonden?"),
    "swv_po_zk": dict(
        role_id="onderwijsconsulent", region_id="zuid_kennemerland",
        website="www.passendonderwijs-zk.nl", email=None, phone=None,
        section="School nodigt ouders en relevante partners uit:"),
    "swv_ouderpagina": dict(
        role_id="consultant_ouders_school", region_id="zuid_kennemerland",
        website="www.passendonderwijs-zk.nl/ouderpagina", section="De Onderwijs Consulent PO"),
    "leerplein": dict(
        role_id="leerplichtambtenaar",
        gemeente_ids=("haarlem", "zandvoort", "bloemendaal", "heemstede"),
        organisation="Leerplein", department="Administratie (Bureau CAREl)",
        website="www.leerplein-mzk.nl", email="info@leerplein-mzk.nl", phone="023-5113660",
        section="Wie is mijn leerplichtambtenaar?"),
    "leerplicht_haarlemmermeer": dict(
        role_id="leerplichtambtenaar", gemeente_ids=("haarlemmermeer",),
        department="team Leerplicht & Voortijdig Schoolverlaten",
        website="www.haarlemmermeergemeente.nl/taak/leerplicht-en-rcm",
        email="leerplicht@haarlemmermeer.nl", phone="0900 1852",
        section="Wie is mijn leerplichtambtenaar?"),
    "verwijsindex_account": dict(
        topic_id="verwijsindex_account", region_id="zuid_kennemerland", person="Maroes Albers",
        email="m.albers@po-zk.nl", subject="Verwijsindex",
        request_needs=("adres van de school", "telefoonnummer van de school", "je e-mailadres",
                       "je naam", "je functie"),
        section="Factsheet gebruik/doel verwijfsindex"),
    "verwijsindex_vragen": dict(
        topic_id="verwijsindex_vragen", region_id="zuid_kennemerland",
        email="verwijsindex@haarlem.nl", section="Factsheet gebruik/doel verwijfsindex"),
    "kernteam_po": dict(
        topic_id="kernteam_versterken", region_id="zuid_kennemerland", school_level="po",
        person="Joyce van der Zwart", function="procesbegeleider Versterken Kernteams",
        email="kernteam@po-zk.nl", section="Nog geen kernteam of een nieuwe impuls nodig?"),
    "kernteam_vo": dict(
        topic_id="kernteam_versterken", region_id="zuid_kennemerland", school_level="vo",
        person="Joyce van der Zwart", function="procesbegeleider Versterken Kernteams",
        email="kernteam@swv-vo-zk.nl", section="Nog geen kernteam of een nieuwe impuls nodig?"),
}


def _by_id(kb):
    return {c.id: c for c in kb.all_contacts}


def test_every_zk_contact_is_covered_by_this_test(kb):
    zk = {c.id for c in kb.all_contacts if not c.is_national}
    assert zk == set(ZK_CONTACTS)


@pytest.mark.parametrize("contact_id", sorted(ZK_CONTACTS))
def test_zk_contact_exact(kb, contact_id):
    expected = dict(ZK_CONTACTS[contact_id])
    contact = _by_id(kb)[contact_id]
    section = expected.pop("section")
    assert contact.source.file == ROUTEBOEK and contact.source.section == section
    for field, value in expected.items():
        assert getattr(contact, field) == value, field


@needs_source_documents
def test_contact_values_occur_verbatim_in_routeboek(kb):
    text = (SOURCES_DIR / ROUTEBOEK).read_text(encoding="utf-8")
    for contact in kb.all_contacts:
        if contact.is_national:
            continue
        for value in (contact.website, contact.email, contact.phone, contact.person):
            if value:
                assert value in text, value


def test_national_veilig_thuis_contact(kb):
    vt = _by_id(kb)["veilig_thuis_landelijk"]
    assert vt.phone == "0800-2000" and vt.is_national and vt.source.is_national


# -- Verzuimkaart ---------------------------------------------------------------------------
def test_verzuim_kinds_and_applies_to(kb):
    assert [v.id for v in kb.verzuim_kinds] == [
        "te_laat", "ziekmelding", "ongeoorloofd", "in_uitschrijving", "thuiszitten"]
    assert kb.verzuimkaart.applies_to.region_id == "zuid_kennemerland"
    assert kb.verzuimkaart.applies_to.school_level == "po"
    for rule in kb.verzuim_kinds + kb.verlof_kinds:
        assert rule.source.file == ROUTEBOEK


def test_te_laat_12_keer(kb):
    rule = kb.get("verzuim_kind", "te_laat")
    (threshold,) = rule.thresholds
    assert threshold.count == 12 and threshold.unit == "keer"
    assert threshold.comparison == "meer_dan"
    assert threshold.responsible_up_to == "school"
    assert threshold.report_to_role == "leerplichtambtenaar"
    assert threshold.mandatory is None  # the card does not say 'verplicht' here
    assert not threshold.exceeded(12) and threshold.exceeded(13)
    assert any("administratie" in p.lower() for p in rule.points)
    assert any("ouders" in p for p in rule.points)


def test_ziekmelding(kb):
    rule = kb.get("verzuim_kind", "ziekmelding")
    assert rule.thresholds == ()
    assert rule.links == ("www.ziezon.nl",)
    assert rule.involve_roles == ("jgz",)
    assert "sociaal-emotioneel" in rule.text and "jeugdarts" in rule.text


def test_ongeoorloofd_16_uur_in_4_weken(kb):
    rule = kb.get("verzuim_kind", "ongeoorloofd")
    (threshold,) = rule.thresholds
    assert threshold.count == 16 and threshold.unit == "uur"
    assert threshold.window_school_weeks == 4 and threshold.consecutive is True
    assert threshold.report_to_role == "leerplichtambtenaar" and threshold.mandatory is True
    assert not threshold.exceeded(16) and threshold.exceeded(16.5)
    # "melden bij het SWV (consulenten ouders en school)": not the kernteam's onderwijsconsulent
    assert "consultant_ouders_school" in rule.involve_roles
    assert any("SWV" in p and "registratie" in p for p in rule.points)


def test_in_uitschrijving_7_dagen_duo(kb):
    (threshold,) = kb.get("verzuim_kind", "in_uitschrijving").thresholds
    assert threshold.count == 7 and threshold.unit == "dagen"
    assert threshold.comparison == "binnen" and threshold.report_to == "DUO"
    with pytest.raises(ValueError):
        threshold.exceeded(8)


def test_thuiszitten(kb):
    rule = kb.get("verzuim_kind", "thuiszitten")
    assert set(rule.involve_roles) == {"onderwijsconsulent", "leerplichtambtenaar"}
    assert "www.passendonderwijs-zk.nl" in rule.links
    assert any("maatwerk binnen onderwijstijd" in p for p in rule.points)
    (utrecht,) = rule.notes
    assert utrecht.region_id == "utrecht" and utrecht.source.file == "002_c766a6ed52501034.txt"


def test_every_verzuim_mentions_underlying_problems(kb):
    assert "meer achter zit" in kb.verzuimkaart.general_notes[0].text
    for kind in ("te_laat", "ziekmelding", "ongeoorloofd", "thuiszitten"):
        assert any("achter" in p for p in kb.get("verzuim_kind", kind).points), kind


def test_verlof_vakantie(kb):
    rule = kb.get("verlof_kind", "vakantie")
    assert "beroep" in rule.condition_text
    assert rule.max_times_per_year == 1
    assert rule.max_school_days == 10
    assert rule.excluded_weeks_after_summer == 2
    assert rule.request_weeks_ahead == 8
    assert rule.request_in_writing is True
    assert rule.request_to_role == "directeur"
    assert rule.decided_by_role == "directeur"
    assert rule.decision_in_writing is True
    assert rule.objection_possible is True
    assert rule.school_decides_up_to_days is None and rule.above_goes_to_role is None


def test_verlof_gewichtige_omstandigheden(kb):
    rule = kb.get("verlof_kind", "gewichtige_omstandigheden")
    assert "buiten de wil" in rule.text
    assert rule.request_weeks_ahead == 8 and rule.request_in_writing is True
    assert rule.request_to_role == "directeur"
    assert rule.school_decides_up_to_days == 10
    assert rule.above_goes_to_role == "leerplichtambtenaar"
    assert rule.handled_by_role(10) == "directeur"
    assert rule.handled_by_role(11) == "leerplichtambtenaar"
    assert rule.max_times_per_year is None and rule.max_school_days is None


def test_partner_tasks(kb):
    tasks = {t.partner_name: t for t in kb.partner_tasks}
    assert [t.role_id for t in kb.partner_tasks] == [
        "leerplichtambtenaar", "onderwijsconsulent", "cjg_coach", "jgz", None]
    assert "thuiszitters" in tasks["Consulent SWV PO ZK"].task
    assert "sociale kaart" in tasks["CJG-coach"].task
    assert "medisch onderzoek" in tasks["Jeugdarts"].task.lower()
