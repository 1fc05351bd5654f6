"""Acute-danger patterns (``knowledge/acute_signals.yml``) and the matcher.

``detect(text)`` is a pure function: it needs neither Rasa nor spaCy and takes
well under a millisecond for a long message. The Rasa component passes the
spaCy lemmas as an extra form of the text (``lemmas=``), so "sloeg" is also
tried as "slaan".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

import yaml

from bot.paths import PROJECT_ROOT
from bot.safety.language import DUTCH, detect_language
from bot.safety.normalize import normalize

SIGNALS_FILE = PROJECT_ROOT / "knowledge" / "acute_signals.yml"
FAMILY = re.compile(r"@([a-z_]+)")
TOKEN = re.compile(r"[a-z0-9']+|[.,;:!?\n]")
SENTENCE_END = re.compile(r"[.!?\n]")
CLAUSE_PUNCTUATION = frozenset(".,;:!?\n")
CHUNK_CHARS = 2000


class SignalFileError(ValueError):
    """acute_signals.yml is malformed; the message names the file and key path."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{SIGNALS_FILE.name}: {path}: {problem}" if path else f"{SIGNALS_FILE.name}: {problem}")


@dataclass(frozen=True)
class Signal:
    """One acute-danger signal found in a message."""

    id: str
    category: str
    matched: str
    language: str = DUTCH


@dataclass(frozen=True)
class _Rule:
    id: str
    category: str
    patterns: tuple[re.Pattern, ...]
    with_any: tuple[re.Pattern, ...]
    unless: tuple[re.Pattern, ...]
    inherent_negation: tuple[re.Pattern, ...]  # phrases whose negation belongs to the signal
    languages: frozenset[str]


