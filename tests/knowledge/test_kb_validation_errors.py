"""One broken fixture per validation error kind. Each fixture is the real knowledge
dir copied to tmp_path with a single edit; the error must name the file and the
key path of the problem."""
from __future__ import annotations

import re

import pytest

from bot.knowledge import KnowledgeError, load_knowledge

from kb_paths import write_stand_in_sources

HEEMSTEDE_SOURCE = '    source: "001_6c0135e309740f9e.txt#Gemeente Heemstede"\n'
BLOEMENDAAL_SOURCE = '"001_6c0135e309740f9e.txt#Gemeente Bloemendaal"'

CASES = [
    pytest.param(
        ("regions.yml", "regions:\n", "regions: [\n"),
        "regions.yml: YAML syntax error at line", id="yaml-syntax"),
    pytest.param(
        ("roles.yml", "    name: leerplichtambtenaar\n", ""),
        "roles.yml: roles[2].name: missing required key", id="missing-key"),
    pytest.param(
        ("regions.yml", "contacts_in_sources: true", "contacts_in_sources: ja"),
        "regions.yml: regions[0].contacts_in_sources: value is not a valid boolean", id="wrong-type-bool"),
    pytest.param(
        ("verzuimkaart.yml", "count: 12", "count: twaalf"),
        "verzuimkaart.yml: verzuim[0].thresholds[0].count: value is not a valid integer", id="wrong-type-int"),
    pytest.param(
        ("contacts.yml", 'phone: "0640881026"', "phone: 640881026"),
        "contacts.yml: contacts[6].phone: expected a string, got int (put it in quotes)",
        id="wrong-type-phone-number"),
    pytest.param(
        ("concerns.yml", "    keywords:\n      - gezondheid\n", "    keywords: gezondheid\n"),
        "concerns.yml: concerns[0].keywords: expected a list", id="wrong-type-list"),
    pytest.param(
        ("contacts.yml", HEEMSTEDE_SOURCE, ""),
        "contacts.yml: contacts[2].source: missing required key", id="missing-source"),
    pytest.param(
        ("contacts.yml", BLOEMENDAAL_SOURCE, '"009_onbekend.txt#Gemeente Bloemendaal"'),
        "contacts.yml: contacts[1].source: unknown source file '009_onbekend.txt'",
        id="unknown-source-file"),
    pytest.param(
        ("contacts.yml", BLOEMENDAAL_SOURCE, '"001_6c0135e309740f9e.txt Gemeente Bloemendaal"'),
        "contacts.yml: contacts[1].source: '001_6c0135e309740f9e.txt Gemeente Bloemendaal' "
        "is not a valid source", id="malformed-source"),
    pytest.param(
        ("contacts.yml", BLOEMENDAAL_SOURCE, '"001_6c0135e309740f9e.txt#Gemeente Bloemendal"'),
        "contacts.yml: contacts[1].source: section 'Gemeente Bloemendal' is not listed",
        id="unknown-section"),
    pytest.param(
        ("national.yml", "note: >-\n  112 en Veilig", "toelichting: >-\n  112 en Veilig"),
        "national.yml: toelichting: unknown key", id="misspelled-key"),
    pytest.param(
        ("roles.yml", "    name: leerplichtambtenaar\n", "    name: leerplichtambtenaar\n    note: iets\n"),
        "roles.yml: roles[2].note: unknown key", id="note-without-landelijk"),
    pytest.param(
        ("routes/veiligheid.yml", "    note: Landelijke nummers (112", "    # Landelijke nummers (112"),
        "routes/veiligheid.yml: steps[1]: source 'landelijk' needs a 'note'", id="landelijk-without-note"),
    pytest.param(
        ("concerns.yml", "role_ids: [jgz]", "role_ids: [jgz, schoolarts]"),
        "concerns.yml: concerns[0].role_ids[1]: unknown role 'schoolarts'", id="unknown-role"),
    pytest.param(
        ("routes/knooppunt.yml", "region: zuid_limburg", "region: limburg_zuid"),
        "routes/knooppunt.yml: region: unknown region 'limburg_zuid'", id="unknown-region"),
    pytest.param(
        ("contacts.yml", "gemeenten: [bloemendaal]", "gemeenten: [bloemendal]"),
        "contacts.yml: contacts[1].gemeenten[0]: unknown gemeente 'bloemendal'",
        id="unknown-gemeente"),
    pytest.param(
        ("routes/veiligheid.yml", "next_steps: [verwijsindex]", "next_steps: [verwijsindx]"),
        "routes/veiligheid.yml: steps[8].next_steps[0]: unknown step 'verwijsindx' in route 'veiligheid'",
        id="unknown-step"),
    pytest.param(
        ("routes/veiligheid.yml", "contact_topics: [kernteam_versterken]", "contact_topics: [kernteam]"),
        "routes/veiligheid.yml: steps[17].contact_topics[0]: unknown topic 'kernteam'",
        id="unknown-topic-step"),
    pytest.param(
        ("roles.yml", "  - id: poh_jeugd", "  - id: jgz"),
        "roles.yml: roles[9]: duplicate role id 'jgz'", id="duplicate-id"),
    pytest.param(
        ("routes/knooppunt.yml", "  - id: procedure", "  - id: organisatie"),
        "routes/knooppunt.yml: steps[3]: duplicate step:knooppunt id 'organisatie'",
        id="duplicate-step-id"),
    pytest.param(
        ("roles.yml", "      - CJG-coaches\n", "      - CJG-coaches\n      - GGD\n"),
        "roles.yml: roles[1].synonyms[8]: name/alias 'ggd' is used for both 'cjg_coach' and 'jgz'",
        id="alias-clash"),
    pytest.param(
        ("contacts.yml", "    role: leerplichtambtenaar\n    gemeenten: [haarlemmermeer]",
         "    role: onderwijsconsulent\n    gemeenten: [haarlemmermeer]"),
        "regions.yml: regions[0].gemeenten[4]: gemeente 'haarlemmermeer' has no contact for "
        "required role 'leerplichtambtenaar'", id="missing-required-contact"),
    pytest.param(
        ("contacts.yml", "    region: zuid_kennemerland\n    organisation: GGD Kennemerland",
         "    region: utrecht\n    organisation: GGD Kennemerland"),
        "contacts.yml: contacts[7]: region 'utrecht' has contacts_in_sources: false",
        id="contact-in-region-without-contacts"),
    pytest.param(
        ("contacts.yml", "phone: 06-52654625", "phone: 06-1234"),
        "contacts.yml: contacts[5].phone: '06-1234' is not a valid Dutch phone number",
        id="bad-phone"),
    pytest.param(
        ("contacts.yml", "email: cjg@heemstede.nl", "email: cjg-heemstede.nl"),
        "contacts.yml: contacts[2].email: 'cjg-heemstede.nl' is not a valid e-mail address",
        id="bad-email"),
    pytest.param(
        ("contacts.yml", "website: www.cjgheemstede.nl", "website: cjg heemstede"),
        "contacts.yml: contacts[2].website: 'cjg heemstede' does not look like a website",
        id="bad-website"),
    pytest.param(
        ("routes/veiligheid.yml", "- www.schoolenveiligheid.nl", "- schoolenveiligheid"),
        "routes/veiligheid.yml: steps[17].links[1]: 'schoolenveiligheid' does not look like a website",
        id="bad-link"),
    pytest.param(
        ("national.yml", "  free: true\n", "  free: true\n  gratis: ja\n"),
        "national.yml: veilig_thuis.gratis: unknown key", id="unknown-key"),
    pytest.param(
        ("acute_signals.yml", "'\\bvechtpartij", "'(\\bvechtpartij"),
        re.compile(r"acute_signals\.yml: signals\[\d+\]\.patterns\[\d+\]: '\(\\bvechtpartij"), id="invalid-regex"),
    pytest.param(
        ("acute_signals.yml", "'\\bhet is acuut", "'\\bHet is acuut"),
        re.compile(r"acute_signals\.yml: signals\[\d+\]\.patterns\[\d+\]: pattern "), id="uppercase-pattern"),
    pytest.param(
        ("regions.yml", "    default: true\n", ""),
        "regions.yml: regions: exactly one region needs 'default: true'", id="no-default-region"),
    pytest.param(
        ("regions.yml", "    required_contact_roles: [cjg_coach, jgz, leerplichtambtenaar]",
         "    required_contact_roles: [cjg_coach, jgz, poh_jeugd]"),
        "regions.yml: regions[0].required_contact_roles: role 'poh_jeugd' is not listed",
        id="required-role-not-in-region"),
    pytest.param(
        ("onderzoek.yml", "payer: ouders", "payer: gemeente"),
        "onderzoek.yml: situations[3].payer: unexpected value; permitted: 'cjg_toeleiding'", id="bad-choice"),
    pytest.param(
        ("tweede_deskundige.yml", "function: arts", "function: tandarts"),
        "tweede_deskundige.yml: candidates[0].function: unknown profession 'tandarts'",
        id="unknown-profession"),
    pytest.param(
        ("verzuimkaart.yml", "        report_to: DUO\n", ""),
        "verzuimkaart.yml: verzuim[3].thresholds[0]: a threshold needs 'report_to_role' or 'report_to'",
        id="threshold-without-target"),
]


