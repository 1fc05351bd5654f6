"""The schema of the knowledge files: one immutable pydantic model per YAML record.

Field types check values (``Text``, ``Phone``, ``Literal`` choices, …) and
validators check rules inside one record; ``loader`` turns their errors into
``file: key.path: problem`` and checks what needs several files. A field's
``alias`` is its YAML key; ``ref(kind)`` marks a field holding ids of ``kind``.
Records hold tuples and read-only mappings. A record used by one parent only is
nested in it (except a route's steps and branches).
"""
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Literal, Mapping, Optional, Tuple

from pydantic import BaseModel, Extra, Field, StrictBool, conint, create_model, root_validator, validator

from .textmatch import mentioned

LANDELIJK = "landelijk"
SchoolLevel = Literal["po", "vo", "so", "sbo", "vso"]


class Problem(ValueError):
    """A rule broken inside a record; ``key``: where below the record (keys, indexes)."""

    def __init__(self, message: str, *key) -> None:
        super().__init__(message)
        self.key = key


def _text(value) -> str:
    if not isinstance(value, str):
        hint = " (put it in quotes)" if isinstance(value, (int, float)) else ""
        raise TypeError(f"expected a string, got {type(value).__name__}{hint}")
    text = " ".join(value.split()) if "\n" in value else value.strip()
    if not text:
        raise ValueError("must not be empty")
    return text


