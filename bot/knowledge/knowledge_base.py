"""The query API the action server uses. A KnowledgeBase is built by
``load_knowledge()`` and never changes afterwards."""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Dict, Iterable, Mapping, Optional, Tuple

if TYPE_CHECKING:  # pragma: no cover
    from bot.safety.signals import SignalSet

from .schema import (
    Concern, Contact, Gemeente, Kernteam, National, Note, Onderzoek, OnderzoekSituation,
    PartnerTask, Passage, Professionalisation, Region, Role, Route, Source, Step, Topic,
    TweedeDeskundige, VerlofRule, Verzuimkaart, VerzuimRule,
)
from .textmatch import AliasIndex, KeywordMatcher

LOOKUP_ENTITIES = ("gemeente", "region", "role", "verlof_kind", "verzuim_kind")


def _index(items: Iterable) -> Mapping:
    return MappingProxyType({item.id: item for item in items})


def _get(index: Mapping, key: str, what: str):
    try:
        return index[key]
    except KeyError:
        raise KeyError(f"unknown {what} '{key}'") from None


@dataclass(frozen=True)
class RoleContacts:
    """Who to contact for a role, for one pupil at one school.

    ``gemeente_id``/``region_id`` is the place the contacts are for: the school's,
    or the pupil's place of residence when that decides (``by_residence``).
    """

    role_id: str
    gemeente_id: Optional[str]
    region_id: Optional[str]
    by_residence: bool
    contacts: Tuple[Contact, ...]


@dataclass(frozen=True)
class OtherRegionName:
    """A name that means a role only in another region (e.g. "buurtteam" in Utrecht)."""

    name: str
    region_id: str
    role_id: str


def _unique(values: Iterable[str]) -> Tuple[str, ...]:
    seen, result = set(), []
    for value in values:
        if value not in seen:
            seen.add(value)
            result.append(value)
    return tuple(result)


