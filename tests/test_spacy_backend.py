"""The spaCy loader uses nl_core_news_sm when installed, otherwise the saved
Dutch fallback pipeline; the backend name is the model fingerprint."""

from pathlib import Path

import pytest
import spacy

from bot.components import spacy_backend
from bot.components.spacy_backend import OFFICIAL_MODEL, build_fallback_pipeline, load_backend

REAL_SPACY_LOAD = spacy.load


class FakeOfficialModel:
    path = Path("/fake/nl_core_news_sm")
    lang = "nl"


def official_model_importable(name, *args, **kwargs):
    if name == OFFICIAL_MODEL:
        return FakeOfficialModel()
    return REAL_SPACY_LOAD(name, *args, **kwargs)


def official_model_missing(name, *args, **kwargs):
    if name == OFFICIAL_MODEL:
        raise OSError(f"[E050] Can't find model '{name}'.")
    return REAL_SPACY_LOAD(name, *args, **kwargs)


@pytest.fixture(scope="module")
def fallback_dir(tmp_path_factory) -> Path:
    return build_fallback_pipeline(tmp_path_factory.mktemp("spacy") / "nl-fallback")


def test_official_model_is_used_when_importable(monkeypatch, tmp_path):
    monkeypatch.setattr(spacy, "load", official_model_importable)
    backend = load_backend(tmp_path / "unused")
    assert backend.name == OFFICIAL_MODEL
    assert isinstance(backend.nlp, FakeOfficialModel)
    assert not (tmp_path / "unused").exists(), "no fallback is built when the model is there"


def test_fallback_is_used_when_model_is_missing(monkeypatch, fallback_dir, caplog):
    monkeypatch.setattr(spacy, "load", official_model_missing)
    monkeypatch.setattr(spacy_backend, "_warned", set())
    with caplog.at_level("WARNING"):
        backend = load_backend(fallback_dir)
    assert backend.is_fallback
    assert backend.name.startswith("fallback-nl-blank-lookups-")
    assert backend.nlp.path is not None, "Rasa's SpacyNLP needs a pipeline loaded from disk"
    warnings = [r.message for r in caplog.records if "spaCy-backend" in r.message]
    assert len(warnings) == 1 and "nl_core_news_sm" in warnings[0]


def test_fallback_warning_is_printed_once(monkeypatch, fallback_dir, caplog):
    monkeypatch.setattr(spacy, "load", official_model_missing)
    monkeypatch.setattr(spacy_backend, "_warned", set())
    with caplog.at_level("WARNING"):
        load_backend(fallback_dir)
        load_backend(fallback_dir)
    assert sum("spaCy-backend" in r.message for r in caplog.records) == 1


def test_fallback_tokenizes_and_lemmatizes_dutch(fallback_dir):
    nlp = REAL_SPACY_LOAD(fallback_dir)
    doc = nlp("de kinderen liepen naar huis")
    assert [t.text for t in doc] == ["de", "kinderen", "liepen", "naar", "huis"]
    assert doc[2].lemma_ == "lopen"


def test_building_the_fallback_twice_keeps_the_first(fallback_dir):
    before = (fallback_dir / "meta.json").stat().st_mtime
    build_fallback_pipeline(fallback_dir)
    assert (fallback_dir / "meta.json").stat().st_mtime == before


def test_backend_name_is_the_rasa_fingerprint(monkeypatch, fallback_dir):
    from rasa.nlu.utils.spacy_utils import SpacyModel

    from bot.components.dutch_spacy_nlp import DutchSpacyNLP

    monkeypatch.setenv("KERNTEAMWIJZER_SPACY_FALLBACK_DIR", str(fallback_dir))
    monkeypatch.setattr(spacy, "load", official_model_missing)
    fallback = DutchSpacyNLP.create({}, None, None, None).provide()
    assert isinstance(fallback, SpacyModel)
    assert fallback.fingerprint().startswith("fallback-nl-blank-lookups-")
    monkeypatch.setattr(spacy, "load", official_model_importable)
    monkeypatch.setattr(DutchSpacyNLP, "ensure_proper_language_model", staticmethod(lambda nlp: None))
    official = DutchSpacyNLP.create({}, None, None, None).provide()
    assert official.fingerprint() == OFFICIAL_MODEL != fallback.fingerprint()
