"""Understanding charges: what kind of offence each one is, and why.

Each charge is read from its label (``offence`` and, where given, ``offence_original`` in the
requester's language), the law it cites, the summary of facts and the subject's profile. Signals
are combined, not taken alone:

* An Article 3 label (treason, desertion, blasphemy...) makes the charge political, military,
  religious or racial. It is *pure* (RN-09 blocks) unless the label also names an ordinary crime or
  the facts describe a violent act; then the predominance test is a reviewer's (RN-09 review).
* A law title (``state security``, ``military service``, ``religious feelings``) classifies a charge
  only when its label names nothing ordinary: a murder under the Military Code is still murder.
* Excluded categories (Art. 83(1)(a)): behavioural/cultural norms unless linked to children,
  sexual violence or organised crime; family matters unless violence or a serious crime is
  involved; administrative breaches and private disputes (category (c)) unless the conduct has a
  serious-crime or organised-crime link (fraud, forgery, an organised group...). "Fraud" is never a
  private dispute; an unpaid debt is one when its context is commercial or civil, and otherwise a
  criminalised debt for review (RN-19), like a bounced cheque.
* Vague labels (extremism, false information, insult, hooliganism; terrorism) are vague only while
  the facts describe no violent act.
* Derivative charges (harbouring, assisting a fugitive; accomplice with no own act in the facts)
  mark charges that exist only through another person's offence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from rednotice.domain.compliance import iccs as iccs_module
from rednotice.domain.compliance.acts import ActKind, Actor, FactsReading, Gravity, read_facts
from rednotice.domain.compliance.settings import ComplianceSettings, Lexicons
from rednotice.domain.compliance.statutes import StatuteMatch, match_statutes
from rednotice.domain.compliance.text import Hit, Lexicon, lexicon
from rednotice.domain.errors import N_, Text
from rednotice.domain.model import Charge, NoticeRequest, Profile, Subject


class ChargeKind(StrEnum):
    ORDINARY = "ordinary"
    BEHAVIOURAL_NORMS = "behavioural_norms"
    FAMILY_MATTER = "family_matter"
    ADMINISTRATIVE = "administrative"
    PRIVATE_DISPUTE = "private_dispute"
    POLITICAL = "political"
    MILITARY = "military"
    RELIGIOUS = "religious"
    RACIAL = "racial"


EXCLUDED_KINDS = frozenset(
    {
        ChargeKind.BEHAVIOURAL_NORMS,
        ChargeKind.FAMILY_MATTER,
        ChargeKind.ADMINISTRATIVE,
        ChargeKind.PRIVATE_DISPUTE,
    }
)
ARTICLE_3_KINDS = frozenset(
    {ChargeKind.POLITICAL, ChargeKind.MILITARY, ChargeKind.RELIGIOUS, ChargeKind.RACIAL}
)

EXCLUDED_LABELS = {
    ChargeKind.BEHAVIOURAL_NORMS: N_("category (a), behavioural or cultural norms"),
    ChargeKind.FAMILY_MATTER: N_("category (b), a family or private matter"),
    ChargeKind.ADMINISTRATIVE: N_("category (c), a breach of administrative law or regulation"),
    ChargeKind.PRIVATE_DISPUTE: N_("category (c), a private dispute"),
}
"""Marked for the catalogues: RN-01's message names the category in the reader's language."""

_KIND_WORDS = {
    "political": N_("political"),
    "military": N_("military"),
    "religious": N_("religious"),
    "racial": N_("racial"),
}
"""The Article 3 kinds as words of a reason (each reason is an errors.Text: findings quote it, and pages
show it in the reader's language)."""


def _kind(kind: str) -> Text:
    return Text(_KIND_WORDS.get(kind, kind))


def _the_law(law: str) -> Text:
    return Text(N_("the law cited ('%(law)s')"), law=law)


FAMILY_ACTS: dict[str, frozenset[ActKind]] = {
    "homicide": frozenset({ActKind.VIOLENCE}),
    "fraud": frozenset({ActKind.FINANCIAL}),
    "drugs": frozenset({ActKind.TRAFFICKING}),
    "theft": frozenset({ActKind.FINANCIAL, ActKind.PROPERTY, ActKind.VIOLENCE}),
    "sexual": frozenset({ActKind.SEXUAL}),
    "kidnapping": frozenset({ActKind.LIBERTY}),
}
"""The kinds of act that support a charge of each offence family (RN-06: charges match the facts)."""


@dataclass(frozen=True, slots=True)
class ChargeAnalysis:
    """What one charge is, with the words that decided it."""

    index: int
    charge: Charge
    kind: ChargeKind
    reason: str
    """Why this kind, in words (quoted in findings)."""
    pure: bool = False
    """For an Article 3 kind: the political/military/religious/racial element predominates."""
    vague: tuple[str, ...] = ()
    """Vague label words, when no violent act in the facts overrides them."""
    vague_overridden_by: tuple[str, ...] = ()
    terrorism_without_violence: bool = False
    derivative: tuple[str, ...] = ()
    economic: tuple[str, ...] = ()
    debt_review: str = ""
    """Why the charge is a criminalised debt or bounced cheque for review (RN-19), if it is one."""
    offence_family: str = ""
    family_support: tuple[str, ...] = ()
    article3_context: str = ""
    """For an ordinary charge: why the case has a political, military, religious or racial side."""
    evidence: dict[str, Any] = field(default_factory=dict)
    named: tuple[str, ...] = ()
    """Words of the label that name an ordinary offence (empty: the label names none the engine knows)."""
    iccs: iccs_module.IccsMatch | None = None
    """The charge's place in the UN's International Classification of Crime (ICCS), if it has one."""
    statutes: tuple[StatuteMatch, ...] = ()
    """Provisions of the requesting country's law documented as used against protected activity."""

    def to_dict(self) -> dict[str, Any]:
        iccs = self.iccs
        return {
            "offence": self.charge.offence,
            "law": self.charge.law,
            "kind": self.kind.value,
            "reason": self.reason,
            "iccs": None
            if iccs is None
            else {
                "code": iccs.category.code,
                "name": iccs.category.name,
                "section": iccs.category.code[:2],
                "section_name": iccs_module.section(iccs.category.code).name,
                "matched": list(iccs.matched),
            },
            "statutes": [
                {
                    "country": m.statute.country,
                    "law": m.statute.law,
                    "article": m.statute.article,
                    "criminalises": m.statute.criminalises,
                    "how": m.how,
                }
                for m in self.statutes
            ],
        }

    @property
    def crime_against_others(self) -> bool:
        """The ICCS places the charge among crimes with victims: sections 01 to 07 (death, harm to the
        person, sexual acts, property with violence, property, drugs, fraud and corruption)."""
        if self.iccs is None:
            return False
        code = self.iccs.category.code
        # Defamation and insult (0209) are the classic labels on speech, not crimes with victims here.
        return code[:2] <= "07" and not code.startswith("0209")

    @property
    def label(self) -> str:
        c = self.charge
        return f"{c.offence} ({c.offence_original})" if c.offence_original else c.offence


@dataclass(frozen=True, slots=True)
class RequestAnalysis:
    charges: tuple[ChargeAnalysis, ...]
    profiles: dict[Profile, str]
    """Each profile the subject has, and where it came from."""
    violent_acts: tuple[str, ...]
    expression: tuple[str, ...]
    relatives_in_facts: tuple[str, ...]
    debt_in_facts: tuple[str, ...]
    serious_in_facts: tuple[str, ...]
    reading: FactsReading = field(default_factory=FactsReading)
    """The acts the facts describe, each attached to a person (acts.py)."""

    def to_dict(self) -> dict[str, Any]:
        """What the engine read (stored with every check; shown to reviewers; counted by ICCS section)."""
        return {
            "charges": [c.to_dict() for c in self.charges],
            "iccs_sections": sorted({c.iccs.category.code[:2] for c in self.charges if c.iccs}),
            **self.reading.to_dict(),
        }


class _Compiled:
    """Every word list of a Lexicons compiled once."""

    def __init__(self, lx: Lexicons) -> None:
        self.political = lexicon(lx.political)
        self.military = lexicon(lx.military)
        self.religious = lexicon(lx.religious)
        self.racial = lexicon(lx.racial)
        self.political_context = lexicon(lx.political_context)
        self.law_political = lexicon(lx.law_political)
        self.law_military = lexicon(lx.law_military)
        self.law_religious = lexicon(lx.law_religious)
        self.law_racial = lexicon(lx.law_racial)
        self.vague = lexicon(lx.vague)
        self.terrorism = lexicon(lx.terrorism)
        self.membership = lexicon(lx.membership)
        self.violence = lexicon(lx.violence)
        self.expression = lexicon(lx.expression)
        self.norms = lexicon(lx.behavioural_norms)
        self.norms_proviso = lexicon(lx.norms_proviso)
        self.family = lexicon(lx.family)
        self.law_family = lexicon(lx.law_family)
        self.administrative = lexicon(lx.administrative)
        self.law_administrative = lexicon(lx.law_administrative)
        self.private_dispute = lexicon(lx.private_dispute)
        self.commercial = lexicon(lx.commercial_context)
        self.law_private = lexicon(lx.law_private)
        self.cheque = lexicon(lx.cheque)
        self.serious = lexicon(lx.serious_link)
        self.economic = lexicon(lx.economic)
        self.derivative = lexicon(lx.derivative)
        self.accessory = lexicon(lx.accessory)
        self.relatives = lexicon(lx.relatives)
        self.purpose_gone = lexicon(lx.purpose_gone)
        self.families = tuple((name, lexicon(charge), lexicon(facts)) for name, charge, facts in lx.families)
        self.profiles = tuple((p, lexicon(terms)) for p, terms in lx.profile_terms)
        ordinary = (
            *lx.violence,
            *lx.serious_link,
            *lx.economic,
            *lx.terrorism,
            *lx.derivative,
            *lx.accessory,
            *(w for _, charge, _ in lx.families for w in charge),
        )
        self.ordinary = lexicon(tuple(dict.fromkeys(ordinary)))


@lru_cache(maxsize=8)
def compiled(lexicons: Lexicons) -> _Compiled:
    return _Compiled(lexicons)


def _words(hits: list[Hit], *more: list[Hit]) -> list[str]:
    return list(dict.fromkeys(h.matched for group in (hits, *more) for h in group))


def _q(words: list[str] | tuple[str, ...]) -> str:
    return ", ".join(f"'{w}'" for w in words)


_ART3 = (
    (ChargeKind.POLITICAL, "political"),
    (ChargeKind.MILITARY, "military"),
    (ChargeKind.RELIGIOUS, "religious"),
    (ChargeKind.RACIAL, "racial"),
)


def _article3(
    c: _Compiled, label: str, law: str, label_is_ordinary: bool
) -> tuple[ChargeKind, str, list[str]]:
    by_label: tuple[tuple[ChargeKind, Lexicon], ...] = (
        (ChargeKind.POLITICAL, c.political),
        (ChargeKind.MILITARY, c.military),
        (ChargeKind.RELIGIOUS, c.religious),
        (ChargeKind.RACIAL, c.racial),
    )
    for kind, lex in by_label:
        hits = lex.search(label)
        if hits:
            return kind, "offence", _words(hits)
    if label_is_ordinary or not law:
        return ChargeKind.ORDINARY, "", []
    by_law: tuple[tuple[ChargeKind, Lexicon], ...] = (
        (ChargeKind.MILITARY, c.law_military),
        (ChargeKind.RELIGIOUS, c.law_religious),
        (ChargeKind.RACIAL, c.law_racial),
        (ChargeKind.POLITICAL, c.law_political),
    )
    for kind, lex in by_law:
        hits = lex.search(law)
        if hits:
            return kind, "law", _words(hits)
    return ChargeKind.ORDINARY, "", []


def _article3_context(c: _Compiled, label: str, law: str, facts: str) -> str:
    """Why an ordinary charge sits in a political, military, religious or racial context, or ""."""
    hits = _words(c.political_context.search(label), c.political_context.search(law))
    if hits:
        return Text(N_("the offence is of a kind often political in character (%(words)s)"), words=_q(hits))
    for kind, lex in (
        ("political", c.political),
        ("military", c.military),
        ("religious", c.religious),
        ("racial", c.racial),
    ):
        found = _words(lex.search(facts))
        if found:
            return Text(
                N_("the facts show a %(kind)s context (%(words)s)"), kind=_kind(kind), words=_q(found)
            )
    return ""


def _subject_side(reading: FactsReading) -> str:
    """The clauses about the subject, or "" when the subject's own acts are grave violence with no
    protected activity of theirs: a murder is still a murder when the victim was political."""
    if reading.gravest in (Gravity.LETHAL, Gravity.SERIOUS) and not reading.subject_protected:
        return ""
    return reading.text_of(Actor.SUBJECT)


def classify_charge(
    charge: Charge,
    facts: str,
    settings: ComplianceSettings,
    index: int = 0,
    reading: FactsReading | None = None,
    country: str | None = None,
) -> ChargeAnalysis:
    """Classify one charge in the light of the facts (see the module docstring for how).

    ``reading`` is what the facts say each person did (computed here, for an unnamed subject, when not
    given): only the subject's own acts of harm make a vague or Article 3 label concrete, and only
    the subject's side of the story gives an ordinary charge an Article 3 context.
    """
    c = compiled(settings.lexicons)
    if reading is None:
        reading = read_facts(facts, Subject(family_name=""))
    label = f"{charge.offence} | {charge.offence_original}" if charge.offence_original else charge.offence
    law = charge.law
    evidence: dict[str, Any] = {"charge": charge.offence}
    if charge.offence_original:
        evidence["offence_original"] = charge.offence_original
    if law:
        evidence["law"] = law

    violent_facts = list(dict.fromkeys(w for a in reading.subject_harm for w in a.words))
    violent_label = _words(c.violence.search(label, skip_negated=True))
    violent = violent_facts or violent_label
    ordinary_label = _words(c.ordinary.search(label))
    serious = _words(c.serious.search(label), c.serious.search(facts))
    expression = _words(c.expression.search(facts))
    if violent_facts:
        evidence["violent_acts_in_facts"] = violent_facts

    # Offence family and derivative/economic markers: useful whatever the kind.
    family_name, support = "", tuple[str, ...]()
    for name, charge_lex, facts_lex in c.families:
        if charge_lex.search(label):
            family_name, support = name, tuple(_words(facts_lex.search(facts)))
            # An act of the subject of the kind the offence needs supports it too ("set alight" for
            # an attempted murder, "moved the funds" for fraud), in any language the act words know.
            kinds = FAMILY_ACTS.get(name, frozenset())
            support += tuple(
                w for a in reading.subject_acts if a.kind in kinds for w in a.words if w not in support
            )
            break
    derivative = _words(c.derivative.search(label))
    accessory = _words(c.accessory.search(label))
    own_acts = violent_facts or _words(c.serious.search(facts))
    if accessory and not own_acts:
        derivative += accessory
    economic = _words(c.economic.search(label))
    placed = iccs_module.classify_offence(label, law, facts)
    if placed is not None:
        evidence["iccs"] = f"{placed.category.code} {placed.category.name}"
    statutes = match_statutes(country, law, charge.offence, charge.offence_original) if country else ()
    if statutes:
        evidence["statutes"] = [m.how for m in statutes]
    common: dict[str, Any] = {
        "iccs": placed,
        "statutes": statutes,
        "named": tuple(ordinary_label),
        "derivative": tuple(derivative),
        "economic": tuple(economic),
        "offence_family": family_name,
        "family_support": support,
        "article3_context": _article3_context(c, label, law, _subject_side(reading)),
    }

    # 1. Article 3.
    kind, source, words = _article3(c, label, law, bool(ordinary_label))
    if kind is not ChargeKind.ORDINARY:
        evidence[f"{kind.value}_words"] = words
        where = (
            Text(N_("the offence '%(offence)s'"), offence=charge.offence)
            if source == "offence"
            else _the_law(law)
        )
        pure = not violent and not ordinary_label
        reason = Text(
            N_("%(where)s names a %(kind)s offence (%(words)s)"),
            where=where,
            kind=_kind(kind.value),
            words=_q(words),
        )
        if source == "law":
            reason = Text(N_("%(reason)s and the offence label names no ordinary crime"), reason=reason)
        if not pure:
            mixed = violent or ordinary_label
            reason = Text(
                N_("%(reason)s, but the case also involves ordinary-crime elements (%(words)s)"),
                reason=reason,
                words=_q(mixed),
            )
            evidence["ordinary_elements"] = mixed
        elif expression:
            reason = Text(
                N_("%(reason)s; the facts describe expression or assembly (%(words)s)"),
                reason=reason,
                words=_q(expression),
            )
            evidence["expression_in_facts"] = expression
        return ChargeAnalysis(index, charge, kind, reason, pure=pure, evidence=evidence, **common)

    # 2. Excluded categories (Art. 83(1)(a)).
    vague_hits = _words(c.vague.search(label), c.vague.search(law))
    if not _words(c.serious.search(label)):  # membership of a gang or cartel is not vague
        vague_hits += [w for w in _words(c.membership.search(label)) if w not in vague_hits]
    terror = _words(c.terrorism.search(label), c.terrorism.search(law))
    label_says_little = not ordinary_label and not vague_hits
    scan = f"{label} | {facts}" if label_says_little else label

    # Drug possession is read with its facts: "for personal use" is category (a).
    norms = _words(c.norms.search(f"{label} | {facts}" if family_name == "drugs" else scan))
    if family_name == "drugs" and reading.personal_use:
        norms += [f"drugs {w}" for w in reading.personal_use if f"drugs {w}" not in norms]
    if norms:
        proviso = _words(c.norms_proviso.search(label), c.norms_proviso.search(facts, skip_negated=True))
        evidence["norms_words"] = norms
        if not proviso and not violent:
            reason = Text(
                N_(
                    "%(words)s concern behavioural or cultural norms, with no link to children, sexual "
                    "violence or organised crime"
                ),
                words=_q(norms),
            )
            return ChargeAnalysis(
                index, charge, ChargeKind.BEHAVIOURAL_NORMS, reason, evidence=evidence, **common
            )
        evidence["proviso"] = proviso or violent

    family = _words(c.family.search(scan))
    family_law = _words(c.law_family.search(law)) if not ordinary_label else []
    if family or family_law:
        evidence["family_words"] = family + family_law
        if not violent and not serious:
            src = _q(family) if family else _the_law(law)
            reason = Text(
                N_(
                    "%(source)s point to a family or private matter, with no violence or serious crime "
                    "described"
                ),
                source=src,
            )
            return ChargeAnalysis(
                index, charge, ChargeKind.FAMILY_MATTER, reason, evidence=evidence, **common
            )

    admin = _words(c.administrative.search(scan))
    admin_law = _words(c.law_administrative.search(law)) if not ordinary_label else []
    if admin or admin_law:
        evidence["administrative_words"] = admin + admin_law
        if not violent and not serious:
            src = _q(admin) if admin else _the_law(law)
            reason = Text(
                N_(
                    "%(source)s point to a breach of administrative rules, with no link to a serious or "
                    "organised crime"
                ),
                source=src,
            )
            return ChargeAnalysis(
                index, charge, ChargeKind.ADMINISTRATIVE, reason, evidence=evidence, **common
            )

    cheque = _words(c.cheque.search(label))
    if cheque:
        evidence["cheque_words"] = cheque
        why_cheque = Text(
            N_("%(words)s: a bounced or uncovered cheque, criminal in some countries"), words=_q(cheque)
        )
        return ChargeAnalysis(
            index,
            charge,
            ChargeKind.ORDINARY,
            why_cheque,
            debt_review=why_cheque,
            evidence=evidence,
            **common,
        )

    debt = _words(c.private_dispute.search(label if ordinary_label else scan))
    private_law = _words(c.law_private.search(law))
    if debt or (private_law and not ordinary_label):
        evidence["private_dispute_words"] = debt + private_law
        if serious or violent:
            links = serious or violent
            evidence["serious_link"] = links
            reason = Text(N_("not a private dispute: %(words)s link it to a serious crime"), words=_q(links))
            if not ordinary_label:
                return ChargeAnalysis(index, charge, ChargeKind.ORDINARY, reason, evidence=evidence, **common)
        else:
            context = _words(c.commercial.search(label), c.commercial.search(facts))
            if private_law or context:
                parts: list[Text] = []
                if debt:
                    parts.append(Text(N_("the charge is about %(words)s"), words=_q(debt)))
                if private_law:
                    parts.append(Text(N_("the law cited is civil or commercial ('%(law)s')"), law=law))
                if context:
                    parts.append(
                        Text(N_("the context is commercial or civil (%(words)s)"), words=_q(context))
                    )
                    evidence["commercial_context"] = context
                reason = Text(
                    N_("%(reasons)s; no fraud, forgery, violence or organised group is described"),
                    reasons=Text.joined("; ", parts),
                )
                return ChargeAnalysis(
                    index, charge, ChargeKind.PRIVATE_DISPUTE, reason, evidence=evidence, **common
                )
            why_debt = Text(
                N_("%(words)s: a debt treated as a crime, with no commercial or civil context given"),
                words=_q(debt),
            )
            return ChargeAnalysis(
                index,
                charge,
                ChargeKind.ORDINARY,
                why_debt,
                debt_review=why_debt,
                evidence=evidence,
                **common,
            )

    # 3. Ordinary crime; vague or terrorism labels without a violent act.
    vague: tuple[str, ...] = ()
    overridden: tuple[str, ...] = ()
    terror_no_violence = False
    if vague_hits or terror:
        if violent:
            overridden = tuple(violent)
            evidence["vague_words"] = vague_hits + terror
        else:
            vague = tuple(vague_hits + terror)
            terror_no_violence = bool(terror)
            evidence["vague_words"] = list(vague)
            if expression:
                evidence["expression_in_facts"] = expression
    reason = (
        Text(N_("ordinary-law offence (%(words)s)"), words=_q(ordinary_label))
        if ordinary_label
        else Text(N_("no excluded category found"))
    )
    return ChargeAnalysis(
        index,
        charge,
        ChargeKind.ORDINARY,
        reason,
        vague=vague,
        vague_overridden_by=overridden,
        terrorism_without_violence=terror_no_violence,
        evidence=evidence,
        **common,
    )


def subject_profiles(request: NoticeRequest, settings: ComplianceSettings) -> dict[Profile, str]:
    """The subject's profiles: declared in ``profile``, or revealed by an occupation ('blogger')."""
    c = compiled(settings.lexicons)
    found: dict[Profile, str] = {p: Text(N_("declared profile")) for p in request.subject.profile}
    for occupation in request.subject.occupations:
        for profile, lex in c.profiles:
            if profile not in found:
                hit = lex.first(occupation)
                if hit is not None:
                    found[profile] = Text(N_("occupation '%(occupation)s'"), occupation=occupation)
    return found


def analyse(request: NoticeRequest, settings: ComplianceSettings) -> RequestAnalysis:
    """Classify every charge and read the facts once."""
    c = compiled(settings.lexicons)
    facts = request.judicial.facts.summary
    reading = read_facts(facts, request.subject)
    charges = tuple(
        classify_charge(ch, facts, settings, i, reading, request.requesting_country)
        for i, ch in enumerate(request.judicial.charges)
    )
    return RequestAnalysis(
        charges=charges,
        profiles=subject_profiles(request, settings),
        violent_acts=tuple(dict.fromkeys(w for a in reading.subject_harm for w in a.words)),
        expression=tuple(
            dict.fromkeys(
                w for a in reading.subject_protected for w in a.words if a.kind is not ActKind.FAMILY
            )
        ),
        relatives_in_facts=tuple(_words(c.relatives.search(facts))),
        debt_in_facts=tuple(_words(c.private_dispute.search(facts))),
        serious_in_facts=tuple(_words(c.serious.search(facts))),
        reading=reading,
    )
