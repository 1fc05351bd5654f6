"""The query API used by the action server."""
from __future__ import annotations

import pytest


# -- regions and gemeenten -------------------------------------------------------------
def test_default_region_is_zuid_kennemerland(kb):
    assert kb.default_region.id == "zuid_kennemerland"
    assert kb.default_region.is_default
    assert [r.id for r in kb.regions if r.is_default] == ["zuid_kennemerland"]


def test_region_lookup_and_unknown_region(kb):
    region = kb.get("region", "utrecht")
    assert region.name == "Utrecht"
    with pytest.raises(KeyError):
        kb.get("region", "amsterdam")


def test_zuid_kennemerland_gemeenten(kb):
    zk = kb.get("region", "zuid_kennemerland")
    assert [g.id for g in zk.gemeenten] == [
        "haarlem", "zandvoort", "bloemendaal", "heemstede", "haarlemmermeer"]
    assert all(g.region_id == "zuid_kennemerland" for g in zk.gemeenten)
    assert zk.contacts_in_sources is True
    assert zk.required_contact_roles == ("cjg_coach", "jgz", "leerplichtambtenaar")


@pytest.mark.parametrize("text, expected", [
    ("Wij zitten in Zuid-Kennemerland", "zuid_kennemerland"),
    ("wij zitten in zuid-kennemerland", "zuid_kennemerland"),
    ("regio ZK", "zuid_kennemerland"),
    ("Kennemerland", "zuid_kennemerland"),
    ("onze school is in Utrecht", "utrecht"),
    ("Goeree-Overflakkee", "goeree_overflakkee"),
    ("goeree overflakkee", "goeree_overflakkee"),
    ("ik werk in Zuid Limburg", "zuid_limburg"),
    ("ZUID-LIMBURG", "zuid_limburg"),
    ("zuid_kennemerland", "zuid_kennemerland"),
    ("Onze school staat in Heemstede", "zuid_kennemerland"),  # via the gemeente
])
def test_find_region(kb, text, expected):
    assert kb.find("region", text).id == expected


@pytest.mark.parametrize("text", ["Amsterdam", "Groningen", "", "ik heb een vraag"])
def test_find_region_unknown(kb, text):
    assert kb.find("region", text) is None


@pytest.mark.parametrize("text, expected", [
    ("Haarlem", "haarlem"),
    ("onze school staat in haarlem-noord", "haarlem"),
    ("gemeente Haarlemmermeer", "haarlemmermeer"),
    ("HAARLEMMERMEER", "haarlemmermeer"),
    ("we zitten in de Haarlemmermeer", "haarlemmermeer"),
    ("Zandvoort", "zandvoort"),
    ("bloemendaal", "bloemendaal"),
    ("Heemstede", "heemstede"),
    ("de leerling woont in Hillegom", "hillegom"),
    ("Haarlemmerliede", "haarlemmerliede"),
    ("gemeente Utrecht", "utrecht"),
])
def test_find_gemeente(kb, text, expected):
    assert kb.find("gemeente", text).id == expected


@pytest.mark.parametrize("text", ["Amsterdam", "Zoetermeer", "Haarlemmerdijk?", "school"])
def test_find_gemeente_unknown_returns_none(kb, text):
    assert kb.find("gemeente", text) is None


def test_gemeente_lookup_raises_on_unknown(kb):
    assert kb.get("gemeente", "heemstede").name == "Heemstede"
    with pytest.raises(KeyError):
        kb.get("gemeente", "amsterdam")


def test_hillegom_is_a_known_place_outside_the_region_with_leerplicht_note(kb):
    hillegom = kb.get("gemeente", "hillegom")
    assert hillegom.region_id is None and not hillegom.in_region
    note = hillegom.notes[0]
    assert "RBL" in note.text and "Holland Rijnland" in note.text and "Bennebroek" in note.text
    assert str(note.source) == "001_6c0135e309740f9e.txt#De leerplichtambtenaar"
    assert kb.find("region", "Hillegom") is None
    assert kb.contacts("leerplichtambtenaar", gemeente_id="hillegom") == ()


def test_haarlemmerliede_jgz_note(kb):
    texts = [n.text for n in kb.get("region", "zuid_kennemerland").notes]
    assert any("Haarlemmerliede" in t and "0 tot 4 jaar" in t for t in texts)
    assert "0 tot 4 jaar" in kb.get("gemeente", "haarlemmerliede").notes[0].text