class KnowledgeBase:
    def __init__(
        self, *, sources: Mapping[str, Source], regions: Tuple[Region, ...],
        other_places: Tuple[Gemeente, ...], roles: Tuple[Role, ...],
        concerns: Tuple[Concern, ...], topics: Tuple[Topic, ...],
        contacts: Tuple[Contact, ...], routes: Tuple[Route, ...],
        acute_signals: "SignalSet", verzuimkaart: Verzuimkaart,
        tweede_deskundige: TweedeDeskundige, onderzoek: Onderzoek,
        principles: Tuple[Passage, ...], kernteams: Tuple[Kernteam, ...],
        professionalisation: Professionalisation,
        region_working: Mapping[str, Tuple[Passage, ...]], national: National,
    ) -> None:
        self._sources = MappingProxyType(dict(sources))
        self._regions = regions
        self._gemeenten = tuple(g for r in regions for g in r.gemeenten) + other_places
        self._roles = roles
        self._concerns = concerns
        self._topics = topics
        self._contacts = contacts
        self._routes = routes
        self._acute_signals = acute_signals
        self._verzuimkaart = verzuimkaart
        self._verzuim = verzuim_kinds = verzuimkaart.verzuim
        self._verzuim_notes = verzuimkaart.general_notes
        self._verlof = verlof_kinds = verzuimkaart.verlof
        self._partner_tasks = verzuimkaart.partner_tasks
        self._tweede_deskundige = tweede_deskundige
        self._onderzoek_info = onderzoek
        self._onderzoek = onderzoek_situations = onderzoek.situations
        self._principles = principles
        self._kernteams = MappingProxyType({k.region_id: k for k in kernteams})
        self._professionalisation = professionalisation
        self._region_working = MappingProxyType(dict(region_working))
        self._national = national

        self._region_by_id = _index(regions)
        self._gemeente_by_id = _index(self._gemeenten)
        self._role_by_id = _index(roles)
        self._concern_by_id = _index(concerns)
        self._topic_by_id = _index(topics)
        self._route_by_id = _index(routes)
        self._verzuim_by_id = _index(verzuim_kinds)
        self._verlof_by_id = _index(verlof_kinds)
        self._onderzoek_by_id = _index(onderzoek_situations)
        region_names = self._region_role_names(regions, roles)
        self._lookup = {
            "region": {r.id: _unique((r.name,) + r.aliases) for r in regions},
            "gemeente": {g.id: _unique((g.name,) + g.aliases) for g in self._gemeenten},
            "role": {r.id: _unique((r.name,) + r.synonyms + region_names.get(r.id, ())) for r in roles},
            "verzuim_kind": {v.id: _unique((v.name,) + v.synonyms) for v in verzuim_kinds},
            "verlof_kind": {v.id: _unique((v.name,) + v.synonyms) for v in verlof_kinds},
        }
        self._region_index = AliasIndex(self._entries("region", self._region_by_id))
        self._gemeente_index = AliasIndex(self._entries("gemeente", self._gemeente_by_id))
        global_role_names = [(name, role) for role in roles
                             for name in (role.id, role.name) + role.synonyms]
        self._role_index = AliasIndex(global_role_names + [
            (name, self._role_by_id[role_id]) for role_id, names in region_names.items() for name in names])
        # Per region: the region's own names first (they win over a global synonym
        # of the same spelling, e.g. "CJG" on Goeree-Overflakkee), then the global ones.
        self._region_role_index = MappingProxyType({
            region.id: AliasIndex([(name, self._role_by_id[role_id])
                                   for role_id, names in region.role_synonyms.items() for name in names]
                                  + global_role_names)
            for region in regions})
        self._verzuim_index = AliasIndex(self._entries("verzuim_kind", self._verzuim_by_id))
        self._verlof_index = AliasIndex(self._entries("verlof_kind", self._verlof_by_id))
        self._concern_matchers = tuple((c, KeywordMatcher(c.keywords)) for c in concerns)

    @staticmethod
    def _region_role_names(regions, roles) -> Dict[str, Tuple[str, ...]]:
        """Region-only role names that mean the same role wherever they are used
        (so they can also be recognised when the region is not known yet)."""
        meanings: Dict[str, set] = {}
        spelling: Dict[str, str] = {}
        for role in roles:
            for name in (role.name,) + role.synonyms:
                meanings.setdefault(name.lower(), set()).add(role.id)
        for region in regions:
            for role_id, names in region.role_synonyms.items():
                for name in names:
                    meanings.setdefault(name.lower(), set()).add(role_id)
                    spelling.setdefault(name.lower(), name)
        result: Dict[str, list] = {}
        for key, name in spelling.items():
            if len(meanings[key]) == 1:
                result.setdefault(next(iter(meanings[key])), []).append(name)
        return {role_id: tuple(names) for role_id, names in result.items()}

    def _entries(self, entity: str, by_id: Mapping):
        return [(name, by_id[ident]) for ident, names in self._lookup[entity].items()
                for name in (ident,) + names]

    # -- sources -------------------------------------------------------------------
    @property
    def sources(self) -> Mapping[str, Source]:
        return self._sources

    # -- regions and gemeenten -------------------------------------------------------
    @property
    def regions(self) -> Tuple[Region, ...]:
        return self._regions

    def region(self, region_id: str) -> Region:
        return _get(self._region_by_id, region_id, "region")

    @property
    def default_region(self) -> Region:
        return next(r for r in self._regions if r.is_default)

    @property
    def gemeenten(self) -> Tuple[Gemeente, ...]:
        """All gemeenten of all regions plus known places outside the regions."""
        return self._gemeenten

    def gemeente(self, gemeente_id: str) -> Gemeente:
        return _get(self._gemeente_by_id, gemeente_id, "gemeente")

    def find_region(self, text: str) -> Optional[Region]:
        """Region named in ``text`` (id, name or alias); otherwise the region of a
        gemeente named in it; otherwise None."""
        region = self._region_index.find(text)
        if region is not None:
            return region
        gemeente = self.find_gemeente(text)
        if gemeente is not None and gemeente.region_id is not None:
            return self.region(gemeente.region_id)
        return None

    def find_gemeente(self, text: str) -> Optional[Gemeente]:
        return self._gemeente_index.find(text)

    # -- roles ---------------------------------------------------------------------
    @property
    def roles(self) -> Tuple[Role, ...]:
        return self._roles

    def role(self, role_id: str) -> Role:
        return _get(self._role_by_id, role_id, "role")

    def find_role(self, text: str, region_id: Optional[str] = None) -> Optional[Role]:
        """The role named in ``text``. With a region: its own names (``role_synonyms``
        in regions.yml) and the general synonyms, so another region's name is not
        recognised. Without one: general synonyms and region names that mean the
        same role everywhere."""
        if region_id is None:
            return self._role_index.find(text)
        self.region(region_id)
        return self._region_role_index[region_id].find(text)

    def role_name_elsewhere(self, text: str, region_id: str) -> Optional[OtherRegionName]:
        """When ``text`` names a role only by another region's name, which one."""
        if self.find_role(text, region_id) is not None:
            return None
        for region in self._regions:
            for role_id, names in region.role_synonyms.items():
                found = AliasIndex([(name, name) for name in names]).find(text)
                if region.id != region_id and found:
                    return OtherRegionName(name=found, region_id=region.id, role_id=role_id)
        return None

    def is_school_role(self, role_id: str) -> bool:
        """True for colleagues inside the school (IB'er, directeur,
        aandachtsfunctionaris): no outside contact details apply."""
        return self.role(role_id).school_staff

    def local_role_name(self, role_id: str, region_id: Optional[str] = None,
                        gemeente_id: Optional[str] = None) -> str:
        """The name a role has locally: gemeente override, then region, then the
        role's own name."""
        role = self.role(role_id)
        if gemeente_id is not None:
            gemeente = self.gemeente(gemeente_id)
            if role_id in gemeente.roles:
                return gemeente.roles[role_id]
            region_id = region_id or gemeente.region_id
        if region_id is not None:
            region = self.region(region_id)
            if role_id in region.roles:
                return region.roles[role_id]
        return role.name

    # -- concerns ------------------------------------------------------------------
    @property
    def concerns(self) -> Tuple[Concern, ...]:
        return self._concerns

    def concern(self, concern_id: str) -> Concern:
        return _get(self._concern_by_id, concern_id, "concern")

    def concerns_in_text(self, text: str) -> Tuple[Concern, ...]:
        """Concerns whose keywords occur in ``text``, most keyword hits first
        (file order on ties)."""
        scored = [(matcher.count(text), index, concern)
                  for index, (concern, matcher) in enumerate(self._concern_matchers)]
        return tuple(c for hits, _, c in sorted(scored, key=lambda s: (-s[0], s[1])) if hits)

    def roles_for_concern(self, concern_id: str, region_id: Optional[str] = None) -> Tuple[Role, ...]:
        concern = self.concern(concern_id)
        role_ids = concern.role_ids
        if region_id is not None:
            self.region(region_id)
            role_ids = concern.region_roles.get(region_id, role_ids)
        return tuple(self.role(r) for r in role_ids)

    # -- contacts ------------------------------------------------------------------
    @property
    def topics(self) -> Tuple[Topic, ...]:
        return self._topics

    @property
    def all_contacts(self) -> Tuple[Contact, ...]:
        return self._contacts

    def _scope(self, gemeente_id: Optional[str], region_id: Optional[str]):
        if gemeente_id is not None:
            gemeente = self.gemeente(gemeente_id)
            if region_id is not None and gemeente.region_id not in (None, region_id):
                raise ValueError(f"gemeente '{gemeente_id}' is not in region '{region_id}'")
            return gemeente, gemeente.region_id
        if region_id is None:
            return None, self.default_region.id
        return None, self.region(region_id).id

    def contacts(self, role_id: str, gemeente_id: Optional[str] = None,
                 region_id: Optional[str] = None) -> Tuple[Contact, ...]:
        """Contacts for a role: gemeente-specific first, then region-wide, then
        national. Without a gemeente, all gemeente contacts of the region are
        listed first. Without gemeente and region: the default region.
        Returns () when the sources give no contact."""
        self.role(role_id)
        gemeente, region_of_query = self._scope(gemeente_id, region_id)
        matches = [c for c in self._contacts if c.role_id == role_id]
        return self._ordered(matches, gemeente, region_of_query)

    def contacts_for_pupil(self, role_id: str, gemeente_id: Optional[str] = None,
                           region_id: Optional[str] = None,
                           pupil_gemeente_id: Optional[str] = None) -> RoleContacts:
        """Contacts for a role for one pupil: the school is in ``gemeente_id`` /
        ``region_id``, the pupil lives in ``pupil_gemeente_id`` (None: unknown or
        the same place).

        * A role that ``follows_residence`` (leerplicht) is the one of the pupil's
          place: no contacts when that place is outside every region.
        * A contact ``by_residence`` (Altra's schoolcoaches, CJG Haarlemmermeer) is
          for pupils living in its gemeenten, wherever their school is.
        * Otherwise the school's contacts; when those are all for pupils living
          elsewhere, the contacts of the pupil's own gemeente.
        """
        role = self.role(role_id)
        pupil = self.gemeente(pupil_gemeente_id) if pupil_gemeente_id else None
        if pupil is not None and pupil.id == gemeente_id:
            pupil = None
        if pupil is not None and role.follows_residence:
            found = self.contacts(role_id, gemeente_id=pupil.id) if pupil.in_region else ()
            return RoleContacts(role_id, pupil.id, pupil.region_id, True, found)
        if pupil is not None and pupil.in_region:
            residence = tuple(c for c in self.contacts(role_id, gemeente_id=pupil.id) if c.by_residence)
            if residence:
                return RoleContacts(role_id, pupil.id, pupil.region_id, True, residence)
        school = tuple(c for c in self.contacts(role_id, gemeente_id=gemeente_id, region_id=region_id)
                       if not c.by_residence or pupil is None)
        if not school and pupil is not None and pupil.in_region:
            found = self.contacts(role_id, gemeente_id=pupil.id)
            if found:
                return RoleContacts(role_id, pupil.id, pupil.region_id, True, found)
        _, region_of_school = self._scope(gemeente_id, region_id)
        return RoleContacts(role_id, gemeente_id, region_of_school, False, school)

    def topic_contacts(self, topic_id: str, region_id: Optional[str] = None,
                       school_level: Optional[str] = None) -> Tuple[Contact, ...]:
        _get(self._topic_by_id, topic_id, "topic")
        _, region_of_query = self._scope(None, region_id)
        matches = [c for c in self._contacts if c.topic_id == topic_id
                   and (school_level is None or c.school_level in (None, school_level))]
        return self._ordered(matches, None, region_of_query)

    def topic_contacts_for(self, item, region_id: Optional[str] = None,
                           school_level: Optional[str] = None) -> Tuple[Contact, ...]:
        """Contacts for every topic in ``item.contact_topics`` (a Step or the
        Professionalisation), in topic order."""
        return tuple(c for topic in getattr(item, "contact_topics", ())
                     for c in self.topic_contacts(topic, region_id, school_level))

    def _ordered(self, matches, gemeente: Optional[Gemeente], region_id: Optional[str]):
        if gemeente is not None:
            local = [c for c in matches if gemeente.id in c.gemeente_ids]
        else:
            in_region = {g.id for g in self.region(region_id).gemeenten} if region_id else set()
            local = [c for c in matches if in_region.intersection(c.gemeente_ids)]
        regional = [c for c in matches if region_id is not None and c.region_id == region_id]
        national = [c for c in matches if c.is_national]
        return tuple(local + regional + national)

    # -- routes and acute signals ------------------------------------------------------
    @property
    def routes(self) -> Tuple[Route, ...]:
        return self._routes

    def route(self, route_id: str) -> Route:
        return _get(self._route_by_id, route_id, "route")

    def routes_for_region(self, region_id: str) -> Tuple[Route, ...]:
        self.region(region_id)
        return tuple(r for r in self._routes if r.region_id == region_id)

    def step_points(self, step: Step) -> Tuple[str, ...]:
        """The points of a step (lists from national.yml already included). Kept only
        for actions/veiligheid.py until the veiligheid work reads ``step.points``."""
        return step.points

    @property
    def acute_signals(self) -> "SignalSet":
        """The acute-danger patterns (bot/safety owns the matcher)."""
        return self._acute_signals

    def signals_acute_danger(self, text: str) -> bool:
        return self._acute_signals.detect(text) is not None

    # -- verzuimkaart -------------------------------------------------------------------
    @property
    def verzuim_kinds(self) -> Tuple[VerzuimRule, ...]:
        return self._verzuim

    def verzuim(self, kind_id: str) -> VerzuimRule:
        return _get(self._verzuim_by_id, kind_id, "verzuim kind")

    def find_verzuim(self, text: str) -> Optional[VerzuimRule]:
        return self._verzuim_index.find(text)

    @staticmethod
    def notes_for_region(notes: Iterable[Note], region_id: Optional[str]) -> Tuple[Note, ...]:
        """The notes that hold everywhere plus those of ``region_id``."""
        return tuple(note for note in notes if note.region_id in (None, region_id))

    @property
    def verzuim_notes(self) -> Tuple[Note, ...]:
        """Notes that hold for every kind of verzuim."""
        return self._verzuim_notes

    @property
    def verlof_kinds(self) -> Tuple[VerlofRule, ...]:
        return self._verlof

    def verlof(self, kind_id: str) -> VerlofRule:
        return _get(self._verlof_by_id, kind_id, "verlof kind")

    def find_verlof(self, text: str) -> Optional[VerlofRule]:
        return self._verlof_index.find(text)

    @property
    def partner_tasks(self) -> Tuple[PartnerTask, ...]:
        return self._partner_tasks

    @property
    def verzuimkaart(self) -> Verzuimkaart:
        """The whole card: applies_to, general notes, rules and partner tasks."""
        return self._verzuimkaart

    # -- overstap, onderzoek, samenwerking, national -------------------------------------
    @property
    def tweede_deskundige(self) -> TweedeDeskundige:
        return self._tweede_deskundige

    @property
    def onderzoek(self) -> Onderzoek:
        """Intro text, situations and source about paying for an intelligence test."""
        return self._onderzoek_info

    @property
    def onderzoek_text(self) -> str:
        return self._onderzoek_info.text

    @property
    def onderzoek_situations(self) -> Tuple[OnderzoekSituation, ...]:
        return self._onderzoek

    def onderzoek_situation(self, situation_id: str) -> OnderzoekSituation:
        return _get(self._onderzoek_by_id, situation_id, "onderzoek situation")

    @property
    def principles(self) -> Tuple[Passage, ...]:
        return self._principles

    def kernteam(self, region_id: str) -> Optional[Kernteam]:
        self.region(region_id)
        return self._kernteams.get(region_id)

    def kernteam_mentioned(self, text: str) -> bool:
        """Whether ``text`` names a school's team by one of its names in any region
        (kernteam, kernpartners, Team Schoolondersteuning, knooppunt, ...)."""
        return any(kernteam.mentioned_in(text) for kernteam in self._kernteams.values())

    @property
    def professionalisation(self) -> Professionalisation:
        return self._professionalisation

    def region_working(self, region_id: str) -> Tuple[Passage, ...]:
        self.region(region_id)
        return self._region_working.get(region_id, ())

    @property
    def national(self) -> National:
        return self._national

    # -- NLU support ----------------------------------------------------------------------
    def lookup_values(self, entity: str) -> Dict[str, Tuple[str, ...]]:
        """Every name/alias/synonym per canonical id, for Rasa lookup tables."""
        if entity not in self._lookup:
            raise KeyError(f"unknown entity '{entity}' (known: {', '.join(LOOKUP_ENTITIES)})")
        return dict(self._lookup[entity])
