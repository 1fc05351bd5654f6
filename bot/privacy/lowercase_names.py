"""Finds names that teachers type in lower case (and some capitalised ones)
that ``deduce``, which recognises names mainly by their capitals, misses.

:func:`replace_names` returns the text with every likely name replaced by
``[NAAM]`` (and initials by ``[INITIAAL]``); deduce then handles the rest:

- a word that is a first name in deduce's own lookup lists and not an ordinary
  Dutch word (deduce's stop words, common words and whitelist);
- the surname after such a name, with particles ("daan van der berg");
- the word after a cue such as "het gaat om", "leerling", "genaamd", "juf",
  "de moeder van", or before "uit groep 6", unless it is an ordinary word;
- a word that is neither Dutch (spaCy's Dutch word forms, or a compound of
  two) nor a term the assistant knows: probably a name, else a typo, and
  storage prefers losing a typo to keeping a name;
- initials after a title ("meester b.", "mevr. k."), next to a name, or in a
  run ("j.d.") that is no common abbreviation ("o.a.", "d.w.z.").

Storage prefers redacting an ordinary word too many over keeping a name.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

INITIAL_TAG = "[INITIAAL]"
NAME_TAG = "[NAAM]"
TOKEN = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*\.?", re.UNICODE)
# Words after which the next word is probably a name.
CUES_BEFORE = (
    "het gaat om", "het gaat over", "gaat om", "leerling", "leerlinge", "mijn leerling", "jongen", "meisje",
    "genaamd", "heet", "heten", "naam is", "zoon", "dochter", "broer", "broertje", "zus", "zusje",
    "moeder van", "vader van", "ouders van", "oma van", "opa van", "stiefvader", "stiefmoeder", "neefje", "nichtje",
    "meneer", "mevrouw", "mevr", "mw", "dhr", "juf", "juffrouw", "meester", "collega", "kleuter", "peuter",
    "klasgenoot", "klasgenootje", "vriendje", "vriendinnetje", "pleegkind", "tweeling", "familie", "fam",
)
# Words that, right after a word, mark that word as a name ("sanne uit groep 4").
CUES_AFTER = ("uit groep", "uit klas", "in groep", "zit in groep", "van groep", "uit de klas", "uit mijn klas")
PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "el", "al", "la", "le", "du", "da", "di", "op",
                       "in", "'t", "het", "von", "vd", "v.d."})
TITLES = frozenset({"meneer", "mevrouw", "mevr", "mevr.", "mw", "mw.", "dhr", "dhr.", "juf", "meester", "familie",
                    "fam", "fam."})
# Words that are never taken as a name after a cue, besides deduce's own lists.
NOT_NAMES = frozenset({
    "een", "de", "het", "die", "dat", "deze", "mijn", "zijn", "haar", "onze", "hun", "uit", "in", "van", "met",
    "is", "was", "en", "of", "maar", "die", "wel", "niet", "ook", "nog", "al", "zo", "er", "hier", "daar",
    "groep", "klas", "school", "thuis", "kind", "kinderen", "leerling", "leerlingen", "ouders", "moeder", "vader",
    "jongen", "meisje", "zoon", "dochter", "juf", "meester", "ib", "ib'er", "ibber", "directeur", "leerkracht",
    "cjg", "jgz", "ggd", "coach", "jeugdarts", "leerplicht", "leerplichtambtenaar", "onderwijsconsulent",
    "veilig", "thuis", "verlof", "verzuim", "vakantie", "ziek", "zorgen", "zorg", "hulp", "vraag",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "vandaag", "gisteren", "morgen",
})


@lru_cache(maxsize=1)
def assistant_terms() -> frozenset[str]:
    """Words the assistant itself knows (gemeenten, regions, roles, verlof and
    verzuim words from data/nlu/lookups.yml): never taken for a name."""
    import yaml

    from bot.paths import PROJECT_ROOT

    path = PROJECT_ROOT / "data" / "nlu" / "lookups.yml"
    if not path.exists():
        return frozenset()
    words: set[str] = set()
    for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
        for line in str(block.get("examples") or "").splitlines():
            words.update(re.findall(r"[^\W\d_]+", line.lower()))
    return frozenset(words)


COMMON_ABBREVIATIONS = frozenset({"o.a.", "d.w.z.", "z.s.m.", "t.z.t.", "i.v.m.", "m.b.t.", "a.u.b.", "e.d.", "n.a.v.",
                                  "b.v.", "bijv.", "m.a.w.", "i.p.v.", "t.a.v.", "v.w.b.", "o.b.v.", "i.o.m.", "p.s.",
                                  "a.s.", "j.l.", "e.a.", "m.n.", "z.o.z.", "n.v.t."})
DIMINUTIVE = re.compile(r"^(.+?)(?:metje|petje|etje|tje|pje|je|ie|y)$")


WORDLIST_ENV = "KERNTEAMWIJZER_DUTCH_WORDLIST"
DEFAULT_WORDLIST = "/usr/share/dict/dutch"  # Debian's wdutch (OpenTaal), installed by the set-up


@lru_cache(maxsize=1)
def _dutch_word_forms() -> frozenset[str]:
    """Dutch word forms in lower case: the OpenTaal word list (Debian's wdutch,
    ~360,000 forms, no first names), or spaCy's Dutch lemmas when it is absent."""
    path = Path(os.environ.get(WORDLIST_ENV, DEFAULT_WORDLIST))
    if path.is_file():
        with path.open(encoding="utf-8", errors="replace") as handle:
            return frozenset(line.strip() for line in handle if line[:1].islower())
    from spacy.lookups import load_lookups

    return frozenset(load_lookups("nl", ["lemma_lookup"]).get_table("lemma_lookup").values())