@dataclass(frozen=True)
class SignalSet:
    rules: tuple[_Rule, ...]
    negation_cues: frozenset[str]
    not_negating: tuple[re.Pattern, ...]
    clause_cues: tuple[re.Pattern, ...]
    before: int
    after: int
    clause_words: frozenset[str]
    not_situational: tuple[re.Pattern, ...]
    not_situational_message: tuple[re.Pattern, ...]
    not_serious: tuple[re.Pattern, ...]
    not_serious_message: tuple[re.Pattern, ...]
    classifier_context: tuple[re.Pattern, ...]
    disclosure: tuple[re.Pattern, ...]
    hypothetical: tuple[re.Pattern, ...]
    spelling: tuple[tuple[re.Pattern, str], ...]
    secrecy: tuple[re.Pattern, ...]

    def __len__(self) -> int:
        return len(self.rules)

    # -- matching -------------------------------------------------------------------------
    def detect(self, text: str, lemmas: Optional[Sequence[str]] = None, language: Optional[str] = None) -> Optional[Signal]:
        norm = normalize(text)
        if not norm:
            return None
        language = language or detect_language(text)
        whole = self.respell(norm)
        if any(p.search(whole) for p in self.not_serious_message):
            return None
        forms = [norm]
        # The lemma form ("sloeg" -> "slaan") adds recall for plain messages only:
        # negation and context words are written for the surface form.
        if lemmas and not self._has_context(self.respell(norm)):
            lemma_form = normalize(" ".join(lemmas))
            if lemma_form != norm:
                forms.append(lemma_form)
        for form in forms:
            seen: set[str] = set()
            for chunk in _chunks(form):
                if chunk in seen:
                    continue
                seen.add(chunk)
                found = self._detect_in(self.respell(chunk), language, form)
                if found and any(p.search(whole if form is norm else self.respell(form))
                                 for p in self.not_situational_message):
                    found = self._detect_in(self.respell(chunk), language, form, general=True)
                if found:
                    return found
        return None

    def _has_context(self, form: str) -> bool:
        """A negation, a denial, a joke, a lesson or a general question anywhere in the message."""
        words = set(TOKEN.findall(_mask(form, self.not_negating)))
        patterns = (*self.clause_cues, *self.not_serious, *self.not_situational, *self.hypothetical)
        return bool(words & self.negation_cues) or any(p.search(form) for p in patterns)

    def respell(self, form: str) -> str:
        """Chat spelling to the spelling the patterns are written for ("nt" ->
        "niet", "mee genomen" -> "meegenomen")."""
        for pattern, replacement in self.spelling:
            form = pattern.sub(replacement, form)
        return form

    def is_disclosure(self, text: str) -> bool:
        """A child told the teacher something (vertelt, zei, told me, ...)."""
        norm = self.respell(normalize(text))
        return any(p.search(norm) for p in self.disclosure)

    def is_secrecy_request(self, text: str) -> bool:
        """The teacher was asked to keep it secret ("ik mag het aan niemand vertellen")."""
        norm = self.respell(normalize(text))
        return any(p.search(norm) for p in self.secrecy)

    def negated_danger(self, text: str) -> bool:
        """The message says in so many words that there is no danger ("er is geen
        gevaar", "niet acuut"): a negated danger word and no signal."""
        norm = self.respell(normalize(text))
        return bool(re.search(r"\b(?:gevaar|acuut|acute|danger|urgent|spoed|gevaarlijk|nood)\b", norm)) and any(
            self._negated(norm, m.start(), m.end(), ())
            for m in re.finditer(r"\b(?:gevaar|acuut|acute|danger|urgent|spoed|gevaarlijk|nood)\b", norm)
        )

    def is_context_only(self, text: str) -> bool:
        """The message denies danger, jokes, or is about a lesson, a story or a
        general/hypothetical question, and no child tells anything in it: a
        statistical signal alone does not count then."""
        norm = self.respell(normalize(text))
        if self.negated_danger(text) or any(
                p.search(norm) for p in (*self.not_serious, *self.not_serious_message, *self.classifier_context)):
            return True
        if any(p.search(norm) for p in self.not_situational_message):
            return True
        return any(p.search(norm) for p in (*self.not_situational, *self.hypothetical)) and not self._tells(norm)

    def ruled_out_signal(self, text: str, language: Optional[str] = None) -> bool:
        """A pattern matches in the message but the patterns rule it out: it is
        negated ("ze is niet in elkaar geslagen", "er is niemand meegenomen") or
        has a harmless meaning in its sentence ("het mes voor de taart", "als
        grap"). A statistical signal cannot overrule what the message says."""
        language = language or detect_language(text)
        form = self.respell(normalize(text))
        for rule in self.rules:
            if rule.languages and language not in rule.languages:
                continue
            for pattern in rule.patterns:
                for match in pattern.finditer(form):
                    sentence = _sentence(form, match.start(), match.end())
                    if (self._negated(form, match.start(), match.end(), rule.inherent_negation)
                            or any(p.search(sentence) for p in (*rule.unless, *self.not_serious))):
                        return True
        return False

    def _detect_in(self, form: str, language: str, whole: str, general: bool = False) -> Optional[Signal]:
        """``form``: a respelled piece of the message; ``whole``: the message, for
        the ``with`` patterns (checked only once a pattern of the rule counts);
        ``general``: the message says it is a general question (every sentence
        then counts as not situational unless a child tells something in it)."""
        for rule in self.rules:
            if rule.languages and language not in rule.languages:
                continue
            for pattern in rule.patterns:
                for match in pattern.finditer(form):
                    if not self._counts(rule, form, match.start(), match.end(), general):
                        continue
                    if rule.with_any and not any(p.search(form) or p.search(self.respell(whole))
                                                 for p in rule.with_any):
                        break
                    return Signal(rule.id, rule.category, match.group(0).strip(), language)
        return None

    def _counts(self, rule: _Rule, form: str, start: int, end: int, general: bool = False) -> bool:
        sentence = _sentence(form, start, end)
        if any(p.search(sentence) for p in rule.unless):
            return False
        if any(p.search(sentence) for p in self.not_serious):
            return False
        if (general or any(p.search(sentence) for p in self.not_situational)) and not self._tells(sentence):
            return False
        return not self._negated(form, start, end, rule.inherent_negation)

    def _tells(self, sentence: str) -> bool:
        """A child tells something in this sentence, and not hypothetically."""
        return any(p.search(sentence) for p in self.disclosure) and not any(p.search(sentence) for p in self.hypothetical)

    def _negated(self, form: str, start: int, end: int, inherent: Sequence[re.Pattern]) -> bool:
        """A negation cue in the same clause just before or after the match, or
        inside it (except in a phrase whose negation belongs to the signal,
        "durft niet naar huis", "ouders niet bereikbaar"); or a clause-level denial earlier in the sentence
        ("ik denk niet dat ...", "er is geen aanwijzing dat ...")."""
        begin = max((m.end() for m in SENTENCE_END.finditer(form, 0, start)), default=0)
        for cue in self.clause_cues:
            for m in cue.finditer(form, begin, start):
                between = form[m.end():start]
                if not re.search(r"\b(?:maar|but|aber|mais)\b", between):
                    return True
        masked = _mask(_mask(form, self.not_negating), inherent)
        tokens = [(m.start(), m.group(0)) for m in TOKEN.finditer(masked)]
        first = next((i for i, (pos, _) in enumerate(tokens) if pos >= start), len(tokens))
        last = next((i for i, (pos, _) in enumerate(tokens) if pos >= end), len(tokens))
        for i in range(first - 1, max(first - 1 - self.before, -1), -1):
            word = tokens[i][1]
            if word in CLAUSE_PUNCTUATION or word in self.clause_words:
                break
            if word in self.negation_cues:
                return True
        if any(word in self.negation_cues for _, word in tokens[first:last]):
            return True
        for i in range(last, min(last + self.after, len(tokens))):
            word = tokens[i][1]
            if word in CLAUSE_PUNCTUATION or word in self.clause_words:
                break
            if word in self.negation_cues:
                return True
        return False