def test_region_notes_cover_woonplaats_and_other_gemeente_coach(kb):
    texts = " ".join(n.text for n in kb.get("region", "zuid_kennemerland").notes)
    assert "woonplaats" in texts
    assert "coach van die wijk of gemeente" in texts


def test_regions_without_contacts_are_marked_and_keep_websites(kb):
    for region_id in ("utrecht", "goeree_overflakkee", "zuid_limburg"):
        assert kb.get("region", region_id).contacts_in_sources is False
    assert [w.url for w in kb.get("region", "utrecht").websites] == ["www.lokalis.nl", "www.sterkvo.nl"]


def test_zuid_limburg_participation(kb):
    zl = kb.get("region", "zuid_limburg")
    assert "schoolmaatschappelijk_werk" in zl.roles and "schoolmaatschappelijk_werk" not in zl.incidental_roles
    assert "leerplichtambtenaar" in zl.incidental_roles
    assert "directeur" not in zl.roles
    assert "IVH (MEE)" in zl.incidental_participants
    assert zl.gemeenten == ()


# -- roles ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("jeugdarts", "jgz"),
    ("de jeugdverpleegkundige", "jgz"),
    ("GGD", "jgz"),
    ("CJG Rijnmond", "jgz"),
    ("CJG coach", "cjg_coach"),
    ("cjg-coach", "cjg_coach"),
    ("schoolcoach", "cjg_coach"),
    ("buurtteam Lokalis", "cjg_coach"),
    ("LPA", "leerplichtambtenaar"),
    ("wie is de leerplichtambtenaar", "leerplichtambtenaar"),
    ("leerplicht", "leerplichtambtenaar"),
    ("IB'er", "intern_begeleider"),
    ("ib-er", "intern_begeleider"),
    ("intern begeleider", "intern_begeleider"),
    ("SMW", "schoolmaatschappelijk_werk"),
    ("Kwadraad", "schoolmaatschappelijk_werk"),
    ("consulent passend onderwijs", "onderwijsconsulent"),
    ("BPO'er", "onderwijsconsulent"),
    ("aandachtsfunctionaris", "aandachtsfunctionaris"),
    ("moet ik VT bellen?", "veilig_thuis"),
    ("Veilig Thuis", "veilig_thuis"),
    ("POH-jeugd", "poh_jeugd"),
    ("de directie", "directeur"),
])
def test_find_role(kb, text, expected):
    assert kb.find("role", text).id == expected


def test_find_role_unknown(kb):
    assert kb.find("role", "bakker") is None
    with pytest.raises(KeyError):
        kb.get("role", "bakker")


def test_role_fields(kb):
    jgz = kb.get("role", "jgz")
    assert jgz.description and jgz.when_to_contact
    assert "ziekteverzuim" in jgz.when_to_contact
    assert any("BMR en DTP" in p for p in jgz.points)


def test_support_texts_per_region_and_level(kb):
    smw = kb.get("role", "schoolmaatschappelijk_werk")
    assert [s.level for s in smw.support_for("goeree_overflakkee")] == ["basis", "extra"]
    assert "emotionele verwaarlozing" in smw.support_for("goeree_overflakkee")[1].points
    consulent = kb.get("role", "onderwijsconsulent").support_for("goeree_overflakkee")[0]
    assert any("1 keer per drie weken" in p for p in consulent.points)
    assert kb.get("role", "jgz").support_for("zuid_kennemerland") == ()


@pytest.mark.parametrize("role_id, region_id, gemeente_id, expected", [
    ("cjg_coach", "zuid_kennemerland", None, "CJG-coach"),
    ("cjg_coach", None, "haarlemmermeer", "schoolcoach (Altra)"),
    ("cjg_coach", None, "haarlem", "CJG-coach"),
    ("cjg_coach", "utrecht", None, "buurtteam Lokalis"),
    ("onderwijsconsulent", "utrecht", None, "begeleider passend onderwijs"),
    ("jgz", "goeree_overflakkee", None, "jeugdverpleegkundige van CJG Rijnmond"),
    ("poh_jeugd", "utrecht", None, "POH-Jeugd (praktijkondersteuner jeugd bij de huisarts)"),
])
def test_local_role_name(kb, role_id, region_id, gemeente_id, expected):
    assert kb.local_role_name(role_id, region_id, gemeente_id=gemeente_id) == expected