def is_dutch_word(word: str) -> bool:
    """A known Dutch word form, or a compound of two ("zindelijkheidsproblemen")."""
    forms = _dutch_word_forms()
    if word in forms:
        return True
    for split in range(3, len(word) - 2):
        head, tail = word[:split], word[split:]
        if tail in forms and (head in forms or head.endswith("s") and head[:-1] in forms):
            return True
    return False


@dataclass(frozen=True)
class NameLists:
    is_first_name: Callable[[str], bool]
    is_surname: Callable[[str], bool]
    is_ordinary_word: Callable[[str], bool]
    is_unknown_word: Callable[[str], bool] = lambda word: False


def name_lists_from_deduce(deduce: Any) -> NameLists:
    lookups = deduce.lookup_structs
    first, surname = lookups["first_name"], lookups["surname"]
    ordinary = [lookups[name] for name in ("stop_word", "common_word", "whitelist")]

    def in_trie(trie: Any, word: str) -> bool:
        return bool(trie.longest_matching_prefix([word]))

    def is_first_name(word: str) -> bool:
        parts = word.split("-")
        if all(in_trie(first, part.capitalize()) for part in parts):
            return True
        nickname = DIMINUTIVE.match(word)  # "pimmetje", "lotje", "sammy"
        return bool(nickname) and len(nickname.group(1)) >= 2 and in_trie(first, nickname.group(1).capitalize())

    def is_surname(word: str) -> bool:
        return in_trie(surname, word.capitalize()) or in_trie(surname, "-".join(p.capitalize() for p in word.split("-")))

    def is_ordinary_word(word: str) -> bool:
        return word in NOT_NAMES or word in assistant_terms() or any(word in lookup for lookup in ordinary)

    def is_unknown_word(word: str) -> bool:
        return len(word) >= 3 and word.isalpha() and not is_ordinary_word(word) and not is_dutch_word(word)

    return NameLists(lru_cache(maxsize=4096)(is_first_name), lru_cache(maxsize=4096)(is_surname),
                     lru_cache(maxsize=4096)(is_ordinary_word), lru_cache(maxsize=4096)(is_unknown_word))