def _chunks(form: str, size: int = CHUNK_CHARS) -> Iterable[str]:
    """The text in pieces of whole sentences (about ``size`` characters), each
    starting with the last sentence of the previous piece, so a pattern that
    spans two sentences is still seen. Long texts cost time in proportion to
    their length; a repeated piece is matched once."""
    if len(form) <= size:
        yield form
        return
    ends = [m.end() for m in SENTENCE_END.finditer(form)] + [len(form)]
    sentences, begin = [], 0
    for end in ends:
        if end > begin:
            sentences.append(form[begin:end])
        begin = end
    chunk: list[str] = []
    for sentence in sentences:
        if chunk and sum(map(len, chunk)) + len(sentence) > size:
            yield "".join(chunk)
            chunk = chunk[-1:]
        chunk.append(sentence)
    if chunk:
        yield "".join(chunk)


def _sentence(form: str, start: int, end: int) -> str:
    begin = max((m.end() for m in SENTENCE_END.finditer(form, 0, start)), default=0)
    stop = SENTENCE_END.search(form, end)
    return form[begin: stop.start() if stop else len(form)]


def _mask(form: str, patterns: Iterable[re.Pattern]) -> str:
    for pattern in patterns:
        form = pattern.sub(lambda m: "_" * len(m.group(0)), form)
    return form


# -- loading ---------------------------------------------------------------------------------
def _strings(value: Any, path: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise SignalFileError(path, "must be a list of strings")
    return [str(v) for v in value]


def _pairs(value: Any, path: str) -> list[list[str]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, list) and len(v) == 2 for v in value):
        raise SignalFileError(path, "must be a list of [pattern, replacement] pairs")
    return value


def _compile(pattern: str, families: dict[str, str], path: str) -> re.Pattern:
    if re.sub(r"\\.", "", pattern) != re.sub(r"\\.", "", pattern).lower():
        raise SignalFileError(path, f"pattern '{pattern}' must be lowercase")
    missing = [name for name in FAMILY.findall(pattern) if name not in families]
    if missing:
        raise SignalFileError(path, f"unknown word family '@{missing[0]}'")
    expanded = FAMILY.sub(lambda m: families[m.group(1)], pattern)
    try:
        return re.compile(expanded)
    except re.error as exc:
        raise SignalFileError(path, f"'{pattern}' is not a valid regular expression: {exc}") from None