def test_local_role_name_haarlemmermeer_leerplicht(kb):
    name = kb.local_role_name("leerplichtambtenaar", "zuid_kennemerland", gemeente_id="haarlemmermeer")
    assert "team Leerplicht & Voortijdig Schoolverlaten" in name


def test_local_role_name_positional_signature(kb):
    assert kb.local_role_name("cjg_coach", "zuid_limburg").startswith("Team Jeugd")


# -- concerns -----------------------------------------------------------------------------
def test_concern_ids(kb):
    assert [c.id for c in kb.concerns] == [
        "gezondheid", "opvoeden", "verzuim", "passend_onderwijs", "veiligheid"]


@pytest.mark.parametrize("text, expected", [
    ("Ze is vaak ziek en heeft veel hoofdpijn", "gezondheid"),
    ("Ik maak me zorgen over de thuissituatie, de ouders gaan scheiden en er is armoede", "opvoeden"),
    ("Hij komt steeds te laat", "verzuim"),
    ("De leerling zit al drie weken thuis, een thuiszitter", "verzuim"),
    ("Heeft deze leerling extra ondersteuning nodig? Misschien een TLV?", "passend_onderwijs"),
    ("Ik vermoed kindermishandeling, hij had blauwe plekken", "veiligheid"),
])
def test_concerns_in_text(kb, text, expected):
    found = kb.concerns_in_text(text)
    assert found and found[0].id == expected


def test_concerns_in_text_nothing(kb):
    assert kb.concerns_in_text("Hoe laat begint de vergadering?") == ()


def test_roles_for_concern(kb):
    assert [r.id for r in kb.roles_for_concern("gezondheid")] == ["jgz"]
    assert [r.id for r in kb.roles_for_concern("verzuim")][0] == "leerplichtambtenaar"
    assert [r.id for r in kb.roles_for_concern("passend_onderwijs")] == ["onderwijsconsulent"]
    veilig = [r.id for r in kb.roles_for_concern("veiligheid")]
    assert veilig[:2] == ["aandachtsfunctionaris", "veilig_thuis"]
    go = [r.id for r in kb.roles_for_concern("opvoeden", "goeree_overflakkee")]
    assert go == ["jgz", "schoolmaatschappelijk_werk"]
    assert [r.id for r in kb.roles_for_concern("opvoeden", "utrecht")] == ["cjg_coach", "jgz"]
    with pytest.raises(KeyError):
        kb.roles_for_concern("huiswerk")


# -- contacts -----------------------------------------------------------------------------
def test_haarlemmermeer_gets_altra_and_team_leerplicht(kb):
    cjg = kb.contacts("cjg_coach", gemeente_id="haarlemmermeer")
    assert {c.id for c in cjg} == {
        "cjg_haarlemmermeer", "altra_helpdesk", "altra_kammeijer", "altra_van_der_horst"}
    assert all("Altra" in (c.organisation or "") or c.id == "cjg_haarlemmermeer" for c in cjg)
    lpa = kb.contacts("leerplichtambtenaar", gemeente_id="haarlemmermeer")
    assert [c.id for c in lpa] == ["leerplicht_haarlemmermeer"]
    assert lpa[0].department == "team Leerplicht & Voortijdig Schoolverlaten"


def test_haarlem_gets_cjg_kennemerland_and_leerplein(kb):
    assert [c.id for c in kb.contacts("cjg_coach", gemeente_id="haarlem")] == ["cjg_haarlem_zandvoort"]
    assert [c.id for c in kb.contacts("leerplichtambtenaar", gemeente_id="heemstede")] == ["leerplein"]


def test_gemeente_specific_before_region_wide(kb):
    # JGZ has only a region-wide contact: it is returned for every gemeente.
    assert [c.id for c in kb.contacts("jgz", gemeente_id="zandvoort")] == ["ggd_frontoffice"]
    cjg_region = [c.id for c in kb.contacts("cjg_coach", region_id="zuid_kennemerland")]
    assert cjg_region[0] == "cjg_haarlem_zandvoort" and "altra_kammeijer" in cjg_region


def test_contacts_default_region_when_nothing_given(kb):
    assert kb.contacts("jgz") == kb.contacts("jgz", region_id="zuid_kennemerland")


def test_every_zk_gemeente_has_required_contacts(kb):
    for gemeente in kb.get("region", "zuid_kennemerland").gemeenten:
        for role_id in ("cjg_coach", "jgz", "leerplichtambtenaar"):
            assert kb.contacts(role_id, gemeente_id=gemeente.id), (gemeente.id, role_id)