@pytest.mark.parametrize("edit, expected", CASES)
def test_broken_fixture(knowledge_copy, edit, expected):
    broken = knowledge_copy(edit)
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(broken)
    message = str(info.value)
    # acute_signals.yml belongs to the safety net: its indexes change with its content.
    assert expected.match(message) if isinstance(expected, re.Pattern) else message.startswith(expected), message
    assert message.startswith(info.value.file + ": ")


def test_missing_file(knowledge_copy):
    broken = knowledge_copy(delete=["onderzoek.yml"])
    with pytest.raises(KnowledgeError, match=r"^onderzoek\.yml: file is missing"):
        load_knowledge(broken)


def test_missing_routes(knowledge_copy):
    broken = knowledge_copy(delete=["routes/veiligheid.yml", "routes/knooppunt.yml",
                                    "routes/team_schoolondersteuning.yml"])
    with pytest.raises(KnowledgeError, match=r"^routes/: no route files"):
        load_knowledge(broken)


def test_missing_knowledge_dir(tmp_path):
    with pytest.raises(KnowledgeError, match="knowledge directory does not exist"):
        load_knowledge(tmp_path / "nope")


def test_declared_section_not_in_document(tmp_path, knowledge_copy):
    sources = write_stand_in_sources(tmp_path / "sources")
    broken = knowledge_copy(
        ("sources.yml", "      - Monitoring\n", "      - Monitoring\n      - Deze kop bestaat niet\n"))
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(broken, sources_dir=sources)
    assert str(info.value).startswith(
        "sources.yml: sources[3].sections[19]: section 'Deze kop bestaat niet' does not occur")


def test_declared_source_missing_from_sources_folder(tmp_path, knowledge_copy):
    sources = write_stand_in_sources(tmp_path / "sources")
    (sources / "004_c96d6ae9d198e0ab.txt").unlink()
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(knowledge_copy(), sources_dir=sources)
    assert str(info.value).startswith(
        "sources.yml: sources[4].file: '004_c96d6ae9d198e0ab.txt' not found in the sources folder")


def test_sources_dir_env_var(tmp_path, monkeypatch, knowledge_copy):
    sources = write_stand_in_sources(tmp_path / "sources")
    (sources / "000_592d88c6e4ca5d80.txt").unlink()
    monkeypatch.setenv("KERNTEAMWIJZER_SOURCES_DIR", str(sources))
    with pytest.raises(KnowledgeError, match=r"^sources\.yml: sources\[0\]\.file: "):
        load_knowledge(knowledge_copy())


def test_error_attributes(knowledge_copy):
    broken = knowledge_copy(("contacts.yml", "phone: 06-52654625", "phone: 06-1234"))
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(broken)
    assert info.value.file == "contacts.yml"
    assert info.value.path == "contacts[5].phone"
    assert "06-1234" in info.value.problem