def replace_names(text: str, lists: NameLists) -> str:
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
    words = [t[2].lower().rstrip(".") for t in tokens]
    names: set[int] = set()
    initials: set[int] = set()  # deduce does not see these: replaced here
    lowered = " ".join(words)
    for index, word in enumerate(words):
        original = tokens[index][2]
        if _is_initial(original):
            continue
        if lists.is_first_name(word) and not lists.is_ordinary_word(word):
            names.add(index)
        elif original[:1].isupper() and not original.isupper() and len(word) >= 3 \
                and not lists.is_ordinary_word(word) and not _starts_sentence(text, tokens[index][0]):
            names.add(index)  # a capitalised word that is no ordinary word or known term
        elif lists.is_unknown_word(word):
            names.add(index)  # no Dutch word and no term the assistant knows: probably a name
    for index in _initial_runs(tokens):
        initials.add(index)
    for cue in CUES_BEFORE:
        for match in re.finditer(rf"(?:^| ){re.escape(cue)} ", lowered + " "):
            index = lowered[: match.end()].count(" ")
            if index < len(words):
                _cue_name(words, index, names, initials, lists, tokens)
    for cue in CUES_AFTER:
        for match in re.finditer(rf" {re.escape(cue)}\b", lowered):
            index = lowered[: match.start()].count(" ")
            while 0 <= index < len(words) and _is_initial(tokens[index][2]):
                initials.add(index)  # "j.d. uit groep 3"
                index -= 1
            if 0 <= index < len(words) and not lists.is_ordinary_word(words[index]) and len(words[index]) > 1:
                names.add(index)
    for index in sorted(names | initials):
        _surname_after(words, index, names, lists)
    names -= initials
    for index, (_, _, original) in enumerate(tokens):
        # A single initial next to a name ("t. bakker", "sanne w.").
        if _is_initial(original) and (index - 1 in names or index + 1 in names) \
                and original.lower() not in COMMON_ABBREVIATIONS:
            initials.add(index)
    pieces, last = [], 0
    for index, (start, end, original) in enumerate(tokens):
        if index in initials or index in names:
            pieces.append(text[last:start] + (INITIAL_TAG if index in initials else NAME_TAG))
            last = end
    return "".join(pieces) + text[last:]


def _cue_name(words: list[str], index: int, names: set[int], initials: set[int], lists: NameLists,
              tokens: list) -> None:
    word = words[index]
    if word not in PARTICLES and lists.is_ordinary_word(word) and words[index - 1] not in TITLES:
        return
    if _is_initial(tokens[index][2]):
        while index < len(words) and _is_initial(tokens[index][2]):
            initials.add(index)  # initials ("meester b.", "mevr. k.", "dhr. j.d.")
            index += 1
        return
    start = index
    while index < len(words) and words[index] in PARTICLES:
        index += 1  # "juf de boer", "meneer van dijk"
    if index >= len(words):
        return
    word = words[index]
    after_title = words[start - 1].rstrip(".") in {t.rstrip(".") for t in TITLES} if start else False
    if index > start and (lists.is_surname(word) or not lists.is_ordinary_word(word)) or after_title \
            or not lists.is_ordinary_word(word):
        names.update(range(start, index + 1))


def _is_initial(token: str) -> bool:
    return len(token) == 2 and token.endswith(".")


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:;\n\"'(…-"


def _initial_runs(tokens: list) -> list[int]:
    """Runs of two or more initials ("j.d.", "a.b.") that are no common abbreviation."""
    found: list[int] = []
    index = 0
    while index < len(tokens):
        end = index
        while end < len(tokens) and _is_initial(tokens[end][2]) and (end == index or tokens[end][0] == tokens[end - 1][1]):
            end += 1
        run = "".join(tokens[i][2] for i in range(index, end)).lower()
        if end - index >= 2 and run not in COMMON_ABBREVIATIONS:
            found.extend(range(index, end))
        index = max(end, index + 1)
    return found


def _surname_after(words: list[str], index: int, names: set[int], lists: NameLists) -> None:
    next_index = index + 1
    while next_index < len(words) and words[next_index] in PARTICLES:
        next_index += 1
    if next_index >= len(words):
        return
    word = words[next_index]
    had_particle = next_index > index + 1
    # After a particle ("yusra el amrani") any word that is not ordinary is a surname.
    ordinary = lists.is_ordinary_word(word)
    if not ordinary or had_particle and lists.is_surname(word):
        names.update(range(index + 1, next_index + 1))
