"""Immutable, typed records for everything in the knowledge base.

All records are frozen dataclasses holding tuples (never lists) and ``FrozenMap``
(never dicts), so a loaded knowledge base cannot be changed by accident.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Mapping, Optional, Tuple, TypeVar

from .textmatch import KeywordMatcher

LANDELIJK = "landelijk"
SUPPORT_LEVELS = ("basis", "extra")
SCHOOL_LEVELS = ("po", "vo", "so", "sbo", "vso")
ONDERZOEK_PAYERS = ("cjg_toeleiding", "niet_jeugdwet", "school", "ouders")
THRESHOLD_UNITS = ("keer", "uur", "dagen")
THRESHOLD_COMPARISONS = ("meer_dan", "binnen")
PARTICIPATION = ("structureel", "incidenteel")

def mentioned(terms: Iterable[str], text: str) -> bool:
    """Whether one of ``terms`` (keywords, ``*`` = prefix) occurs in ``text``."""
    return KeywordMatcher(tuple(t for t in terms if t)).matches(text)


K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """A small hashable, read-only mapping that keeps insertion order."""

    __slots__ = ("_items", "_dict")

    def __init__(self, items=()) -> None:
        pairs = tuple(items.items()) if isinstance(items, Mapping) else tuple(items)
        self._items = pairs
        self._dict = dict(pairs)

    def __getitem__(self, key: K) -> V:
        return self._dict[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._dict)

    def __len__(self) -> int:
        return len(self._dict)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._dict) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._dict!r})"


@dataclass(frozen=True)
class SourceRef:
    """Where a fact comes from: ``file#section`` or ``landelijk`` (+ note)."""

    file: str
    section: Optional[str] = None
    note: Optional[str] = None

    @property
    def is_national(self) -> bool:
        return self.file == LANDELIJK

    def __str__(self) -> str:
        return self.file if self.section is None else f"{self.file}#{self.section}"


@dataclass(frozen=True)
class Source:
    file: str
    title: str
    region_id: Optional[str]
    sections: Tuple[str, ...]
    short_title: Optional[str] = None  # how an answer names the document ("Bron: ...")
    parts: FrozenMap = FrozenMap()  # readable part name -> its sections

    def part_of(self, section: Optional[str]) -> Optional[str]:
        """The readable part a section belongs to (e.g. 'Verzuimkaart'), if any."""
        return next((part for part, sections in self.parts.items() if section in sections), None)


@dataclass(frozen=True)
class Note:
    text: str
    source: SourceRef
    region_id: Optional[str] = None
    links: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Website:
    url: str
    description: str
    role_id: Optional[str]
    source: SourceRef


@dataclass(frozen=True)
class AppliesTo:
    region_id: str
    school_level: Optional[str]
    text: str


@dataclass(frozen=True)
class Gemeente:
    id: str
    name: str
    region_id: Optional[str]  # None: a known place outside every region
    aliases: Tuple[str, ...]
    notes: Tuple[Note, ...]
    source: SourceRef
    roles: FrozenMap = FrozenMap()  # role_id -> local name (overrides the region)

    @property
    def in_region(self) -> bool:
        return self.region_id is not None


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    aliases: Tuple[str, ...]
    gemeenten: Tuple[Gemeente, ...]
    roles: FrozenMap  # role_id -> local name
    contacts_in_sources: bool
    notes: Tuple[Note, ...]
    is_default: bool
    source: SourceRef
    required_contact_roles: Tuple[str, ...] = ()
    incidental_roles: Tuple[str, ...] = ()
    incidental_participants: Tuple[str, ...] = ()
    school_levels: Tuple[str, ...] = ()
    websites: Tuple[Website, ...] = ()
    # role_id -> names that mean this role only in this region (e.g. Lokalis)
    role_synonyms: FrozenMap = FrozenMap()

    def participation(self, role_id: str) -> Optional[str]:
        """'structureel', 'incidenteel' or None when the role is not in this region."""
        if role_id not in self.roles:
            return None
        return "incidenteel" if role_id in self.incidental_roles else "structureel"


@dataclass(frozen=True)
class SupportText:
    region_id: str
    level: str  # 'basis' | 'extra'
    text: str
    source: SourceRef
    points: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    synonyms: Tuple[str, ...]
    description: str
    when_to_contact: str
    verzuim_task: Optional[str]
    support: Tuple[SupportText, ...]
    source: SourceRef
    points: Tuple[str, ...] = ()
    notes: Tuple[Note, ...] = ()
    school_staff: bool = False  # a colleague inside the school, no outside contact
    follows_residence: bool = False  # the pupil's place of residence decides who it is

    def mentioned_in(self, text: str) -> bool:
        return mentioned((self.name, self.id.replace("_", " ")) + self.synonyms, text)

    def support_for(self, region_id: str, level: Optional[str] = None) -> Tuple[SupportText, ...]:
        return tuple(
            s for s in self.support
            if s.region_id == region_id and (level is None or s.level == level)
        )