# 0800 / 0900 / 0906 / 0909 service numbers: 4 to 7 digits after the prefix;
# regular numbers: area code (2-4 digits incl. the 0), one optional separator, rest.
_SERVICE = re.compile(r"^09(00|06|09)[- ]?\d{4,7}$|^0800[- ]?\d{4,7}$")
_REGULAR = re.compile(r"^0\d{1,3}[- ]?\d{6,8}$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_WEBSITE = re.compile(r"^(https?://)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(/[^\s]*)?$", re.I)


def _is_phone(value: str) -> bool:
    """Dutch formats as in the sources: 112, 0800-2000, 0900 1852, 088-9958484, 06-52654625."""
    ten_digits = sum(ch.isdigit() for ch in value) == 10
    return value == "112" or bool(_SERVICE.match(value)) or (bool(_REGULAR.match(value)) and ten_digits)


def _checked(name: str, test=None, problem: str = ""):
    """A text field type whose values also pass ``test``."""
    def validate(value):
        text = _text(value)
        if test is not None and not test(text):
            raise ValueError(problem.format(text))
        return text
    return type(name, (str,), {"__get_validators__": classmethod(lambda cls: iter((validate,)))})


Text = _checked("Text")
Id = _checked("Id", re.compile(r"[a-z0-9_-]+").fullmatch, "id '{}' must be lowercase letters, digits and _")
Phone = _checked("Phone", _is_phone, "'{}' is not a valid Dutch phone number")
Email = _checked("Email", _EMAIL.match, "'{}' is not a valid e-mail address")
Url = _checked("Url", _WEBSITE.match, "'{}' does not look like a website (domain or URL)")
Flag = StrictBool
Count = conint(strict=True, ge=1)


def ref(kind: str, alias: Optional[str] = None, default=...):
    """A field holding the id (or ids, or mapping keys) of a ``kind`` defined elsewhere."""
    return Field(default, alias=alias, ref=kind)


@dataclass(frozen=True)
class SourceRef:
    """Where a fact comes from: ``file#section`` or ``landelijk`` (+ the record's note)."""

    file: str
    section: Optional[str] = None
    note: Optional[str] = None

    is_national = property(lambda self: self.file == LANDELIJK)

    def __str__(self) -> str:
        return self.file if self.section is None else f"{self.file}#{self.section}"

    @classmethod
    def parse(cls, value) -> "SourceRef":
        """``file#section`` or ``landelijk``; ValueError when malformed."""
        raw = _text(value)
        file, _, section = (part.strip() for part in raw.partition("#"))
        if raw != LANDELIJK and (not section or not re.fullmatch(r"[\w.-]+", file)):
            raise ValueError(f"'{raw}' is not a valid source; use 'file#section heading' or 'landelijk'")
        return cls(file, section or None)

    @classmethod
    def __get_validators__(cls):
        yield cls.parse


class Record(BaseModel):
    """Unknown keys are errors; ``key:`` with nothing after it counts as absent;
    a required list must not be empty; mappings become read-only.
    ``__kind__``: the kind of id the record defines; ``__names__``: the name
    group and the key of its aliases (a name may mean one id only)."""

    __kind__: Optional[str] = None
    __names__: Optional[Tuple[str, str]] = None

    class Config:
        extra = Extra.forbid
        frozen = True

    @root_validator(pre=True)
    def _present(cls, values):
        return {key: value for key, value in values.items() if value is not None}

    @root_validator(skip_on_failure=True)
    def _complete(cls, values):
        for name, field in cls.__fields__.items():
            if field.required and values.get(name) == ():
                raise Problem("list must not be empty", field.alias)
        return {k: MappingProxyType(v) if type(v) is dict else v for k, v in values.items()}


class Sourced(Record):
    """A record with a ``source``; ``source: landelijk`` needs a ``note`` (kept in
    the SourceRef); other records have a ``note`` only when they declare one."""

    source: SourceRef
    note: Optional[Text] = None

    @root_validator(skip_on_failure=True)
    def _landelijk_note(cls, values):
        source, note = values["source"], values.get("note")
        if source.is_national and note is None:
            raise Problem("source 'landelijk' needs a 'note' saying where the fact comes from")
        if note is not None and not source.is_national and "note" not in cls.__annotations__:
            raise Problem("unknown key", "note")
        if source.is_national:
            values["source"] = SourceRef(LANDELIJK, None, note)
        return values


# -- sources, regions, roles, contacts, concerns ---------------------------------------
class Source(Record):
    __kind__ = "source"
    file: Text
    title: Text
    short_title: Optional[Text] = None  # how an answer names the document ("Bron: ...")
    region_id: Optional[Text] = ref("region", "region", None)
    sections: Tuple[Text, ...]
    parts: Mapping[Text, Tuple[Text, ...]] = {}  # readable part name -> its sections

    id = property(lambda self: self.file)

    @validator("parts")
    def _parts_in_sections(cls, parts, values):
        for part, sections in parts.items():
            unknown = [s for s in sections if s not in values.get("sections", ())]
            if unknown:
                raise Problem(f"section '{unknown[0]}' is not listed under 'sections'", part)
        return parts

    def part_of(self, section: Optional[str]) -> Optional[str]:
        """The readable part a section belongs to (e.g. 'Verzuimkaart'), if any."""
        return next((part for part, sections in self.parts.items() if section in sections), None)


class Note(Sourced):
    text: Text
    region_id: Optional[Text] = ref("region", "region", None)
    links: Tuple[Url, ...] = ()


class AppliesTo(Record):
    region_id: Text = ref("region", "region")
    school_level: Optional[SchoolLevel] = None
    text: Text


class Gemeente(Sourced):
    __kind__ = "gemeente"
    __names__ = ("gemeente", "aliases")
    id: Id
    name: Text
    aliases: Tuple[Text, ...] = ()
    roles: Mapping[Text, Text] = ref("role", default={})  # role_id -> local name here
    notes: Tuple[Note, ...] = ()
    region_id: Optional[str] = None  # set by its Region; None: a place outside every region

    in_region = property(lambda self: self.region_id is not None)


class Region(Sourced):
    class Website(Sourced):
        url: Url
        description: Text
        role_id: Optional[Text] = ref("role", "role", None)

    __kind__ = "region"
    __names__ = ("region", "aliases")
    id: Id
    name: Text
    aliases: Tuple[Text, ...] = ()
    is_default: Flag = Field(False, alias="default")
    school_levels: Tuple[SchoolLevel, ...] = ()
    contacts_in_sources: Flag
    roles: Mapping[Text, Text] = ref("role")  # role_id -> local name
    required_contact_roles: Tuple[Text, ...] = ref("role", default=())
    incidental_roles: Tuple[Text, ...] = ref("role", default=())
    incidental_participants: Tuple[Text, ...] = ()
    # role_id -> names that mean this role only in this region (e.g. Lokalis)
    role_synonyms: Mapping[Text, Tuple[Text, ...]] = {}
    gemeenten: Tuple[Gemeente, ...] = ()
    notes: Tuple[Note, ...] = ()
    websites: Tuple[Website, ...] = ()

    @validator("required_contact_roles", "incidental_roles", "role_synonyms")
    def _own_roles(cls, role_ids, values):
        unknown = [role_id for role_id in role_ids if role_id not in values.get("roles", {})]
        if unknown:
            raise Problem(f"role '{unknown[0]}' is not listed under this region's roles")
        return role_ids

    @validator("gemeenten")
    def _in_region(cls, gemeenten, values):
        return tuple(g.copy(update={"region_id": values.get("id")}) for g in gemeenten)


class RegionsFile(Record):
    regions: Tuple[Region, ...]
    other_places: Tuple[Gemeente, ...] = ()

    @validator("regions")
    def _one_default(cls, regions):
        defaults = sum(r.is_default for r in regions)
        if defaults != 1:
            raise Problem(f"exactly one region needs 'default: true' (found {defaults})")
        return regions


class Role(Sourced):
    class Support(Sourced):
        region_id: Text = ref("region", "region")
        level: Literal["basis", "extra"]
        text: Text
        points: Tuple[Text, ...] = ()

    __kind__ = "role"
    __names__ = ("role", "synonyms")
    id: Id
    name: Text
    synonyms: Tuple[Text, ...]
    description: Text
    when_to_contact: Text
    school_staff: Flag = False  # a colleague inside the school, no outside contact
    follows_residence: Flag = False  # the pupil's place of residence decides who it is
    points: Tuple[Text, ...] = ()
    notes: Tuple[Note, ...] = ()
    support: Tuple[Support, ...] = ()

    def support_for(self, region_id: str) -> Tuple[Support, ...]:
        return tuple(s for s in self.support if s.region_id == region_id)


class Topic(Record):
    __kind__ = "topic"
    id: Id
    name: Text


class Contact(Sourced):
    __kind__ = "contact"
    id: Id
    role_id: Optional[Text] = ref("role", "role", None)
    topic_id: Optional[Text] = ref("topic", "topic", None)
    gemeente_ids: Tuple[Text, ...] = ref("gemeente", "gemeenten", ())
    region_id: Optional[Text] = ref("region", "region", None)
    scope: Optional[Literal["landelijk"]] = None
    organisation: Optional[Text] = None
    person: Optional[Text] = None
    department: Optional[Text] = None
    function: Optional[Text] = None
    website: Optional[Url] = None
    email: Optional[Email] = None
    phone: Optional[Phone] = None
    note: Optional[Text] = None
    school_level: Optional[SchoolLevel] = None
    request_needs: Tuple[Text, ...] = ()
    subject: Optional[Text] = None
    by_residence: Flag = False  # for pupils living in gemeente_ids, wherever the school is

    is_national = property(lambda self: self.scope == LANDELIJK)

    @root_validator(skip_on_failure=True)
    def _complete_contact(cls, values):
        if (values["role_id"] is None) == (values["topic_id"] is None):
            raise Problem("a contact needs exactly one of 'role' or 'topic'")
        if sum(map(bool, (values["gemeente_ids"], values["region_id"], values["scope"]))) != 1:
            raise Problem("a contact needs exactly one of 'gemeenten', 'region' or 'scope: landelijk'")
        if not (values["organisation"] or values["person"]):
            raise Problem("a contact needs an 'organisation' or a 'person'")
        if not (values["website"] or values["email"] or values["phone"]):
            raise Problem("a contact needs at least one of 'website', 'email' or 'phone'")
        return values


class Concern(Sourced):
    class RegionRoles(Sourced):
        region_id: Text = ref("region", "region")
        role_ids: Tuple[Text, ...] = ref("role")

    __kind__ = "concern"
    id: Id
    name: Text
    keywords: Tuple[Text, ...]
    role_ids: Tuple[Text, ...] = ref("role")
    text: Text
    region_roles: Tuple[RegionRoles, ...] = ()  # another order of roles in a region


# -- passages and routes ---------------------------------------------------------------
class Passage(Sourced):
    __kind__ = "passage"
    id: Id
    title: Text
    text: Text
    points: Tuple[Text, ...] = ()
    keywords: Tuple[Text, ...] = ()

    def mentioned_in(self, text: str) -> bool:
        return mentioned(self.keywords or (self.title,), text)


class Step(Passage):  # a passage of a route, with what may come next
    __kind__ = "step"
    condition: Optional[Text] = None
    next_steps: Tuple[Text, ...] = ref("step", default=())
    links: Tuple[Url, ...] = ()
    contact_topics: Tuple[Text, ...] = ref("topic", default=())
    include_points: Optional[Literal["meldcode_steps", "afwegingskader_questions"]] = None


class Branch(Record):
    """What a route shows for one answer: its steps, whom to name (role ids),
    whose contacts to list, an extra message and an optional follow-up question."""

    answer: Text
    steps: Tuple[Text, ...] = ref("step")
    people: Tuple[Text, ...] = ref("role")
    contacts: Tuple[Text, ...] = ref("role", default=())
    extra_message: Optional[Text] = None
    then_ask: Optional[Text] = None
    show_more: Flag = True


class Route(Sourced):
    __kind__ = "route"
    id: Id
    region_id: Optional[Text] = ref("region", "region", None)
    title: Text
    text: Text = ""
    start_step: Optional[Text] = ref("step", "start", None)
    steps: Tuple[Step, ...]
    branches: Tuple[Branch, ...] = ()

    def step(self, step_id: str) -> Step:
        return {step.id: step for step in self.steps}[step_id]  # KeyError names an unknown step


# -- verzuimkaart ----------------------------------------------------------------------
class CardRule(Sourced):  # what every rule on the Verzuimkaart has
    id: Id
    name: Text
    synonyms: Tuple[Text, ...]
    text: Text
    points: Tuple[Text, ...] = ()


class VerzuimRule(CardRule):
    class Threshold(Record):
        count: Count
        unit: Literal["keer", "uur", "dagen"]
        comparison: Literal["meer_dan", "binnen"]  # above count | within count
        text: Text
        window_school_weeks: Optional[Count] = None
        consecutive: Optional[Flag] = None
        responsible_up_to: Optional[Text] = None
        report_to_role: Optional[Text] = ref("role", default=None)
        report_to: Optional[Text] = None  # organisation outside the roles, e.g. DUO
        mandatory: Optional[Flag] = None  # None: the source does not say

        @root_validator(skip_on_failure=True)
        def _reported(cls, values):
            if not (values["report_to_role"] or values["report_to"]):
                raise Problem("a threshold needs 'report_to_role' or 'report_to'")
            return values

        def exceeded(self, value: float) -> bool:
            """For 'meer_dan' thresholds: is ``value`` above the limit?"""
            if self.comparison != "meer_dan":
                raise ValueError(f"threshold with comparison '{self.comparison}' has no limit")
            return value > self.count

    __kind__ = "verzuim"
    __names__ = ("verzuim_kind", "synonyms")
    thresholds: Tuple[Threshold, ...] = ()
    involve_roles: Tuple[Text, ...] = ref("role", default=())
    links: Tuple[Url, ...] = ()
    notes: Tuple[Note, ...] = ()


class VerlofRule(CardRule):
    __kind__ = "verlof"
    __names__ = ("verlof_kind", "synonyms")
    condition_text: Text
    max_times_per_year: Optional[Count] = None
    max_school_days: Optional[Count] = None
    excluded_weeks_after_summer: Optional[Count] = None
    request_weeks_ahead: Optional[Count] = None
    request_in_writing: Optional[Flag] = None
    request_to_role: Optional[Text] = ref("role", default=None)
    decided_by_role: Optional[Text] = ref("role", default=None)
    decision_in_writing: Optional[Flag] = None
    objection_possible: Optional[Flag] = None
    school_decides_up_to_days: Optional[Count] = None
    above_goes_to_role: Optional[Text] = ref("role", default=None)

    @root_validator(skip_on_failure=True)
    def _pair(cls, values):
        if (values["school_decides_up_to_days"] is None) != (values["above_goes_to_role"] is None):
            raise Problem("'school_decides_up_to_days' and 'above_goes_to_role' go together")
        return values

    def handled_by_role(self, days: int) -> Optional[str]:
        """Which role handles a request for ``days`` school days, if the card says so."""
        if self.school_decides_up_to_days is not None and days > self.school_decides_up_to_days:
            return self.above_goes_to_role
        return self.decided_by_role or self.request_to_role


class Verzuimkaart(Sourced):  # the whole card; ``applies_to`` holds for every rule on it
    class PartnerTask(Sourced):
        role_id: Optional[Text] = ref("role", "role", None)
        partner_name: Text
        task: Text

    applies_to: AppliesTo
    general_notes: Tuple[Note, ...] = ()
    verzuim: Tuple[VerzuimRule, ...]
    verlof: Tuple[VerlofRule, ...]
    partner_tasks: Tuple[PartnerTask, ...]


# -- tweede deskundige, onderzoek --------------------------------------------------------
class TweedeDeskundige(Sourced):
    class Profession(Record):
        __kind__ = "profession"
        __names__ = ("profession", "synonyms")
        id: Id
        name: Text
        synonyms: Tuple[Text, ...] = ()

        def mentioned_in(self, text: str) -> bool:
            return mentioned((self.name,) + self.synonyms, text)

    class Candidate(Record):
        __kind__ = "candidate"
        id: Id
        rank: Count
        name: Text
        function: Optional[Text] = ref("profession", default=None)  # None: the source does not say
        role_id: Optional[Text] = ref("role", "role", None)
        terms: Tuple[Text, ...] = ()  # how a teacher names this candidate (not the whole role)
        text: Text

        def mentioned_in(self, text: str) -> bool:
            return mentioned(self.terms, text)

    applies_to: AppliesTo
    text: Text
    triade: Tuple[Text, ...]
    legal_duty: Text
    professions: Tuple[Profession, ...]
    candidates: Tuple[Candidate, ...]
    restrictions: Tuple[Text, ...]
    decision: Text

    @validator("candidates")
    def _in_rank_order(cls, candidates):
        return tuple(sorted(candidates, key=lambda candidate: candidate.rank))

    def proposal(self, first_expert_function: Optional[str], involved: Optional[Iterable[str]]
                 ) -> Tuple[Tuple[Candidate, ...], Tuple[Candidate, ...], Tuple[Candidate, ...]]:
        """(possible, excluded for the same function, not (yet) involved) candidates, in
        rank order. ``involved`` holds candidate ids, or None when unknown; a
        candidate without a role (another involved expert) is never 'not involved'.
        A candidate whose function the source does not give is never excluded for it."""
        involved_ids = None if involved is None else set(involved)
        possible, same_function, not_involved = [], [], []
        for candidate in self.candidates:
            if first_expert_function is not None and candidate.function == first_expert_function:
                same_function.append(candidate)
            elif involved_ids is not None and candidate.role_id and candidate.id not in involved_ids:
                not_involved.append(candidate)
            else:
                possible.append(candidate)
        return tuple(possible), tuple(same_function), tuple(not_involved)


class Onderzoek(Sourced):  # who pays for an intelligence test: intro text plus the situations
    class Situation(Sourced):
        __kind__ = "onderzoek"
        id: Id
        name: Text
        payer: Literal["cjg_toeleiding", "niet_jeugdwet", "school", "ouders"]
        text: Text
        keywords: Tuple[Text, ...] = ()

        def mentioned_in(self, text: str) -> bool:
            return mentioned(self.keywords, text)

    text: Text
    role_ids: Tuple[Text, ...] = ref("role", "roles", ())  # who the answer names to talk it over with
    situations: Tuple[Situation, ...]


# -- samenwerking, national -----------------------------------------------------------------
class Professionalisation(Passage):
    ways: Tuple[Passage, ...]
    themes: Tuple[Text, ...]
    organisations: Tuple[Text, ...]
    intervision: Tuple[Text, ...]
    contact_topics: Tuple[Text, ...] = ref("topic", default=())


class Samenwerking(Record):
    class Kernteam(Sourced):
        region_id: Text = ref("region", "region")
        role_ids: Tuple[Text, ...] = ref("role", "members")
        text: Text
        keywords: Tuple[Text, ...] = ()  # what the team is called there (kernteam, knooppunt, ...)

        def mentioned_in(self, text: str) -> bool:
            return mentioned(self.keywords, text)

    class RegionWorking(Record):
        region_id: Text = ref("region", "region")
        passages: Tuple[Passage, ...]

    principles: Tuple[Passage, ...]
    kernteams: Tuple[Kernteam, ...]
    professionalisation: Professionalisation
    region_working: Tuple[RegionWorking, ...]


class National(Sourced):
    class Emergency(Record):
        number: Phone
        text: Text

    class VeiligThuis(Record):
        phone: Phone
        free: Flag
        always_open: Flag
        anonymous_advice: Flag
        text: Text

    class Meldcode(Record):
        name: Text
        steps: Tuple[Text, ...]

    emergency: Emergency
    veilig_thuis: VeiligThuis
    meldcode: Meldcode
    afwegingskader_questions: Tuple[Text, ...]
    new_weighing_note: Note

    emergency_number = property(lambda self: self.emergency.number)
    veilig_thuis_phone = property(lambda self: self.veilig_thuis.phone)


# The model of each knowledge file (routes/*.yml: Route; acute_signals.yml: bot/safety).
FILES = {
    "sources.yml": create_model("SourcesFile", __base__=Record, sources=(Tuple[Source, ...], ...)),
    "regions.yml": RegionsFile,
    "roles.yml": create_model("RolesFile", __base__=Record, roles=(Tuple[Role, ...], ...)),
    "contacts.yml": create_model("ContactsFile", __base__=Record, topics=(Tuple[Topic, ...], ()),
                                 contacts=(Tuple[Contact, ...], ...)),
    "concerns.yml": create_model("ConcernsFile", __base__=Record, concerns=(Tuple[Concern, ...], ...)),
    "verzuimkaart.yml": Verzuimkaart, "tweede_deskundige.yml": TweedeDeskundige,
    "onderzoek.yml": Onderzoek, "samenwerking.yml": Samenwerking, "national.yml": National,
}