@pytest.mark.parametrize("region_id", ["utrecht", "goeree_overflakkee", "zuid_limburg"])
@pytest.mark.parametrize("role_id", ["cjg_coach", "jgz", "leerplichtambtenaar", "onderwijsconsulent"])
def test_region_without_contacts_returns_empty(kb, region_id, role_id):
    assert kb.contacts(role_id, region_id=region_id) == ()


def test_national_contact_is_returned_everywhere(kb):
    for region in kb.regions:
        found = kb.contacts("veilig_thuis", region_id=region.id)
        assert [c.phone for c in found] == ["0800-2000"]
        assert found[0].is_national and found[0].source.is_national


def test_contacts_errors(kb):
    with pytest.raises(KeyError):
        kb.contacts("bakker")
    with pytest.raises(KeyError):
        kb.contacts("jgz", gemeente_id="amsterdam")
    with pytest.raises(ValueError):
        kb.contacts("jgz", gemeente_id="haarlem", region_id="utrecht")


def test_topic_contacts(kb):
    account = kb.topic_contacts(["verwijsindex_account"])
    assert [c.person for c in account] == ["Maroes Albers"]
    po = kb.topic_contacts(["kernteam_versterken"], school_level="po")
    assert [c.email for c in po] == ["kernteam@po-zk.nl"]
    assert kb.topic_contacts(["verwijsindex_vragen"], region_id="utrecht") == ()
    with pytest.raises(KeyError):
        kb.topic_contacts(["bestaat_niet"])


# -- routes -------------------------------------------------------------------------------
def test_route_and_steps(kb):
    route = kb.get("route", "veiligheid")
    assert route.region_id == "zuid_kennemerland"
    assert route.start_step == "acuut_gevaar"
    assert route.step("kernpartners_inroepen").condition.startswith("Ouders en/of kind herkennen")
    assert set(route.step("gesprek_ouders_kind").next_steps) == {"kernpartners_inroepen", "meldcode_op_school"}
    with pytest.raises(KeyError):
        route.step("bestaat_niet")
    with pytest.raises(KeyError):
        kb.get("route", "bestaat_niet")


def test_all_next_steps_exist(kb):
    for route in kb.routes:
        ids = {s.id for s in route.steps}
        for step in route.steps:
            assert set(step.next_steps) <= ids
            assert step.title and step.text and step.source


def test_veiligheid_route_content(kb):
    route = kb.get("route", "veiligheid")
    ids = [s.id for s in route.steps]
    for needed in ("randvoorwaarden", "zelf_doen", "advies_veilig_thuis", "bespreken_kernteam",
                   "gesprek_ouders_kind", "praktische_hulp", "twijfel", "kernpartners_inroepen",
                   "meldcode_op_school", "meldcode_stappen", "afwegingskader", "grijze_gebied",
                   "grijze_gebied_cjg", "na_een_melding", "verwijsindex", "handige_informatie"):
        assert needed in ids
    assert route.step("meldcode_stappen").points == kb.national.meldcode.steps
    assert route.step("afwegingskader").points == kb.national.afwegingskader_questions
    assert len(route.step("gesprek_ouders_kind").points) == 4
    assert "kant-en-klare hulpvraag" in route.step("kernpartners_inroepen").points[0]
    verwijsindex = route.step("verwijsindex")
    assert "0 tot 23 jaar" in " ".join(verwijsindex.points)
    assert "geen melding" in verwijsindex.points[0]
    assert "Multisignaal" in " ".join(verwijsindex.points)
    assert verwijsindex.contact_topics == ("verwijsindex_account", "verwijsindex_vragen")
    assert route.step("handige_informatie").links == (
        "www.augeo.nl/nl-nl/informatiepakket", "www.schoolenveiligheid.nl")
    acute = route.step("acuut_gevaar")
    assert acute.source.is_national and acute.source.note and "112" in acute.text


def test_team_schoolondersteuning_route(kb):
    route = kb.get("route", "team_schoolondersteuning")
    assert route.region_id == "goeree_overflakkee"
    text = " ".join(s.text + " " + " ".join(s.points) for s in route.steps)
    assert "'dat'" in text and "'wat'" in text
    assert "geen toestemming van ouders" in route.step("hulpvraag_voorleggen").points[0]
    assert "GIZ" in route.step("regierol_aan_de_slag").text
    assert kb.routes_for_region("goeree_overflakkee") == (route,)