@dataclass(frozen=True)
class Concern:
    id: str
    name: str
    keywords: Tuple[str, ...]
    role_ids: Tuple[str, ...]
    text: str
    source: SourceRef
    region_roles: FrozenMap = FrozenMap()  # region_id -> tuple of role ids

    def mentioned_in(self, text: str) -> bool:
        return mentioned(self.keywords, text)


@dataclass(frozen=True)
class Topic:
    id: str
    name: str


@dataclass(frozen=True)
class Contact:
    id: str
    organisation: Optional[str]
    person: Optional[str]
    website: Optional[str]
    email: Optional[str]
    phone: Optional[str]
    note: Optional[str]
    source: SourceRef
    role_id: Optional[str] = None
    topic_id: Optional[str] = None
    department: Optional[str] = None
    function: Optional[str] = None
    gemeente_ids: Tuple[str, ...] = ()
    region_id: Optional[str] = None
    is_national: bool = False
    school_level: Optional[str] = None
    request_needs: Tuple[str, ...] = ()
    subject: Optional[str] = None
    by_residence: bool = False  # for pupils living in gemeente_ids, wherever the school is


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    text: str
    points: Tuple[str, ...]
    condition: Optional[str]
    next_steps: Tuple[str, ...]
    source: SourceRef
    links: Tuple[str, ...] = ()
    contact_topics: Tuple[str, ...] = ()
    include_points: Optional[str] = None


@dataclass(frozen=True)
class Branch:
    """What a route shows for one answer: its steps, whom to name (role ids),
    whose contacts to list, an extra message and an optional follow-up question."""

    answer: str
    steps: Tuple[str, ...]
    people: Tuple[str, ...]
    contacts: Tuple[str, ...] = ()
    extra_message: Optional[str] = None
    then_ask: Optional[str] = None
    show_more: bool = True


@dataclass(frozen=True)
class Route:
    id: str
    region_id: Optional[str]
    title: str
    steps: Tuple[Step, ...]
    source: SourceRef
    text: str = ""
    start_step: Optional[str] = None
    branches: Tuple[Branch, ...] = ()

    def branch(self, answer: str) -> Optional[Branch]:
        """The branch for an answer (an intent or a named answer), if the route has one."""
        return next((b for b in self.branches if b.answer == answer), None)

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(f"route '{self.id}' has no step '{step_id}'")

    @property
    def first_step(self) -> Step:
        return self.step(self.start_step) if self.start_step else self.steps[0]

    def next_of(self, step_id: str) -> Tuple[Step, ...]:
        return tuple(self.step(s) for s in self.step(step_id).next_steps)


@dataclass(frozen=True)
class Threshold:
    count: int
    unit: str  # 'keer' | 'uur' | 'dagen'
    comparison: str  # 'meer_dan' (above count) | 'binnen' (within count)
    text: str
    window_school_weeks: Optional[int] = None
    consecutive: Optional[bool] = None
    responsible_up_to: Optional[str] = None
    report_to_role: Optional[str] = None
    report_to: Optional[str] = None  # organisation outside the roles, e.g. DUO
    mandatory: Optional[bool] = None  # None: the source does not say

    def exceeded(self, value: float) -> bool:
        """For 'meer_dan' thresholds: is ``value`` above the limit?"""
        if self.comparison != "meer_dan":
            raise ValueError(f"threshold with comparison '{self.comparison}' has no limit")
        return value > self.count


@dataclass(frozen=True)
class VerzuimRule:
    id: str
    name: str
    synonyms: Tuple[str, ...]
    text: str
    points: Tuple[str, ...]
    thresholds: Tuple[Threshold, ...]
    applies_to: AppliesTo
    source: SourceRef
    involve_roles: Tuple[str, ...] = ()
    links: Tuple[str, ...] = ()
    notes: Tuple[Note, ...] = ()


@dataclass(frozen=True)
class VerlofRule:
    id: str
    name: str
    synonyms: Tuple[str, ...]
    condition_text: str
    text: str
    points: Tuple[str, ...]
    applies_to: AppliesTo
    source: SourceRef
    max_times_per_year: Optional[int] = None
    max_school_days: Optional[int] = None
    excluded_weeks_after_summer: Optional[int] = None
    request_weeks_ahead: Optional[int] = None
    request_in_writing: Optional[bool] = None
    request_to_role: Optional[str] = None
    decided_by_role: Optional[str] = None
    decision_in_writing: Optional[bool] = None
    objection_possible: Optional[bool] = None
    school_decides_up_to_days: Optional[int] = None
    above_goes_to_role: Optional[str] = None

    def handled_by_role(self, days: int) -> Optional[str]:
        """Which role handles a request for ``days`` school days, if the card says so."""
        if self.school_decides_up_to_days is not None and days > self.school_decides_up_to_days:
            return self.above_goes_to_role
        return self.decided_by_role or self.request_to_role


@dataclass(frozen=True)
class PartnerTask:
    role_id: Optional[str]
    partner_name: str
    task: str
    source: SourceRef


