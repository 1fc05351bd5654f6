"""The worked example in knowledge/README.md (adding a region) must really work."""
from __future__ import annotations

import re
import shutil
import textwrap

import pytest

from bot.knowledge import KnowledgeError, load_knowledge

from kb_paths import KNOWLEDGE_DIR, write_stand_in_sources


def _yaml_blocks():
    readme = (KNOWLEDGE_DIR / "README.md").read_text(encoding="utf-8")
    blocks = [textwrap.dedent(b) for b in re.findall(r"```yaml\n(.*?)```", readme, re.S)]
    return {b.split("\n", 1)[0]: textwrap.indent(b, "  ") for b in blocks if b.startswith("- ")}


def _apply_example(target, with_all_contacts=True):
    blocks = _yaml_blocks()
    source = blocks["- file: 005_abcdef.txt"]
    region = blocks["- id: voorbeeldland"]
    contact = blocks["- id: jeugdconsulent_dorpstad"]
    with (target / "sources.yml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + source)
    regions = (target / "regions.yml").read_text(encoding="utf-8")
    marker = "\n# Plaatsen buiten de regio's"
    assert marker in regions
    (target / "regions.yml").write_text(regions.replace(marker, "\n" + region + marker, 1),
                                        encoding="utf-8")
    contacts = [contact]
    if with_all_contacts:
        contacts.append(contact.replace("jeugdconsulent_dorpstad", "jeugdarts_dorpstad")
                        .replace("role: cjg_coach", "role: jgz"))
        contacts.append(contact.replace("jeugdconsulent_dorpstad", "leerplicht_dorpstad")
                        .replace("role: cjg_coach", "role: leerplichtambtenaar"))
    with (target / "contacts.yml").open("a", encoding="utf-8") as handle:
        handle.write("\n" + "\n".join(contacts))


@pytest.fixture
def example_dirs(tmp_path):
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, knowledge)
    sources = write_stand_in_sources(tmp_path / "sources")
    (sources / "005_abcdef.txt").write_text(
        "Ons kernteam\n\nTekst over het kernteam.\n\nContact\n\nTelefoonnummers.\n",
        encoding="utf-8")
    return knowledge, sources


def test_readme_example_adds_a_region(example_dirs):
    knowledge, sources = example_dirs
    _apply_example(knowledge)
    kb = load_knowledge(knowledge, sources_dir=sources)
    assert kb.find("region", "wij werken in Voorbeeldland").id == "voorbeeldland"
    assert kb.find("gemeente", "Dorpstad").region_id == "voorbeeldland"
    assert kb.local_role_name("cjg_coach", "voorbeeldland") == "jeugdconsulent"
    assert [c.phone for c in kb.contacts("cjg_coach", gemeente_id="dorpstad")] == ["012-3456789"]


def test_readme_example_error_for_missing_required_contacts(example_dirs):
    knowledge, sources = example_dirs
    _apply_example(knowledge, with_all_contacts=False)
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(knowledge, sources_dir=sources)
    assert str(info.value).startswith(
        "regions.yml: regions[4].gemeenten[0]: gemeente 'dorpstad' has no contact for required role")