def test_knooppunt_route(kb):
    route = kb.get("route", "knooppunt")
    text = " ".join(s.text + " " + " ".join(s.points) for s in route.steps)
    for needed in ("regie", "'foto'", "1G1P", "TLV", "HGW/PDCA", "ontwikkelagenda", "IVH (MEE)"):
        assert needed in text


# -- tweede deskundige, onderzoek, samenwerking, national ------------------------------------
def test_tweede_deskundige(kb):
    td = kb.tweede_deskundige
    assert td.triade == ("ouders", "school", "speciaal (basis)onderwijs")
    assert [p.id for p in td.professions] == [
        "kinder_jeugdpsycholoog", "pedagoog", "kinderpsychiater", "arts", "maatschappelijk_werker"]
    assert [(c.rank, c.id) for c in td.candidates] == [
        (1, "jeugdarts"), (2, "cjg_coach"), (2, "poh_jeugd"), (3, "andere_deskundige")]
    assert td.candidates[0].function == "arts" and td.candidates[0].role_id == "jgz"
    assert td.candidates[1].function == "maatschappelijk_werker"
    possible, same_function, not_involved = td.proposal("arts", None)
    assert [c.id for c in same_function] == ["jeugdarts"] and not_involved == ()
    assert [c.id for c in td.proposal("maatschappelijk_werker", None)[0]] == [
        "jeugdarts", "poh_jeugd", "andere_deskundige"]
    possible, _, not_involved = td.proposal(None, ["cjg_coach"])
    assert [c.id for c in possible] == ["cjg_coach", "andere_deskundige"]
    assert [c.id for c in not_involved] == ["jeugdarts", "poh_jeugd"]
    restrictions = " ".join(td.restrictions)
    assert "niet dezelfde functie" in restrictions and "echt bij de leerling betrokken" in restrictions
    assert "triade" in td.decision and "wettelijk verplicht" in td.legal_duty


def test_onderzoek_situations(kb):
    payers = {s.id: s.payer for s in kb.onderzoek.situations}
    assert payers == {
        "ook_sociaal_emotioneel": "cjg_toeleiding",
        "alleen_capaciteitenonderzoek": "niet_jeugdwet",
        "school_onderwijsbehoeften": "school",
        "ouders_zonder_hulpvraag_school": "ouders",
    }
    assert "Jeugdwet" in kb.get("onderzoek_situation", "alleen_capaciteitenonderzoek").text
    assert "zelf" in kb.get("onderzoek_situation", "school_onderwijsbehoeften").text
    with pytest.raises(KeyError):
        kb.get("onderzoek_situation", "x")


def test_samenwerking(kb):
    assert [p.id for p in kb.principles] == [
        "visie", "vertrouwen", "communicatie", "rollen_en_verantwoordelijkheid"]
    prof = kb.professionalisation
    assert [w.id for w in prof.ways] == ["thema", "organisatie", "intervisie"]
    assert "Meldcode" in prof.themes and "Beschermtafel" in prof.organisations
    assert {c.email for c in kb.topic_contacts(prof.contact_topics)} == {"kernteam@po-zk.nl", "kernteam@swv-vo-zk.nl"}
    assert kb.kernteam("utrecht").role_ids == (
        "cjg_coach", "jgz", "onderwijsconsulent", "leerplichtambtenaar")
    assert "directeur" in kb.kernteam("zuid_kennemerland").role_ids
    for region in kb.regions:
        assert kb.region_working(region.id)
    assert any("thuiszitters" in p.title.lower() for p in kb.region_working("utrecht"))


def test_national(kb):
    national = kb.national
    assert national.emergency_number == "112"
    assert national.veilig_thuis_phone == "0800-2000"
    assert national.veilig_thuis.free and national.veilig_thuis.always_open
    assert national.veilig_thuis.anonymous_advice
    steps = national.meldcode.steps
    assert len(steps) == 5
    assert "signalen in kaart brengen" in steps[0]
    assert "collegiale consultatie" in steps[1] and "Veilig Thuis raadplegen" in steps[1]
    assert "gesprek" in steps[2]
    assert "afwegingskader" in steps[3]
    assert "hulp organiseren en/of melden" in steps[4]
    assert len(national.afwegingskader_questions) == 5
    assert national.source.is_national and "Rijksoverheid" in national.note
    assert "nieuwe weging" in national.new_weighing_note.text
    assert national.new_weighing_note.source.file == "001_6c0135e309740f9e.txt"