@dataclass(frozen=True)
class Profession:
    id: str
    name: str
    synonyms: Tuple[str, ...] = ()

    def mentioned_in(self, text: str) -> bool:
        return mentioned((self.name,) + self.synonyms, text)


@dataclass(frozen=True)
class Candidate:
    id: str
    rank: int
    function: Optional[str]  # a Profession id, or None when the source does not say
    role_id: Optional[str]
    name: str
    text: str
    terms: Tuple[str, ...] = ()  # how a teacher names this candidate (not the whole role)

    def mentioned_in(self, text: str) -> bool:
        return bool(self.terms) and mentioned(self.terms, text)


@dataclass(frozen=True)
class TweedeDeskundige:
    text: str
    triade: Tuple[str, ...]
    legal_duty: str
    professions: Tuple[Profession, ...]
    candidates: Tuple[Candidate, ...]
    restrictions: Tuple[str, ...]
    decision: str
    applies_to: AppliesTo
    source: SourceRef

    def proposal(self, first_expert_function: Optional[str], involved: Optional[Iterable[str]]
                 ) -> Tuple[Tuple[Candidate, ...], Tuple[Candidate, ...], Tuple[Candidate, ...]]:
        """(possible, excluded for the same function, not (yet) involved) candidates, in
        rank order. ``involved`` holds candidate ids, or None when unknown; a
        candidate without a role (another involved expert) is never 'not involved'."""
        involved_ids = None if involved is None else set(involved)
        possible, same_function, not_involved = [], [], []
        for candidate in sorted(self.candidates, key=lambda c: c.rank):
            if first_expert_function is not None and candidate.function == first_expert_function:
                same_function.append(candidate)
            elif involved_ids is not None and candidate.role_id and candidate.id not in involved_ids:
                not_involved.append(candidate)
            else:
                possible.append(candidate)
        return tuple(possible), tuple(same_function), tuple(not_involved)

    def candidates_excluding(self, first_expert_function: Optional[str]) -> Tuple[Candidate, ...]:
        """Candidates in order, without those sharing the first expert's function.

        Candidates whose function the source does not give are kept; their text
        tells the teacher to check it.
        """
        return tuple(
            c for c in self.candidates
            if first_expert_function is None or c.function != first_expert_function
        )


@dataclass(frozen=True)
class OnderzoekSituation:
    id: str
    name: str
    payer: str
    text: str
    source: SourceRef
    keywords: Tuple[str, ...] = ()

    def mentioned_in(self, text: str) -> bool:
        return mentioned(self.keywords, text)


@dataclass(frozen=True)
class Onderzoek:
    """Who pays for an intelligence test: intro text plus the situations."""

    text: str
    situations: Tuple[OnderzoekSituation, ...]
    source: SourceRef
    role_ids: Tuple[str, ...] = ()  # who the answer names to talk it over with


@dataclass(frozen=True)
class Passage:
    id: str
    title: str
    text: str
    points: Tuple[str, ...]
    source: SourceRef
    region_id: Optional[str] = None
    keywords: Tuple[str, ...] = ()

    def mentioned_in(self, text: str) -> bool:
        return mentioned(self.keywords or (self.title,), text)


@dataclass(frozen=True)
class Kernteam:
    region_id: str
    role_ids: Tuple[str, ...]
    text: str
    source: SourceRef
    keywords: Tuple[str, ...] = ()  # what the team is called there (kernteam, knooppunt, ...)

    def mentioned_in(self, text: str) -> bool:
        return bool(self.keywords) and mentioned(self.keywords, text)


@dataclass(frozen=True)
class Professionalisation:
    id: str
    title: str
    text: str
    ways: Tuple[Passage, ...]
    themes: Tuple[str, ...]
    organisations: Tuple[str, ...]
    intervision: Tuple[str, ...]
    contacts: Tuple[Contact, ...]
    source: SourceRef
    contact_topics: Tuple[str, ...] = ()
    keywords: Tuple[str, ...] = ()

    def mentioned_in(self, text: str) -> bool:
        return mentioned(self.keywords or (self.title,), text)


@dataclass(frozen=True)
class National:
    emergency_number: str
    emergency_text: str
    veilig_thuis_phone: str
    veilig_thuis_text: str
    veilig_thuis_free: bool
    veilig_thuis_24_7: bool
    veilig_thuis_anonymous_advice: bool
    meldcode_name: str
    meldcode_steps: Tuple[str, ...]
    afwegingskader_questions: Tuple[str, ...]
    new_weighing_note: Note
    source: SourceRef
    note: str


@dataclass(frozen=True)
class Verzuimkaart:
    """The whole Verzuimkaart card (the rules are also reachable one by one)."""

    applies_to: AppliesTo
    general_notes: Tuple[Note, ...]
    verzuim: Tuple[VerzuimRule, ...]
    verlof: Tuple[VerlofRule, ...]
    partner_tasks: Tuple[PartnerTask, ...]
    source: SourceRef
