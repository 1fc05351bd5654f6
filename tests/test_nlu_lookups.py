"""The NLU lookup tables and synonyms are generated from knowledge/."""

from types import SimpleNamespace

import pytest

from bot.knowledge import load_knowledge
from bot.nlu_lookups import LOOKUPS_FILE, SynonymConflict, render_lookups


def test_committed_lookups_match_the_knowledge_base():
    assert LOOKUPS_FILE.read_text(encoding="utf-8") == render_lookups(load_knowledge()), (
        "data/nlu/lookups.yml is out of date: run `python -m bot.cli prepare`"
    )


def fake_kb(tables):
    return SimpleNamespace(lookup_values=lambda entity: tables.get(entity, {}))


def test_longer_names_come_first_so_the_regex_prefers_them():
    text = render_lookups(fake_kb({"role": {"cjg_coach": ("CJG", "CJG-coach")}}))
    assert text.index("- CJG-coach") < text.index("- CJG\n")


def test_every_spelling_maps_to_the_canonical_id():
    text = render_lookups(fake_kb({"gemeente": {"heemstede": ("Heemstede", "gemeente Heemstede")}}))
    # "Heemstede" already is the id apart from case, which the mapper ignores.
    assert "  - synonym: heemstede\n    examples: |\n      - gemeente Heemstede\n" in text


def test_a_gemeente_name_is_not_repeated_as_region_alias():
    text = render_lookups(fake_kb({
        "gemeente": {"utrecht": ("Utrecht",)},
        "region": {"utrecht": ("Utrecht", "regio Utrecht")},
    }))
    region_table = text.split("  - lookup: region")[1].split("  - lookup:")[0]
    assert "- regio Utrecht" in region_table and "- Utrecht\n" not in region_table


def test_one_name_for_two_ids_is_refused():
    with pytest.raises(SynonymConflict, match="(?i)ggd"):
        render_lookups(fake_kb({"role": {"jgz": ("GGD",), "veilig_thuis": ("ggd",)}}))