# -- lookup values ---------------------------------------------------------------------------
def test_lookup_values(kb):
    gemeenten = kb.lookup_values("gemeente")
    assert gemeenten["haarlemmermeer"][0] == "Haarlemmermeer"
    assert "hillegom" in gemeenten
    roles = kb.lookup_values("role")
    assert "LPA" in roles["leerplichtambtenaar"] and "jeugdarts" in roles["jgz"]
    assert "ZK" in kb.lookup_values("region")["zuid_kennemerland"]
    assert set(kb.lookup_values("verzuim_kind")) == {
        "te_laat", "ziekmelding", "ongeoorloofd", "in_uitschrijving", "thuiszitten"}
    assert set(kb.lookup_values("verlof_kind")) == {"vakantie", "gewichtige_omstandigheden"}
    for entity in ("gemeente", "region", "role", "verzuim_kind", "verlof_kind"):
        for values in kb.lookup_values(entity).values():
            assert len(values) == len(set(values))
    with pytest.raises(KeyError):
        kb.lookup_values("school")


def test_lookup_values_are_unambiguous(kb):
    for entity in ("gemeente", "region", "role", "verzuim_kind", "verlof_kind"):
        owner = {}
        for ident, values in kb.lookup_values(entity).items():
            for value in values:
                key = value.lower()
                assert owner.setdefault(key, ident) == ident, (entity, value)


def test_find_verzuim_and_verlof(kb):
    assert kb.find("verzuim_kind", "hij komt steeds te laat").id == "te_laat"
    assert kb.find("verzuim_kind", "relatief verzuim").id == "ongeoorloofd"
    assert kb.find("verlof_kind", "vakantieverlof aanvragen").id == "vakantie"
    assert kb.find("verlof_kind", "verlof wegens gewichtige omstandigheden").id == "gewichtige_omstandigheden"
    assert kb.find("verlof_kind", "geen idee") is None


# -- helpers used by the action server -------------------------------------------------------
def test_is_school_role(kb):
    assert kb.is_school_role("intern_begeleider")
    assert kb.is_school_role("directeur")
    assert kb.is_school_role("aandachtsfunctionaris")
    assert not kb.is_school_role("cjg_coach")
    with pytest.raises(KeyError):
        kb.is_school_role("bakker")


def test_mentioned_in(kb):
    professions = {p.id for p in kb.tweede_deskundige.professions
                   if p.mentioned_in("de eerste deskundige was een orthopedagoog")}
    assert professions == {"pedagoog"}
    assert kb.get("onderzoek_situation", "ouders_zonder_hulpvraag_school").mentioned_in(
        "De ouders willen een IQ-test maar wij hebben geen hulpvraag")
    assert kb.get("onderzoek_situation", "ook_sociaal_emotioneel").mentioned_in("er spelen ook sociaal-emotionele problemen")
    principles = {p.id for p in kb.principles if p.mentioned_in("wie heeft de regie?")}
    assert principles == {"rollen_en_verantwoordelijkheid"}
    assert kb.professionalisation.mentioned_in("kunnen we intervisie organiseren?")
    assert kb.samenwerking.kernteams[0].mentioned_in("wie zitten er in de kernteams?")  # kernteam*
    assert not kb.samenwerking.kernteams[0].mentioned_in("het team")
    td = kb.tweede_deskundige
    assert [c.id for c in td.candidates if c.mentioned_in("alleen de jeugdverpleegkundige")] == []


def test_onderzoek_and_verzuimkaart_objects(kb):
    assert "capaciteitenonderzoek" in kb.onderzoek.text
    card = kb.verzuimkaart
    assert card.applies_to.region_id == "zuid_kennemerland"
    assert card.verzuim == kb.verzuim_kinds and card.verlof == kb.verlof_kinds
    assert card.partner_tasks == kb.partner_tasks


def test_included_points_and_topic_contacts_of_a_step(kb):
    step = kb.get("route", "veiligheid").step("meldcode_stappen")
    assert step.points == kb.national.meldcode.steps
    verwijsindex = kb.get("route", "veiligheid").step("verwijsindex")
    assert [c.id for c in kb.topic_contacts(verwijsindex.contact_topics)] == [
        "verwijsindex_account", "verwijsindex_vragen"]
