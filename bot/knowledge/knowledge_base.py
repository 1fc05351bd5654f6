"""The query API the action server uses. A KnowledgeBase is built by
``load_knowledge()`` and never changes afterwards."""
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Dict, Iterable, Mapping, NamedTuple, Optional, Tuple

from .schema import (
    Concern, Contact, Gemeente, National, Note, Onderzoek, Passage, Region, Role, Route, Samenwerking, Source,
    Topic, TweedeDeskundige, Verzuimkaart,
)
from .textmatch import PhraseIndex

NAMED_KINDS = ("gemeente", "region", "role", "verlof_kind", "verzuim_kind")  # find() and lookup_values()


class RoleContacts(NamedTuple):
    """Who to contact for a role, for one pupil: the contacts of the school's place,
    or of the pupil's place of residence when that decides (``by_residence``)."""
    role_id: str
    gemeente_id: Optional[str]
    region_id: Optional[str]
    by_residence: bool
    contacts: Tuple[Contact, ...]


class OtherRegionName(NamedTuple):
    """A name that means a role only in another region (e.g. "buurtteam" in Utrecht)."""
    name: str
    region_id: str
    role_id: str


@dataclass(frozen=True, eq=False, repr=False)
class KnowledgeBase:
    sources: Mapping[str, Source]  # file -> declared source
    regions: Tuple[Region, ...]
    other_places: Tuple[Gemeente, ...]  # known places outside every region
    roles: Tuple[Role, ...]
    concerns: Tuple[Concern, ...]
    topics: Tuple[Topic, ...]
    all_contacts: Tuple[Contact, ...]
    routes: Tuple[Route, ...]
    acute_signals: Any  # bot.safety.signals.SignalSet: the acute-danger patterns
    verzuimkaart: Verzuimkaart  # the whole card: applies_to, general notes, rules, partner tasks
    tweede_deskundige: TweedeDeskundige
    onderzoek: Onderzoek  # intro text, situations and source about paying for an intelligence test
    samenwerking: Samenwerking
    national: National

    verzuim_kinds = property(lambda self: self.verzuimkaart.verzuim)
    verlof_kinds = property(lambda self: self.verzuimkaart.verlof)
    partner_tasks = property(lambda self: self.verzuimkaart.partner_tasks)
    principles = property(lambda self: self.samenwerking.principles)
    professionalisation = property(lambda self: self.samenwerking.professionalisation)

    @cached_property
    def _by_id(self) -> Dict[str, Dict[str, Any]]:
        return {kind: {item.id: item for item in items} for kind, items in (
            ("region", self.regions), ("gemeente", self.gemeenten), ("role", self.roles),
            ("concern", self.concerns), ("topic", self.topics), ("route", self.routes),
            ("verzuim_kind", self.verzuim_kinds), ("verlof_kind", self.verlof_kinds),
            ("onderzoek_situation", self.onderzoek.situations))}

    def get(self, kind: str, key: str) -> Any:
        """The record of ``kind`` with id ``key``: a region, gemeente, role, concern,
        topic, route, verzuim_kind, verlof_kind or onderzoek_situation."""
        try:
            return self._by_id[kind][key]
        except KeyError:
            raise KeyError(f"unknown {kind} '{key}'") from None

    def find(self, kind: str, text: str, region_id: Optional[str] = None) -> Any:
        """The record of ``kind`` (one of NAMED_KINDS) that ``text`` names by id, name
        or alias: the longest name found, then the earliest; None when none.
        A region is also found through a gemeente named in the text. A role with a
        region: that region's own names (``role_synonyms`` in regions.yml) and the
        general synonyms, so another region's name is not recognised; without one:
        general synonyms and region names that mean the same role everywhere."""
        if kind == "role" and region_id:
            return self._finders[f"role@{self.get('region', region_id).id}"].find(text)
        found = self._finders[kind].find(text)
        if kind == "region" and found is None:
            gemeente = self.find("gemeente", text)
            found = self.get("region", gemeente.region_id) if gemeente and gemeente.in_region else None
        return found

    # -- names in text (NLU lookup tables and find) ---------------------------------------
    @cached_property
    def _names(self) -> Dict[str, Dict[str, Tuple[str, ...]]]:
        """Every name per kind and id: the record's name, then its aliases or synonyms
        (``__names__``). A role also has the names regions give it (``role_synonyms``)
        when such a name means that role in every region."""
        by_kind = {kind: {r.id: (r.name,) + getattr(r, r.__names__[1]) for r in self._by_id[kind].values()}
                   for kind in NAMED_KINDS}
        meanings, regional = defaultdict(set), {}
        for role in self.roles:
            for name in (role.name,) + role.synonyms:
                meanings[name.lower()].add(role.id)
        for region in self.regions:
            for role_id, names in region.role_synonyms.items():
                for name in names:
                    meanings[name.lower()].add(role_id)
                    regional.setdefault(name.lower(), (name, role_id))
        for key, (name, role_id) in regional.items():
            if len(meanings[key]) == 1:
                by_kind["role"][role_id] += (name,)
        return {kind: {ident: tuple(dict.fromkeys(values)) for ident, values in by_id.items()}
                for kind, by_id in by_kind.items()}

    @cached_property
    def _finders(self) -> Dict[str, PhraseIndex]:
        """An index per entity over ids and names; per region id one for roles that
        puts the region's own names first: they win over a general synonym of the
        same spelling (e.g. "CJG" on Goeree-Overflakkee)."""
        finders = {entity: PhraseIndex((name, self.get(entity, ident)) for ident, names in by_id.items()
                                       for name in (ident,) + names)
                   for entity, by_id in self._names.items()}
        general = [(name, role) for role in self.roles for name in (role.id, role.name) + role.synonyms]
        for region in self.regions:
            own = [(name, self.get("role", role_id)) for role_id, names in region.role_synonyms.items() for name in names]
            finders[f"role@{region.id}"] = PhraseIndex(own + general)
        return finders

    def lookup_values(self, entity: str) -> Dict[str, Tuple[str, ...]]:
        """Every name/alias/synonym per canonical id of one of NAMED_KINDS, for Rasa lookup tables."""
        return dict(self._names[entity])

    # -- regions and gemeenten -------------------------------------------------------
    @property
    def default_region(self) -> Region:
        return next(r for r in self.regions if r.is_default)

    @cached_property
    def gemeenten(self) -> Tuple[Gemeente, ...]:
        """All gemeenten of all regions plus known places outside the regions."""
        return tuple(g for r in self.regions for g in r.gemeenten) + self.other_places

    # -- roles ---------------------------------------------------------------------
    def role_name_elsewhere(self, text: str, region_id: str) -> Optional[OtherRegionName]:
        """When ``text`` names a role only by another region's name, which one."""
        if self.find("role", text, region_id) is not None:
            return None
        for region in self.regions:
            for role_id, names in region.role_synonyms.items():
                found = PhraseIndex((name, name) for name in names).find(text)
                if region.id != region_id and found:
                    return OtherRegionName(name=found, region_id=region.id, role_id=role_id)
        return None

    def is_school_role(self, role_id: str) -> bool:
        """True for colleagues inside the school (IB'er, directeur,
        aandachtsfunctionaris): no outside contact details apply."""
        return self.get("role", role_id).school_staff

    def local_role_name(self, role_id: str, region_id: Optional[str] = None,
                        gemeente_id: Optional[str] = None) -> str:
        """The name a role has locally: gemeente override, then region, then the
        role's own name."""
        role = self.get("role", role_id)
        if gemeente_id is not None:
            gemeente = self.get("gemeente", gemeente_id)
            if role_id in gemeente.roles:
                return gemeente.roles[role_id]
            region_id = region_id or gemeente.region_id
        return self.get("region", region_id).roles.get(role_id, role.name) if region_id else role.name

    # -- concerns ------------------------------------------------------------------
    def concerns_in_text(self, text: str) -> Tuple[Concern, ...]:
        """Concerns whose keywords occur in ``text``, most keyword hits first
        (file order on ties)."""
        hits = [len(PhraseIndex((k, k) for k in c.keywords).hits(text)) for c in self.concerns]
        ranked = sorted(range(len(hits)), key=lambda index: -hits[index])
        return tuple(self.concerns[index] for index in ranked if hits[index])

    def roles_for_concern(self, concern_id: str, region_id: Optional[str] = None) -> Tuple[Role, ...]:
        concern = self.get("concern", concern_id)
        if region_id is not None:
            self.get("region", region_id)
        role_ids = next((r.role_ids for r in concern.region_roles if r.region_id == region_id), concern.role_ids)
        return tuple(self.get("role", r) for r in role_ids)

    # -- contacts ------------------------------------------------------------------
    def contacts(self, role_id: str, gemeente_id: Optional[str] = None,
                 region_id: Optional[str] = None) -> Tuple[Contact, ...]:
        """Contacts for a role: gemeente-specific first, then region-wide, then
        national. Without a gemeente, all gemeente contacts of the region are
        listed first. Without gemeente and region: the default region.
        Returns () when the sources give no contact."""
        self.get("role", role_id)
        return self._ordered([c for c in self.all_contacts if c.role_id == role_id], gemeente_id, region_id)

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
        role = self.get("role", role_id)
        pupil = self.get("gemeente", pupil_gemeente_id) if pupil_gemeente_id and pupil_gemeente_id != gemeente_id else None
        at_home = self.contacts(role_id, gemeente_id=pupil.id) if pupil and pupil.in_region else ()
        residence = tuple(c for c in at_home if c.by_residence)
        if pupil is not None and (role.follows_residence or residence):
            return RoleContacts(role_id, pupil.id, pupil.region_id, True,
                                at_home if role.follows_residence else residence)
        school = tuple(c for c in self.contacts(role_id, gemeente_id=gemeente_id, region_id=region_id)
                       if not c.by_residence or pupil is None)
        if not school and at_home:
            return RoleContacts(role_id, pupil.id, pupil.region_id, True, at_home)
        return RoleContacts(role_id, gemeente_id, self._place(gemeente_id, region_id)[1], False, school)

    def topic_contacts(self, topic_ids: Iterable[str], region_id: Optional[str] = None,
                       school_level: Optional[str] = None) -> Tuple[Contact, ...]:
        """Contacts for each topic (e.g. a step's ``contact_topics``), in topic order."""
        found: Tuple[Contact, ...] = ()
        for topic_id in topic_ids:
            self.get("topic", topic_id)
            found += self._ordered([c for c in self.all_contacts if c.topic_id == topic_id and (
                school_level is None or c.school_level in (None, school_level))], None, region_id)
        return found

    def _place(self, gemeente_id: Optional[str], region_id: Optional[str]) -> Tuple[set, Optional[str]]:
        """The gemeente ids whose contacts are local, and the region, of a query."""
        if gemeente_id is None:
            region = self.get("region", region_id) if region_id else self.default_region
            return {g.id for g in region.gemeenten}, region.id
        gemeente = self.get("gemeente", gemeente_id)
        if region_id is not None and gemeente.region_id not in (None, region_id):
            raise ValueError(f"gemeente '{gemeente_id}' is not in region '{region_id}'")
        return {gemeente.id}, gemeente.region_id

    def _ordered(self, matches, gemeente_id: Optional[str], region_id: Optional[str]) -> Tuple[Contact, ...]:
        local_ids, region_id = self._place(gemeente_id, region_id)
        local = [c for c in matches if local_ids.intersection(c.gemeente_ids)]
        regional = [c for c in matches if region_id is not None and c.region_id == region_id]
        return tuple(local + regional + [c for c in matches if c.is_national])

    # -- routes, verzuimkaart, onderzoek, samenwerking -----------------------------------
    def routes_for_region(self, region_id: str) -> Tuple[Route, ...]:
        self.get("region", region_id)
        return tuple(r for r in self.routes if r.region_id == region_id)

    @staticmethod
    def notes_for_region(notes: Iterable[Note], region_id: Optional[str]) -> Tuple[Note, ...]:
        """The notes that hold everywhere plus those of ``region_id``."""
        return tuple(note for note in notes if note.region_id in (None, region_id))

    def kernteam(self, region_id: str) -> Optional[Samenwerking.Kernteam]:
        self.get("region", region_id)
        return next((k for k in self.samenwerking.kernteams if k.region_id == region_id), None)

    def kernteam_mentioned(self, text: str) -> bool:
        """Whether ``text`` names a school's team by one of its names in any region
        (kernteam, kernpartners, Team Schoolondersteuning, knooppunt, ...)."""
        return any(kernteam.mentioned_in(text) for kernteam in self.samenwerking.kernteams)

    def region_working(self, region_id: str) -> Tuple[Passage, ...]:
        self.get("region", region_id)
        return next((w.passages for w in self.samenwerking.region_working if w.region_id == region_id), ())
