"""Loading the real knowledge dir: types, immutability, caching, directories."""
from __future__ import annotations

from types import MappingProxyType

import pytest

from bot.knowledge import KnowledgeBase, load_knowledge
from bot.knowledge.schema import SourceRef

from kb_paths import KNOWLEDGE_DIR, SOURCES_DIR, needs_source_documents


def test_real_dir_loads(kb):
    assert isinstance(kb, KnowledgeBase)
    assert {r.id for r in kb.regions} == {
        "zuid_kennemerland", "utrecht", "goeree_overflakkee", "zuid_limburg"}
    assert {r.id for r in kb.roles} == {
        "cjg_coach", "jgz", "leerplichtambtenaar", "onderwijsconsulent",
        "schoolmaatschappelijk_werk", "aandachtsfunctionaris", "intern_begeleider",
        "directeur", "veilig_thuis", "poh_jeugd", "consultant_ouders_school"}
    assert {r.id for r in kb.routes} == {"veiligheid", "team_schoolondersteuning", "knooppunt"}


def test_default_load_is_cached_and_uses_repo_dir(kb):
    first = load_knowledge()
    assert first is load_knowledge()
    assert first is load_knowledge(KNOWLEDGE_DIR)


def test_env_var_overrides_knowledge_dir(monkeypatch, knowledge_copy):
    copy = knowledge_copy()
    monkeypatch.setenv("KERNTEAMWIJZER_KNOWLEDGE_DIR", str(copy))
    other = load_knowledge()
    assert other is not load_knowledge(KNOWLEDGE_DIR)
    assert other.get("region", "zuid_kennemerland").name == "Zuid-Kennemerland"


def test_missing_sources_folder_only_checks_declared_list(tmp_path):
    kb = load_knowledge(KNOWLEDGE_DIR, sources_dir=tmp_path / "bestaat-niet")
    assert len(kb.sources) == 5


def test_records_are_immutable(kb):
    region = kb.get("region", "zuid_kennemerland")
    with pytest.raises(TypeError):  # pydantic: a frozen model
        region.name = "iets anders"  # type: ignore[misc]
    assert isinstance(region.roles, MappingProxyType)
    with pytest.raises(TypeError):
        region.roles["cjg_coach"] = "x"  # type: ignore[index]
    assert isinstance(region.gemeenten, tuple)
    assert isinstance(kb.get("route", "veiligheid").steps, tuple)


def test_every_source_ref_is_typed_and_formats_as_file_hash_section(kb):
    ref = kb.get("role", "jgz").source
    assert isinstance(ref, SourceRef)
    assert str(ref) == "001_6c0135e309740f9e.txt#Het JGZ-team"
    national = kb.national.source
    assert national.is_national and str(national) == "landelijk" and national.note


def test_every_source_document_is_cited(kb):
    cited = set()
    for role in kb.roles:
        cited.add(role.source.file)
        cited.update(n.source.file for n in role.notes)
    for region in kb.regions:
        cited.add(region.source.file)
        cited.update(n.source.file for n in region.notes)
    for route in kb.routes:
        cited.update(step.source.file for step in route.steps)
    cited.update(p.source.file for p in kb.principles)
    assert set(kb.sources) <= cited


@needs_source_documents
def test_every_source_document_is_declared(kb):
    assert {p.name for p in SOURCES_DIR.glob("0*.txt")} == set(kb.sources)
