"""Parsers for routes/*.yml, verzuimkaart.yml, tweede_deskundige.yml, onderzoek.yml,
samenwerking.yml, national.yml and acute_signals.yml."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Tuple

from . import fields
from .errors import KnowledgeError
from .loading import Node
from .schema import (
    ONDERZOEK_PAYERS, THRESHOLD_COMPARISONS, THRESHOLD_UNITS, Candidate, Kernteam, National,
    Branch, Onderzoek, OnderzoekSituation, PartnerTask, Passage, Profession, Professionalisation, Route,
    Step, Threshold, TweedeDeskundige, VerlofRule, Verzuimkaart, VerzuimRule,
)

INCLUDABLE_POINTS = ("meldcode_steps", "afwegingskader_questions")


# -- routes -----------------------------------------------------------------------
def _step(node: Node, route_id: str) -> Step:
    node.mapping()
    step = Step(
        id=node.define(f"step:{route_id}"),
        title=node.str("title"),
        text=node.str("text"),
        points=node.str_list("points"),
        condition=node.str("condition", required=False),
        next_steps=node.ref_list(f"step:{route_id}", "next_steps"),
        source=node.source(),
        links=fields.links(node),
        contact_topics=node.ref_list("topic", "contact_topics"),
        include_points=node.choice("include_points", INCLUDABLE_POINTS, required=False),
    )
    node.finish()
    return step


def parse_route(root: Node) -> Route:
    root.mapping()
    route_id = root.define("route")
    route = Route(
        id=route_id,
        region_id=root.ref("region", "region", required=False),
        title=root.str("title"),
        text=root.str("text", required=False) or "",
        start_step=root.ref(f"step:{route_id}", "start", required=False),
        steps=tuple(_step(node, route_id) for node in root.items("steps")),
        source=root.source(),
        branches=tuple(_branch(node, route_id) for node in root.items("branches", required=False)),
    )
    answers = [b.answer for b in route.branches]
    duplicate = next((a for a in answers if answers.count(a) > 1), None)
    if duplicate:
        raise root.fail(f"answer '{duplicate}' has more than one branch", "branches")
    root.finish()
    return route


def _branch(node: Node, route_id: str) -> Branch:
    node.mapping()
    branch = Branch(
        answer=node.str("answer"),
        steps=node.ref_list(f"step:{route_id}", "steps", required=True),
        people=node.ref_list("role", "people", required=True),
        contacts=node.ref_list("role", "contacts"),
        extra_message=node.str("extra_message", required=False),
        then_ask=node.str("then_ask", required=False),
        show_more=node.bool("show_more", required=False) is not False,
    )
    node.finish()
    return branch


# -- verzuimkaart -------------------------------------------------------------------
def _threshold(node: Node) -> Threshold:
    node.mapping()
    threshold = Threshold(
        count=node.int("count", minimum=1),
        unit=node.choice("unit", THRESHOLD_UNITS),
        comparison=node.choice("comparison", THRESHOLD_COMPARISONS),
        text=node.str("text"),
        window_school_weeks=node.int("window_school_weeks", required=False, minimum=1),
        consecutive=node.bool("consecutive", required=False),
        responsible_up_to=node.str("responsible_up_to", required=False),
        report_to_role=node.ref("role", "report_to_role", required=False),
        report_to=node.str("report_to", required=False),
        mandatory=node.bool("mandatory", required=False),
    )
    if not (threshold.report_to_role or threshold.report_to):
        raise node.fail("a threshold needs 'report_to_role' or 'report_to'")
    node.finish()
    return threshold


def _names(node: Node, group: str, ident: str) -> Tuple[str, str, Tuple[str, ...]]:
    name = node.str("name")
    synonyms = node.str_list("synonyms", required=True)
    node.names(group, ident, name, synonyms, "synonyms")
    return ident, name, synonyms


def _verzuim(node: Node, applies_to) -> VerzuimRule:
    node.mapping()
    ident, name, synonyms = _names(node, "verzuim_kind", node.define("verzuim"))
    rule = VerzuimRule(
        id=ident, name=name, synonyms=synonyms,
        text=node.str("text"),
        points=node.str_list("points"),
        thresholds=tuple(_threshold(t) for t in node.items("thresholds", required=False)),
        applies_to=applies_to,
        source=node.source(),
        involve_roles=node.ref_list("role", "involve_roles"),
        links=fields.links(node),
        notes=fields.notes(node),
    )
    node.finish()
    return rule


def _verlof(node: Node, applies_to) -> VerlofRule:
    node.mapping()
    ident, name, synonyms = _names(node, "verlof_kind", node.define("verlof"))
    rule = VerlofRule(
        id=ident, name=name, synonyms=synonyms,
        condition_text=node.str("condition_text"),
        text=node.str("text"),
        points=node.str_list("points"),
        applies_to=applies_to,
        source=node.source(),
        max_times_per_year=node.int("max_times_per_year", required=False, minimum=1),
        max_school_days=node.int("max_school_days", required=False, minimum=1),
        excluded_weeks_after_summer=node.int("excluded_weeks_after_summer", required=False, minimum=1),
        request_weeks_ahead=node.int("request_weeks_ahead", required=False, minimum=1),
        request_in_writing=node.bool("request_in_writing", required=False),
        request_to_role=node.ref("role", "request_to_role", required=False),
        decided_by_role=node.ref("role", "decided_by_role", required=False),
        decision_in_writing=node.bool("decision_in_writing", required=False),
        objection_possible=node.bool("objection_possible", required=False),
        school_decides_up_to_days=node.int("school_decides_up_to_days", required=False, minimum=1),
        above_goes_to_role=node.ref("role", "above_goes_to_role", required=False),
    )
    if (rule.school_decides_up_to_days is None) != (rule.above_goes_to_role is None):
        raise node.fail("'school_decides_up_to_days' and 'above_goes_to_role' go together")
    node.finish()
    return rule


def _partner_task(node: Node) -> PartnerTask:
    node.mapping()
    task = PartnerTask(
        role_id=node.ref("role", "role", required=False),
        partner_name=node.str("partner_name"),
        task=node.str("task"),
        source=node.source(),
    )
    node.finish()
    return task


def parse_verzuimkaart(root: Node) -> Verzuimkaart:
    root.mapping()
    applies_to = fields.applies_to(root)
    card = Verzuimkaart(
        applies_to=applies_to,
        general_notes=fields.notes(root, "general_notes"),
        verzuim=tuple(_verzuim(n, applies_to) for n in root.items("verzuim")),
        verlof=tuple(_verlof(n, applies_to) for n in root.items("verlof")),
        partner_tasks=tuple(_partner_task(n) for n in root.items("partner_tasks")),
        source=root.source(),
    )
    root.finish()
    return card


# -- tweede deskundige ------------------------------------------------------------------
def _candidate(node: Node) -> Candidate:
    node.mapping()
    candidate = Candidate(
        id=node.define("candidate"),
        rank=node.int("rank", minimum=1),
        function=node.ref("profession", "function", required=False),
        role_id=node.ref("role", "role", required=False),
        name=node.str("name"),
        text=node.str("text"),
        terms=node.str_list("terms"),
    )
    node.finish()
    return candidate


def _profession(node: Node) -> Profession:
    node.mapping()
    ident = node.define("profession")
    name = node.str("name")
    synonyms = node.str_list("synonyms")
    node.names("profession", ident, name, synonyms, "synonyms")
    profession = Profession(id=ident, name=name, synonyms=synonyms)
    node.finish()
    return profession


def parse_tweede_deskundige(root: Node) -> TweedeDeskundige:
    root.mapping()
    candidates = tuple(_candidate(n) for n in root.items("candidates"))
    ranks = [c.rank for c in candidates]
    if ranks != sorted(ranks):
        raise root.fail("candidates must be listed in order of rank", "candidates")
    result = TweedeDeskundige(
        text=root.str("text"),
        triade=root.str_list("triade", required=True),
        legal_duty=root.str("legal_duty"),
        professions=tuple(_profession(n) for n in root.items("professions")),
        candidates=candidates,
        restrictions=root.str_list("restrictions", required=True),
        decision=root.str("decision"),
        applies_to=fields.applies_to(root),
        source=root.source(),
    )
    root.finish()
    return result


# -- onderzoek ------------------------------------------------------------------------
def parse_onderzoek(root: Node) -> Onderzoek:
    root.mapping()
    intro = root.str("text")
    source = root.source()
    role_ids = root.ref_list("role", "roles")
    situations = []
    for node in root.items("situations"):
        node.mapping()
        situations.append(OnderzoekSituation(
            id=node.define("onderzoek"),
            name=node.str("name"),
            payer=node.choice("payer", ONDERZOEK_PAYERS),
            text=node.str("text"),
            source=node.source(),
            keywords=node.str_list("keywords"),
        ))
        node.finish()
    root.finish()
    return Onderzoek(text=intro, situations=tuple(situations), source=source, role_ids=role_ids)


# -- samenwerking -------------------------------------------------------------------------
@dataclass(frozen=True)
class Samenwerking:
    principles: Tuple[Passage, ...]
    kernteams: Tuple[Kernteam, ...]
    professionalisation: Professionalisation
    region_working: Dict[str, Tuple[Passage, ...]]


def _passage(node: Node, region_id: Optional[str] = None) -> Passage:
    node.mapping()
    passage = Passage(
        id=node.define("passage"),
        title=node.str("title"),
        text=node.str("text"),
        points=node.str_list("points"),
        source=node.source(),
        region_id=region_id,
        keywords=node.str_list("keywords"),
    )
    node.finish()
    return passage


def _kernteam(node: Node) -> Kernteam:
    node.mapping()
    kernteam = Kernteam(
        region_id=node.ref("region", "region"),
        role_ids=node.ref_list("role", "members", required=True),
        text=node.str("text"),
        source=node.source(),
        keywords=node.str_list("keywords"),
    )
    node.finish()
    return kernteam


def _professionalisation(node: Node) -> Professionalisation:
    node.mapping()
    result = Professionalisation(
        id=node.define("passage"),
        title=node.str("title"),
        text=node.str("text"),
        ways=tuple(_passage(n) for n in node.items("ways")),
        themes=node.str_list("themes", required=True),
        organisations=node.str_list("organisations", required=True),
        intervision=node.str_list("intervision", required=True),
        contacts=(),  # filled in from contacts.yml via contact_topics
        source=node.source(),
        contact_topics=node.ref_list("topic", "contact_topics"),
        keywords=node.str_list("keywords"),
    )
    node.finish()
    return result


def parse_samenwerking(root: Node) -> Samenwerking:
    root.mapping()
    principles = tuple(_passage(n) for n in root.items("principles"))
    kernteams = tuple(_kernteam(n) for n in root.items("kernteams"))
    professionalisation = _professionalisation(root.child("professionalisation"))
    working: Dict[str, Tuple[Passage, ...]] = {}
    for node in root.items("region_working"):
        node.mapping()
        region_id = node.ref("region", "region")
        if region_id in working:
            raise node.fail(f"region '{region_id}' is listed twice", "region")
        working[region_id] = tuple(_passage(p, region_id) for p in node.items("passages"))
        node.finish()
    root.finish()
    return Samenwerking(principles, kernteams, professionalisation, working)


# -- national and acute signals -----------------------------------------------------------
def parse_national(root: Node) -> National:
    root.mapping()
    source = root.source()
    emergency = root.child("emergency").mapping()
    veilig_thuis = root.child("veilig_thuis").mapping()
    meldcode = root.child("meldcode").mapping()
    new_weighing = fields.note(root.child("new_weighing_note"))
    national = National(
        emergency_number=fields.phone(emergency, "number") or "",
        emergency_text=emergency.str("text"),
        veilig_thuis_phone=fields.phone(veilig_thuis) or "",
        veilig_thuis_text=veilig_thuis.str("text"),
        veilig_thuis_free=veilig_thuis.bool("free"),
        veilig_thuis_24_7=veilig_thuis.bool("always_open"),
        veilig_thuis_anonymous_advice=veilig_thuis.bool("anonymous_advice"),
        meldcode_name=meldcode.str("name"),
        meldcode_steps=meldcode.str_list("steps", required=True),
        afwegingskader_questions=root.str_list("afwegingskader_questions", required=True),
        new_weighing_note=new_weighing,
        source=source,
        note=source.note or "",
    )
    if not national.emergency_number or not national.veilig_thuis_phone:
        raise root.fail("emergency.number and veilig_thuis.phone are required")
    for block in (emergency, veilig_thuis, meldcode, root):
        block.finish()
    return national


def parse_acute_signals(root: Node):
    """acute_signals.yml belongs to the safety net (bot/safety), which owns and
    validates its format; errors keep the ``file: key.path: problem`` form."""
    from bot.safety.signals import SignalFileError, parse_signals

    try:
        return parse_signals(root.value)
    except SignalFileError as exc:
        raise KnowledgeError(root.file, exc.path, exc.problem) from None
