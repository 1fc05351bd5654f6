"""Content rules: texts are in our own words (no run of 12+ words copied from a
source document) and never decide for the teacher."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from kb_paths import KNOWLEDGE_DIR, SOURCES_DIR, needs_source_documents

WINDOW = 12
# Keys whose values are citations or must be copied exactly.
EXACT_KEYS = {"source", "sections", "patterns", "links", "website", "url", "email", "phone",
              "file", "title_of_source"}
FORBIDDEN = [
    r"\bje moet (dit |dat |het )?melden\b",
    r"\bmoet je (dit |dat |het )?melden\b",
    r"\bje bent verplicht (om )?(dit |dat |het )?te melden\b",
    r"\bdit is (kinder)?mishandeling\b",
    r"\ber is (hier )?sprake van (kinder)?mishandeling\b",
    r"\bdoe een melding\b",
]


def _words(text: str):
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.findall(r"\w+", text.lower())


def _source_windows():
    windows = set()
    for path in SOURCES_DIR.glob("0*.txt"):
        words = _words(path.read_text(encoding="utf-8"))
        windows.update(tuple(words[i:i + WINDOW]) for i in range(len(words) - WINDOW + 1))
    return windows


def _texts(value, path=""):
    if isinstance(value, dict):
        for key, sub in value.items():
            if key not in EXACT_KEYS:
                yield from _texts(sub, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from _texts(sub, f"{path}[{index}]")
    elif isinstance(value, str):
        yield path, value


def _all_texts():
    for file in sorted(Path(KNOWLEDGE_DIR).rglob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        relative = file.relative_to(KNOWLEDGE_DIR).as_posix()
        if relative == "sources.yml":
            continue  # only titles and citations
        for path, text in _texts(data):
            yield f"{relative}: {path}", text


@needs_source_documents
def test_no_text_copies_twelve_words_from_a_source():
    windows = _source_windows()
    copied = []
    for where, text in _all_texts():
        words = _words(text)
        for i in range(len(words) - WINDOW + 1):
            if tuple(words[i:i + WINDOW]) in windows:
                copied.append(f"{where}: '{' '.join(words[i:i + WINDOW])}'")
                break
    assert not copied, "copied from a source:\n" + "\n".join(copied)


@needs_source_documents
def test_the_check_would_catch_a_copied_sentence():
    sentence = ("Aan iedere school is een Jeugdgezondheidszorg (JGZ)-team verbonden van de GGD. "
                "Het JGZ-team bestaat uit een jeugdarts")
    words = _words(sentence)
    windows = _source_windows()
    assert any(tuple(words[i:i + WINDOW]) in windows for i in range(len(words) - WINDOW + 1))


def test_texts_never_decide_for_the_teacher():
    offending = [(where, text) for where, text in _all_texts()
                 if any(re.search(p, text.lower()) for p in FORBIDDEN)]
    assert not offending, offending


def test_texts_address_the_teacher_with_je_not_u():
    # 'u' only inside quoted conversation openers meant for parents.
    offending = [where for where, text in _all_texts()
                 if re.search(r"\b(uw|u kunt|kunt u|heeft u)\b", text.lower())
                 and "Herkent u" not in text]
    assert not offending, offending