def parse_signals(data: Any) -> SignalSet:
    """Validates the YAML of acute_signals.yml; errors name the key path."""
    if not isinstance(data, dict):
        raise SignalFileError("", "must be a mapping")
    known = {"source", "note", "families", "negation", "not_situational", "not_situational_message", "disclosure", "hypothetical", "secrecy", "spelling",
             "not_serious", "not_serious_message", "classifier_context",
             "signals"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise SignalFileError(unknown[0], f"unknown key '{unknown[0]}'")
    if data.get("source") != "landelijk" or not data.get("note"):
        raise SignalFileError("source", "needs 'source: landelijk' and a 'note' saying where it comes from")
    families = {
        name: "(?:" + "|".join(_strings(forms, f"families.{name}")) + ")"
        for name, forms in (data.get("families") or {}).items()
    }
    negation = data.get("negation") or {}
    rules = []
    ids = set()
    for index, raw in enumerate(data.get("signals") or []):
        path = f"signals[{index}]"
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("category") or not raw.get("patterns"):
            raise SignalFileError(path, "needs id, category and patterns")
        extra = sorted(set(raw) - {"id", "category", "patterns", "with", "unless", "inherent_negation", "languages"})
        if extra:
            raise SignalFileError(f"{path}.{extra[0]}", f"unknown key '{extra[0]}'")
        if raw["id"] in ids:
            raise SignalFileError(f"{path}.id", f"'{raw['id']}' is used twice")
        ids.add(raw["id"])

        def compiled(key: str) -> tuple[re.Pattern, ...]:
            return tuple(
                _compile(p, families, f"{path}.{key}[{i}]") for i, p in enumerate(_strings(raw.get(key), f"{path}.{key}"))
            )

        rules.append(_Rule(
            id=str(raw["id"]), category=str(raw["category"]), patterns=compiled("patterns"),
            with_any=compiled("with"), unless=compiled("unless"),
            inherent_negation=compiled("inherent_negation"),
            languages=frozenset(_strings(raw.get("languages"), f"{path}.languages")),
        ))
    return SignalSet(
        rules=tuple(rules),
        negation_cues=frozenset(_strings(negation.get("cues"), "negation.cues")),
        not_negating=tuple(_compile(p, families, f"negation.not_negating[{i}]")
                           for i, p in enumerate(_strings(negation.get("not_negating"), "negation.not_negating"))),
        clause_cues=tuple(_compile(p, families, f"negation.clause_cues[{i}]")
                          for i, p in enumerate(_strings(negation.get("clause_cues"), "negation.clause_cues"))),
        before=int(negation.get("before", 5)),
        after=int(negation.get("after", 3)),
        clause_words=frozenset(_strings(negation.get("clause_words"), "negation.clause_words")),
        not_situational=tuple(_compile(p, families, f"not_situational[{i}]")
                              for i, p in enumerate(_strings(data.get("not_situational"), "not_situational"))),
        not_situational_message=tuple(
            _compile(p, families, f"not_situational_message[{i}]")
            for i, p in enumerate(_strings(data.get("not_situational_message"), "not_situational_message"))),
        disclosure=tuple(_compile(p, families, f"disclosure[{i}]")
                         for i, p in enumerate(_strings(data.get("disclosure"), "disclosure"))),
        spelling=tuple((_compile(str(pair[0]), families, f"spelling[{i}]"), str(pair[1]))
                       for i, pair in enumerate(_pairs(data.get("spelling"), "spelling"))),
        not_serious=tuple(_compile(p, families, f"not_serious[{i}]")
                          for i, p in enumerate(_strings(data.get("not_serious"), "not_serious"))),
        classifier_context=tuple(
            _compile(p, families, f"classifier_context[{i}]")
            for i, p in enumerate(_strings(data.get("classifier_context"), "classifier_context"))),
        not_serious_message=tuple(
            _compile(p, families, f"not_serious_message[{i}]")
            for i, p in enumerate(_strings(data.get("not_serious_message"), "not_serious_message"))),
        hypothetical=tuple(_compile(p, families, f"hypothetical[{i}]")
                           for i, p in enumerate(_strings(data.get("hypothetical"), "hypothetical"))),
        secrecy=tuple(_compile(p, families, f"secrecy[{i}]")
                      for i, p in enumerate(_strings(data.get("secrecy"), "secrecy"))),
    )


def load_signals(path: Path | str | None = None) -> SignalSet:
    return _load(str(Path(path or SIGNALS_FILE).resolve()))


@lru_cache(maxsize=None)
def _load(path: str) -> SignalSet:
    return parse_signals(yaml.safe_load(Path(path).read_text(encoding="utf-8")))


def detect(text: str, lemmas: Optional[Sequence[str]] = None, language: Optional[str] = None) -> Optional[Signal]:
    """The first acute-danger signal in ``text``, or None."""
    return load_signals().detect(text, lemmas=lemmas, language=language)
