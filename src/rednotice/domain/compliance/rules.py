"""The rules catalogue: 'Rules to encode' (docs/domain.md) as data, one function per rule.

Each rule function has the signature ``(request, context, settings) -> list[Finding]`` where
``context`` is the :class:`~rednotice.domain.compliance.engine.CheckContext` of this check (store
port, today's date, charge analysis). Every finding says why in its message and carries the words,
fields and figures it used in ``evidence``. Codes are stable: RN-NN is rule NN of the list.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from rednotice.domain.compliance.acts import ActKind, Actor
from rednotice.domain.compliance.classify import (
    ARTICLE_3_KINDS,
    EXCLUDED_KINDS,
    EXCLUDED_LABELS,
    ChargeAnalysis,
    ChargeKind,
    compiled,
)
from rednotice.domain.compliance.context import BARRING_OUTCOMES, ObjectionKind
from rednotice.domain.compliance.findings import Finding, Rule, Severity
from rednotice.domain.compliance.interpol import ENTITY_ID, is_country
from rednotice.domain.compliance.settings import ComplianceSettings
from rednotice.domain.compliance.statutes import Weight
from rednotice.domain.compliance.text import normalise, word_count
from rednotice.domain.errors import N_
from rednotice.domain.model import NoticeRequest, NoticeType, Profile, Sex

if TYPE_CHECKING:
    from rednotice.domain.compliance.engine import CheckContext

_RULES: dict[str, Rule] = {}


def _q(words: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"'{w}'" for w in words)


def _years(months: float) -> str:
    if months >= 12:
        years = months / 12
        return f"{years:g} year" + ("" if years == 1 else "s")
    return f"{months:g} month" + ("" if months == 1 else "s")


# --- RN-01 ---------------------------------------------------------------------------------------


def excluded_category(
    request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings
) -> list[Finding]:
    rule = _RULES["RN-01"]
    out = []
    for a in ctx.analysis.charges:
        if a.kind in EXCLUDED_KINDS:
            out.append(
                rule.finding(
                    f"The charge '{a.label}' falls in {EXCLUDED_LABELS[a.kind]}, which Art. 83(1)(a) "
                    "excludes: "
                    f"{a.reason}.",
                    category=a.kind.value,
                    **a.evidence,
                )
            )
    return out


# --- RN-02 / RN-03: penalty thresholds -------------------------------------------------------------


def penalty_threshold(
    request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings
) -> list[Finding]:
    rule = _RULES["RN-02"]
    conviction = request.judicial.conviction
    if conviction is not None and (
        conviction.sentence_months is not None or conviction.remaining_months is not None
    ):
        return []  # enforcement of a sentence: RN-03
    known = [
        (c.max_penalty_years, c.offence) for c in request.judicial.charges if c.max_penalty_years is not None
    ]
    if not known:
        return []  # RN-05 reports the missing penalty
    years, offence = max(known)
    months = years * 12
    if months >= settings.min_max_penalty_months:
        return []
    evidence = {
        "max_penalty_years": years,
        "charge": offence,
        "threshold_months": settings.min_max_penalty_months,
    }
    exception = ctx.store.gs_exception(request)
    if exception:
        return [
            rule.finding(
                f"The highest maximum penalty ({_years(months)}, '{offence}') is below "
                f"{_years(settings.min_max_penalty_months)}, but a General Secretariat exception of "
                "particular "
                f"importance is recorded: {exception}",
                Severity.WARN,
                exception=exception,
                **evidence,
            )
        ]
    return [
        rule.finding(
            f"The highest maximum penalty among the charges is {_years(months)} ('{offence}'); a "
            "prosecution needs "
            f"an offence punishable by at least {_years(settings.min_max_penalty_months)}, and no General "
            "Secretariat exception of particular importance is recorded.",
            **evidence,
        )
    ]


def sentence_threshold(
    request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings
) -> list[Finding]:
    rule = _RULES["RN-03"]
    conviction = request.judicial.conviction
    if conviction is None:
        return []
    sentence, remaining = conviction.sentence_months, conviction.remaining_months
    evidence = {"sentence_months": sentence, "remaining_months": remaining}
    if sentence is not None and sentence < settings.min_sentence_months:
        return [
            rule.finding(
                f"The sentence imposed is {sentence:g} months, below the {settings.min_sentence_months} "
                "months "
                "required to seek a person to serve a sentence"
                + (f" ({remaining:g} months remain)." if remaining is not None else "."),
                **evidence,
            )
        ]
    if remaining is not None and remaining < settings.min_remaining_months:
        return [
            rule.finding(
                f"Only {remaining:g} months of the sentence remain, below "
                f"{settings.min_remaining_months} months; "
                "whether 'six months and/or six months left to serve' allows this is for a reviewer to "
                "decide.",
                Severity.REVIEW,
                **evidence,
            )
        ]
    return []


# --- RN-04 / RN-05: minimum data -------------------------------------------------------------------


def identifiers(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    rule = _RULES["RN-04"]
    s = request.subject
    has_description = s.physical_description is not None and not s.physical_description.is_empty()
    extra = {
        "physical description": has_description,
        "identity document": bool(s.identity_documents),
        "fingerprints": s.biometrics.fingerprints,
        "DNA profile": s.biometrics.dna,
    }
    base = {
        "surname": bool(s.family_name.strip()),
        "forename": bool(s.given_names.strip()),
        "sex": s.sex is not Sex.UNKNOWN,
        "date of birth (at least the year)": s.date_of_birth is not None,
    }
    full_set = all(base.values()) and any(extra.values())
    photo_route = (
        base["surname"]
        and base["forename"]
        and s.biometrics.photo
        and (any(extra.values()) or s.date_of_birth is not None)
    )
    if full_set or photo_route:
        return []
    missing = [k for k, ok in base.items() if not ok]
    if not any(extra.values()):
        missing.append("one of: physical description, identity document, fingerprints or DNA")
    return [
        rule.finding(
            f"Identifiers required by Art. 83(2)(a) are missing: {', '.join(missing)}. A red notice "
            "needs surname, "
            "forename, sex and date of birth plus a physical description, DNA, fingerprints or "
            "identity-document "
            "data, or a good-quality photo plus one more identifier.",
            missing=missing,
            photo=s.biometrics.photo,
        )
    ]


def judicial_data(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    rule = _RULES["RN-05"]
    j = request.judicial
    missing: list[str] = []
    if not j.facts.summary.strip():
        missing.append("summary of facts")
    if j.facts.date is None:
        missing.append("date of the facts")
    if not j.facts.place.strip():
        missing.append("place of the facts")
    if not j.charges:
        missing.append("charges")
    has_sentence = j.conviction is not None and (
        j.conviction.sentence_months is not None or j.conviction.remaining_months is not None
    )
    if j.conviction is not None and not has_sentence:
        missing.append("sentence imposed or remaining")
    for c in j.charges:
        if not c.law.strip():
            missing.append(f"law covering '{c.offence}'")
        if c.max_penalty_years is None and not has_sentence:
            missing.append(f"maximum penalty for '{c.offence}'")
    w = j.warrant
    decision_from_judgment = (
        j.conviction is not None and bool(j.conviction.judgment_reference) and j.conviction.date is not None
    )
    if w is None:
        if not decision_from_judgment:
            missing.append("arrest warrant or judicial decision")
    else:
        if not w.reference.strip():
            missing.append("warrant reference")
        if w.issued_on is None:
            missing.append("warrant date")
        if not w.authority.strip():
            missing.append("issuing authority")
    if not missing:
        return []
    return [
        rule.finding(
            f"Judicial data required by Art. 83(2)(b) is missing: {', '.join(missing)}.", missing=missing
        )
    ]


# --- RN-06: concrete facts, coherent with the charges -----------------------------------------------


def facts_coherence(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    rule = _RULES["RN-06"]
    summary = request.judicial.facts.summary.strip()
    if not summary:
        return []  # RN-05
    out = []
    n_words = word_count(summary)
    if n_words < settings.min_fact_words:
        out.append(
            rule.finding(
                f"The summary of facts has {n_words} words; the CCF requires concrete and specific facts "
                "(the "
                "subject's role, acts, time, place and means).",
                words=n_words,
                summary=summary,
            )
        )
    a = ctx.analysis
    for ch in a.charges:
        if ch.economic and a.debt_in_facts and not a.serious_in_facts:
            out.append(
                rule.finding(
                    f"The charge '{ch.label}' is economic, but the facts describe only {_q(a.debt_in_facts)} "
                    "with no deception, forgery or misappropriation: it may be a civil matter labelled as a "
                    "crime.",
                    charge=ch.charge.offence,
                    debt_words=list(a.debt_in_facts),
                )
            )
        elif ch.offence_family and not ch.family_support:
            out.append(
                rule.finding(
                    f"The charge '{ch.label}' ({ch.offence_family}) does not match the facts: the summary "
                    "describes no act of that kind.",
                    charge=ch.charge.offence,
                    offence_family=ch.offence_family,
                    summary=summary,
                )
            )
    return out


# --- RN-07: assurances ----------------------------------------------------------------------------

_JUDICIAL_WORDS = (
    "judge",
    "court",
    "tribunal",
    "magistrat*",
    "juge",
    "juzgado",
    "juez",
    "суд*",
    "法院",
    "mahkeme*",
    "محكمه",
    "قاضي",
    "prosecutor*",
    "procura*",
    "parquet",
)


def assurances(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    from rednotice.domain.compliance.text import lexicon

    rule = _RULES["RN-07"]
    out = []
    if request.assurances.extradition_will_be_sought is not True:
        given = request.assurances.extradition_will_be_sought
        out.append(
            rule.finding(
                "The requester does not assure that extradition will be sought if the person is found"
                + (" (it answered no)." if given is False else " (no answer given).")
                + " A red notice exists to locate a person with a view to extradition (Art. 82, 84).",
                extradition_will_be_sought=given,
            )
        )
    w = request.judicial.warrant
    if w is not None:
        if w.judicial is False and w.appealable_to_judge is not True:
            out.append(
                rule.finding(
                    f"The warrant was not issued by a judge ('{w.authority or 'unknown authority'}') and the "
                    "requester does not assure that it can be appealed to a judge (Art. 84).",
                    authority=w.authority,
                    judicial=False,
                    appealable_to_judge=w.appealable_to_judge,
                )
            )
        elif w.judicial is None and w.authority and not lexicon(_JUDICIAL_WORDS).search(w.authority):
            out.append(
                rule.finding(
                    f"It is not said whether the issuing authority ('{w.authority}') is judicial; "
                    "confirm it, or that "
                    "the warrant can be appealed to a judge (Art. 84).",
                    Severity.REVIEW,
                    authority=w.authority,
                )
            )
    return out


# --- RN-09 / RN-10: Article 3 ---------------------------------------------------------------------


def protected_only_charges(ctx: CheckContext) -> tuple[list[ChargeAnalysis], list[ChargeAnalysis]]:
    """Article 3 on the acts (AGN/20/RES/11), when every act the facts attribute to the subject is a
    protected activity and none harms anyone: the charges to block (whatever their labels), and the
    charges to review because the facts also carry words of the ordinary crime charged ("money" for a
    fraud) that no act of the subject explains. Charges already blocked on their own label, or
    excluded by Art. 83(1)(a), are left to those findings."""
    if not ctx.analysis.reading.only_protected:
        return [], []
    left = [a for a in ctx.analysis.charges if not (a.kind in ARTICLE_3_KINDS and a.pure)]
    if any(a.offence_family or a.crime_against_others for a in left):
        # A charge of a crime with victims (murder, fraud, drugs...) with facts that show only protected
        # activity: the reading may have missed the act; refusing an ordinary crime is the worse error.
        return [], [a for a in left if a.kind not in EXCLUDED_KINDS]
    return left, []


def article3_offence(
    request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings
) -> list[Finding]:
    rule = _RULES["RN-09"]
    out = []
    reading = ctx.analysis.reading
    on_acts, unclear = protected_only_charges(ctx)
    if unclear:
        labels = ", ".join(f"'{a.label}'" for a in unclear)
        out.append(
            rule.finding(
                f"The only acts the facts attribute to the subject are protected activities — "
                f"{reading.summary()} — yet the charges ({labels}) name a crime against others that no "
                "act of the subject in the facts explains: weigh whether they describe an ordinary crime "
                "or a label on political activity (AGN/20/RES/11; RPD Art. 34).",
                Severity.REVIEW,
                charges=[a.charge.offence for a in unclear],
                acts=[act.to_dict() for act in reading.subject_acts],
            )
        )
    if on_acts:
        labels = ", ".join(f"'{a.label}'" for a in on_acts)
        out.append(
            rule.finding(
                f"Every act the facts attribute to the subject is a protected activity — "
                f"{reading.summary()} — and none is violent or harms anyone: whatever the label "
                f"({labels}), the request is predominantly political. INTERPOL is not bound by the label "
                "the requesting country uses (AGN/20/RES/11).",
                charges=[a.charge.offence for a in on_acts],
                acts=[act.to_dict() for act in reading.subject_acts],
                statutes=[m.how for a in on_acts for m in a.statutes],
            )
        )
    political_acts = [x for x in reading.subject_protected if x.political and x.kind is not ActKind.FAMILY]
    context_found = any(a.article3_context for a in ctx.analysis.charges)
    if reading.subject_harm and political_acts and not on_acts and not unclear and not context_found:
        out.append(
            rule.finding(
                "The facts describe harm the subject is said to have caused "
                f"({reading.summary_of(reading.subject_harm)}) and also political activity of the subject's "
                f"own ({reading.summary_of(political_acts)}): weigh whether the political element "
                "predominates (AGN/20/RES/11; RPD Art. 34).",
                Severity.REVIEW,
                acts=[act.to_dict() for act in (*reading.subject_harm, *political_acts)],
            )
        )
    blocked_on_acts = {a.index for a in on_acts + unclear}
    protected_or_profile = bool(reading.subject_protected) or any(
        p in settings.review_profiles for p in ctx.analysis.profiles
    )
    for a in ctx.analysis.charges:
        concern = [
            m
            for m in a.statutes
            if m.statute.weight is Weight.CORE
            or (protected_or_profile and m.statute.weight is Weight.PRETEXTUAL)
        ]
        # A vague charge's RN-20 finding names the statute itself (one review, not two).
        vague_finding = bool(a.vague) and a.kind not in ARTICLE_3_KINDS
        if (
            concern
            and not vague_finding
            and a.index not in blocked_on_acts
            and not (a.kind in ARTICLE_3_KINDS and a.pure)
        ):
            out.append(
                rule.finding(
                    f"The charge '{a.label}' cites a provision documented as used against protected "
                    f"activity: {'; '.join(m.how for m in concern)}. Whatever the offence's wording, weigh "
                    "whether the political element predominates (AGN/20/RES/11; RPD Art. 34).",
                    Severity.REVIEW,
                    statutes=[m.how for m in concern],
                    charge=a.charge.offence,
                )
            )
    for a in ctx.analysis.charges:
        if a.index in blocked_on_acts:
            continue
        if a.kind not in ARTICLE_3_KINDS:
            if a.article3_context and a.kind not in EXCLUDED_KINDS:
                out.append(
                    rule.finding(
                        f"The charge '{a.label}' is not itself an Article 3 offence, but "
                        f"{a.article3_context}: weigh whether that element predominates (RPD Art. 34; "
                        "ordinary crimes in such a context are assessed case by case).",
                        Severity.REVIEW,
                        context=a.article3_context,
                        **a.evidence,
                    )
                )
            continue
        if a.pure:
            out.append(
                rule.finding(
                    f"The charge '{a.label}' is a pure {a.kind.value} offence: {a.reason}. Article 3 "
                    "forbids any "
                    "intervention of a political, military, religious or racial character.",
                    kind=a.kind.value,
                    **a.evidence,
                )
            )
        else:
            out.append(
                rule.finding(
                    f"The charge '{a.label}' has a {a.kind.value} character: {a.reason}. Weigh whether the "
                    f"{a.kind.value} element predominates (AGN/20/RES/11; RPD Art. 34).",
                    Severity.REVIEW,
                    kind=a.kind.value,
                    **a.evidence,
                )
            )
    return out


ART_34_3_FACTORS = (
    "nature of the offence (charges and underlying facts)",
    "status of the persons concerned",
    "identity of the source of the data",
    "position expressed by another country or international entity",
    "obligations under international law",
    "implications for the neutrality of the Organization",
    "general context of the case",
)


def sensitive_profile(
    request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings
) -> list[Finding]:
    rule = _RULES["RN-10"]
    hits = {p: where for p, where in ctx.analysis.profiles.items() if p in settings.review_profiles}
    if not hits:
        return []
    who = ", ".join(f"{p.value.replace('_', ' ')} ({where})" for p, where in hits.items())
    charges = ", ".join(f"'{c.label}' ({c.kind.value})" for c in ctx.analysis.charges) or "none"
    return [
        rule.finding(
            f"The subject is a {who}: the charges ({charges}) need an Article 3 assessment recording all "
            "seven Art. 34(3) factors, even where they are ordinary crimes.",
            profiles=[p.value for p in hits],
            sources=list(hits.values()),
            factors_to_record=list(ART_34_3_FACTORS),
        )
    ]


# --- RN-11 / RN-12 / RN-13: history ---------------------------------------------------------------


def country_record(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    rule = _RULES["RN-11"]
    record = ctx.store.country_record(request.requesting_country)
    if record is None:
        return []
    decided, refused = record
    if decided < settings.country_min_decisions or decided == 0:
        return []
    rate = refused / decided
    if rate <= settings.country_refusal_rate_threshold:
        return []
    return [
        rule.finding(
            f"{refused} of {decided} decided requests from {request.requesting_country} were refused or "
            "deleted "
            f"({rate:.1%}), above the {settings.country_refusal_rate_threshold:.0%} threshold: every "
            "request from "
            "this country is reviewed.",
            country=request.requesting_country,
            decided=decided,
            refused=refused,
            rate=round(rate, 4),
        )
    ]


def objections(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    rule = _RULES["RN-12"]
    prior_ids = [d.notice_id for d, _ in ctx.prior()]
    if not prior_ids:
        return []
    out = []
    for o in ctx.store.objections_for(prior_ids):
        if o.country == request.requesting_country:
            continue
        what = (
            "refused extradition"
            if o.kind is ObjectionKind.EXTRADITION_REFUSED
            else f"objected on {o.kind.value.replace('_', ' ')} grounds"
            if o.country
            else "objected"
        )
        evidence = {
            "notice_id": o.notice_id,
            "country": o.country,
            "kind": o.kind.value,
            "grounds": o.grounds,
            "deletion_grounds": o.deletion_grounds,
        }
        who = o.country or "Another member country (not named: it did not consent)"
        if o.deletion_grounds:
            out.append(
                rule.finding(
                    f"{who} {what} about notice {o.notice_id} on the same person, and the grounds "
                    f"({o.grounds or 'recorded'}) are grounds for deletion.",
                    **evidence,
                )
            )
        else:
            out.append(
                rule.finding(
                    f"{who} {what} about notice {o.notice_id} on the same person"
                    + (f" ({o.grounds})" if o.grounds else "")
                    + ": add an addendum and review.",
                    Severity.REVIEW,
                    **evidence,
                )
            )
    return out


def refugee(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    rule = _RULES["RN-13"]
    s = request.subject
    status = ctx.store.refugee_status(s, request.requesting_country)
    declared = [p for p in ctx.analysis.profiles if p in (Profile.REFUGEE, Profile.ASYLUM_SEEKER)]
    if status is not None:
        evidence = {
            "status": status.status.value,
            "confirmed": status.confirmed,
            "requester_is_country_of_feared_persecution": status.feared_persecution_by_requester,
        }
        if status.revoked_or_denied:
            return [
                rule.finding(
                    f"The subject's {status.status.value.replace('_', ' ')} status was denied or "
                    "revoked: the data "
                    "may be kept or restored if otherwise compliant (GA-2017-86-RES-09).",
                    Severity.WARN,
                    revoked_or_denied=True,
                    **evidence,
                )
            ]
        if status.confirmed and status.feared_persecution_by_requester:
            return [
                rule.finding(
                    f"A member country confirmed the subject's {status.status.value.replace('_', ' ')} "
                    "status, and "
                    f"the requester ({request.requesting_country}) is the country of feared persecution. The "
                    "granting country is not disclosed.",
                    **evidence,
                )
            ]
        if status.confirmed:
            return [
                rule.finding(
                    f"The subject has confirmed {status.status.value.replace('_', ' ')} status, though "
                    "not against "
                    f"{request.requesting_country}; weigh it in the review.",
                    Severity.WARN,
                    **evidence,
                )
            ]
    if declared:
        home = (
            request.requesting_country in s.nationalities or request.requesting_country == s.country_of_birth
        )
        status_words = " and ".join(p.value.replace("_", " ") for p in declared)
        declared_evidence: dict[str, Any] = {
            "declared": [p.value for p in declared],
            "requester_is_home_country": home,
        }
        if home:
            # Until a registry of confirmed statuses exists, the record's own word stands: a refugee
            # sought by their own country is the case the 2015 policy protects.
            return [
                rule.finding(
                    f"The record says the subject is a {status_words}, and the requester "
                    f"({request.requesting_country}) is the subject's own country, the presumed country of "
                    "feared persecution. Not processed unless the status is shown to be denied or revoked "
                    "(February 2015 policy; GA-2017-86-RES-09).",
                    **declared_evidence,
                )
            ]
        return [
            rule.finding(
                f"The record says the subject is a {status_words}; confirm with member countries whether "
                f"{request.requesting_country} is the country of feared persecution before processing "
                "(GA-2017-86-RES-09).",
                Severity.REVIEW,
                **declared_evidence,
            )
        ]
    return []


# --- RN-15 / RN-16: timing and re-filing ------------------------------------------------------------


def political_timing(
    request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings
) -> list[Finding]:
    rule = _RULES["RN-15"]
    window = timedelta(days=settings.election_window_days)
    out = []
    for e in ctx.store.political_events(request.requesting_country):
        if abs(ctx.today - e.on) <= window:
            out.append(
                rule.finding(
                    f"The request comes {abs((ctx.today - e.on).days)} days "
                    f"{'after' if e.on <= ctx.today else 'before'} a {e.kind.value.replace('_', ' ')} in "
                    f"{request.requesting_country} "
                    f"({e.on.isoformat()}{': ' + e.description if e.description else ''}).",
                    event=e.kind.value,
                    on=e.on.isoformat(),
                    window_days=settings.election_window_days,
                )
            )
    facts = request.judicial.facts
    if facts.date is not None and ctx.analysis.expression:
        latest: date = facts.date.latest()
        if timedelta(0) <= ctx.today - latest <= window or timedelta(0) <= latest - ctx.today <= window:
            out.append(
                rule.finding(
                    f"The facts are an act of expression or assembly ({_q(ctx.analysis.expression)}) dated "
                    f"{facts.date.iso()}, within {settings.election_window_days} days of this request.",
                    expression=list(ctx.analysis.expression),
                    facts_date=facts.date.iso(),
                )
            )
    return out


def _token_set(text: str) -> set[str]:
    return {w for w in normalise(text).split() if len(w) > 3}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def resubmission(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    rule = _RULES["RN-16"]
    out = []
    mine_facts = _token_set(request.judicial.facts.summary)
    mine_charges = {normalise(c.offence) for c in request.judicial.charges}
    mine_warrant = request.judicial.warrant.reference if request.judicial.warrant else ""
    for decision, why_same in ctx.prior():
        if decision.outcome not in BARRING_OUTCOMES:
            continue
        old = decision.request
        similarity = _jaccard(mine_facts, _token_set(old.judicial.facts.summary))
        same_charges = sorted(mine_charges & {normalise(c.offence) for c in old.judicial.charges})
        old_warrant = old.judicial.warrant.reference if old.judicial.warrant else ""
        same_warrant = bool(mine_warrant) and mine_warrant == old_warrant
        same_facts = (
            similarity >= settings.same_facts_similarity
            or same_warrant
            or (bool(same_charges) and similarity >= settings.same_facts_similarity / 2)
        )
        as_type = (
            "as a diffusion"
            if request.type is NoticeType.WANTED_PERSON_DIFFUSION
            and old.type is not NoticeType.WANTED_PERSON_DIFFUSION
            else "as another notice type"
            if request.type is not old.type
            else "again"
        )
        evidence = {
            "prior_notice": decision.notice_id,
            "prior_outcome": decision.outcome.value,
            "prior_type": old.type.value,
            "identity": why_same,
            "facts_similarity": round(similarity, 2),
            "same_charges": same_charges,
            "same_warrant": same_warrant,
        }
        if same_facts:
            out.append(
                rule.finding(
                    f"Notice {decision.notice_id} on the same person ({why_same}) ended "
                    f"'{decision.outcome.value.replace('_', ' ')}'; this request re-submits the same "
                    f"facts {as_type} "
                    f"(facts overlap {similarity:.0%}"
                    + (f", same charges {_q(same_charges)}" if same_charges else "")
                    + (", same warrant" if same_warrant else "")
                    + ") with no new facts shown.",
                    **evidence,
                )
            )
        else:
            out.append(
                rule.finding(
                    f"Notice {decision.notice_id} on the same person ({why_same}) ended "
                    f"'{decision.outcome.value.replace('_', ' ')}'; the facts now differ (overlap "
                    f"{similarity:.0%}): "
                    "confirm that they are genuinely new.",
                    Severity.REVIEW,
                    **evidence,
                )
            )
    return out


# --- RN-18 / RN-19 / RN-20: relatives, economic charges, vague charges -------------------------------


def relatives(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    """RN-18 by relation and acts (HRW 2018: relatives charged as "accomplices" to reach a dissident).

    The subject is linked to another person sought — a declared relation, or a relative the facts name
    as acting — and then: no charge of their own, or facts in which the subject does nothing but
    family life or protected activity (every act is the relative's), block; acts of the subject's own
    about the relative's money or flight, or charges that exist only through another's offence, need
    review. A subject with harmful acts of their own is judged on those.
    """
    rule = _RULES["RN-18"]
    a = ctx.analysis
    reading = a.reading
    rels = request.subject.relations
    linked = ", ".join(f"{r.relation.value} of {r.notice_id}" for r in rels)
    relations = [{"notice_id": r.notice_id, "relation": r.relation.value} for r in rels]
    out = []
    if rels and not a.charges:
        out.append(
            rule.finding(
                f"The subject is linked to other notices ({linked}) and faces no charge of their own.",
                relations=relations,
            )
        )
        return out
    relative_acts = reading.by(Actor.RELATIVE)
    own = reading.subject_acts
    harm = [x for x in own if x.harmful]
    # Hiding money or helping a flight is what a relative charged as an "accomplice" is said to have done;
    # read on the relative instead, it is most likely the subject's, misread: review, never block.
    aiding = [x for x in (*own, *relative_acts) if x.kind is ActKind.AIDING]
    lawful_only = all(x.protected for x in own)
    link = (
        f"linked as {linked}"
        if rels
        else f"a relative of a person the facts describe ({_q(reading.relatives_named)})"
    )
    if (rels or relative_acts) and a.charges and not harm and not aiding and lawful_only:
        theirs = reading.summary(Actor.RELATIVE) or "nothing the subject did"
        mine = reading.summary(Actor.SUBJECT) or "no act of their own"
        out.append(
            rule.finding(
                f"The subject is {link}; the facts are about the relative ({theirs}) and give the subject "
                f"{mine}: charging a relative to reach the person sought is collective punishment.",
                relations=relations,
                relative_acts=[x.to_dict() for x in relative_acts],
                subject_acts=[x.to_dict() for x in own],
            )
        )
        return out
    derivative_only = bool(a.charges) and all(c.derivative for c in a.charges)
    if (rels or reading.relatives_named) and (aiding or (derivative_only and not harm)):
        terms = sorted({t for c in a.charges for t in c.derivative})
        why = (
            f"acts of their own about the relative's money or flight ({reading.summary(Actor.SUBJECT)})"
            if aiding
            else f"only offences derived from another person's offence ({_q(terms)})"
        )
        out.append(
            rule.finding(
                f"The subject is {link} and is charged for {why}, with no harm to anyone of their own: "
                "weigh whether the request targets the relative to reach the person sought.",
                Severity.REVIEW,
                derivative=terms,
                relations=relations,
                relatives_in_facts=list(reading.relatives_named),
                subject_acts=[x.to_dict() for x in own],
            )
        )
    for r in rels:
        count = ctx.store.relation_requests(r.notice_id)
        if count >= settings.repeated_relative_requests:
            out.append(
                rule.finding(
                    f"{count} other request(s) or search(es) already name notice {r.notice_id} as a "
                    "relation: "
                    "repeated targeting of the wanted person's circle.",
                    Severity.REVIEW,
                    notice_id=r.notice_id,
                    other_requests=count,
                )
            )
    return out


def economic_charges(
    request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings
) -> list[Finding]:
    rule = _RULES["RN-19"]
    out = []
    sensitive = {p: w for p, w in ctx.analysis.profiles.items() if p in settings.economic_review_profiles}
    economic = [c for c in ctx.analysis.charges if c.economic and c.kind not in EXCLUDED_KINDS]
    if sensitive and economic:
        who = ", ".join(f"{p.value.replace('_', ' ')} ({w})" for p, w in sensitive.items())
        labels = ", ".join(f"'{c.label}' ({_q(c.economic)})" for c in economic)
        out.append(
            rule.finding(
                f"Economic or corruption charges ({labels}) against a {who}: the most common vehicle of "
                "abuse "
                "against businesspeople, opponents and ex-officials; review the facts and the context.",
                profiles=[p.value for p in sensitive],
                charges=[c.charge.offence for c in economic],
            )
        )
    for c in ctx.analysis.charges:
        if c.debt_review:
            out.append(
                rule.finding(
                    f"The charge '{c.label}' concerns a debt or a cheque ({c.debt_review}); review, not "
                    "an automatic "
                    "block (CCF 2/2018 found such a notice compliant).",
                    **c.evidence,
                )
            )
    return out


def vague_charges(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    rule = _RULES["RN-20"]
    out = []
    for c in ctx.analysis.charges:
        if not c.vague or c.kind in ARTICLE_3_KINDS:
            continue
        if c.terrorism_without_violence:
            why = "a terrorism charge, yet the facts describe no violent act"
        else:
            why = f"vague ({_q(c.vague)}), and the facts describe no violent act that would make it concrete"
        if ctx.analysis.expression:
            why += f"; the facts describe expression or association ({_q(ctx.analysis.expression)})"
        if c.statutes:
            why += "; the law cited is documented as used against protected activity: " + "; ".join(
                m.how for m in c.statutes
            )
        out.append(rule.finding(f"The charge '{c.label}' is {why}.", vague_terms=list(c.vague), **c.evidence))
    return out


# --- RN-33: nothing passes by silence -------------------------------------------------------------


def recognised(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    """A request is compliant only when every charge is positively recognised as an offence the engine
    can place, and the facts attribute to the subject an act that could fit it. A charge it cannot
    place, or facts in which the subject does nothing the engine can read, is a review — never a
    silent pass."""
    rule = _RULES["RN-33"]
    out = []
    a = ctx.analysis
    for c in a.charges:
        if c.kind is not ChargeKind.ORDINARY or c.iccs or c.named or c.vague or c.vague_overridden_by:
            continue
        if c.debt_review or c.derivative or c.economic or c.offence_family:
            continue
        out.append(
            rule.finding(
                f"The offence '{c.label}' (law: '{c.charge.law or 'none cited'}') is not one the engine "
                "recognises as an ordinary-law crime: a reviewer must say what it is before anything "
                "is published.",
                charge=c.charge.offence,
                offence_original=c.charge.offence_original,
                law=c.charge.law,
                read=c.reason,
            )
        )
    summary = request.judicial.facts.summary.strip()
    ordinary = [c for c in a.charges if c.kind is ChargeKind.ORDINARY and not c.debt_review]
    if (
        ordinary
        and summary
        and not a.reading.subject_acts
        and not any(c.family_support for c in ordinary)
        and not out
    ):
        out.append(
            rule.finding(
                "The facts attribute no act the engine can read to the subject (what they did, to whom, "
                "how): a reviewer must confirm that the facts describe the offence charged.",
                summary=summary,
            )
        )
    return out


# --- RN-21 / RN-22: validity and purpose ------------------------------------------------------------


def validity(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    rule = _RULES["RN-21"]
    meta = ctx.notice
    if meta is None or meta.published_on is None:
        return []
    p = meta.published_on
    try:
        expires = p.replace(year=p.year + settings.validity_years)
    except ValueError:  # 29 February
        expires = p.replace(year=p.year + settings.validity_years, day=28)
    month = expires.month - settings.renewal_notice_months
    year = expires.year + (month - 1) // 12
    notice_from = date(year, (month - 1) % 12 + 1, min(expires.day, 28))
    evidence = {"published_on": p.isoformat(), "expires_on": expires.isoformat()}
    if ctx.today >= expires:
        return [
            rule.finding(
                f"Published on {p.isoformat()}, the notice expired on {expires.isoformat()}: it must not "
                "stay in force "
                "without a renewal decided before expiry.",
                **evidence,
            )
        ]
    if ctx.today >= notice_from and not meta.retention_reasons.strip():
        return [
            rule.finding(
                f"The notice expires on {expires.isoformat()}; the source must give reasons to keep it "
                "(Art. 50), "
                "or it will expire automatically.",
                Severity.REVIEW,
                **evidence,
            )
        ]
    return []


def purpose(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    rule = _RULES["RN-22"]
    meta = ctx.notice
    if meta is not None and meta.purpose_ended is not None:
        return [
            rule.finding(
                f"The notice's purpose is gone ({meta.purpose_ended.value.replace('_', ' ')}"
                + (f": {meta.purpose_details}" if meta.purpose_details else "")
                + "); the source must cancel it.",
                purpose_ended=meta.purpose_ended.value,
            )
        ]
    c = compiled(settings.lexicons)
    w = request.judicial.warrant
    texts = {"facts": request.judicial.facts.summary, "warrant": w.authority if w else ""}
    for where, text in texts.items():
        hits = c.purpose_gone.search(text, skip_negated=True)
        if hits:
            words = [h.matched for h in hits]
            return [
                rule.finding(
                    f"The {where} say(s) {_q(words)}: a notice whose purpose is gone (acquittal, pardon, "
                    "withdrawn or "
                    "time-barred warrant) must not be issued or kept.",
                    words=words,
                    source=where,
                )
            ]
    return []


# --- RN-32: INTERPOL value formats ------------------------------------------------------------------


def interpol_values(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    rule = _RULES["RN-32"]
    s = request.subject
    bad: list[str] = []
    countries = [("requesting_country", request.requesting_country), ("country_of_birth", s.country_of_birth)]
    countries += [(f"nationalities[{i}]", c) for i, c in enumerate(s.nationalities)]
    countries += [
        (f"identity_documents[{i}].issuing_country", d.issuing_country)
        for i, d in enumerate(s.identity_documents)
    ]
    countries += [
        (f"visibility.excluded_countries[{i}]", c)
        for i, c in enumerate(request.visibility.excluded_countries)
    ]
    countries += [
        (f"visibility.restricted_to[{i}]", c) for i, c in enumerate(request.visibility.restricted_to or ())
    ]
    for where, code in countries:
        if code is not None and not is_country(code):
            bad.append(f"{where}={code!r} is not an ISO 3166-1 alpha-2 country")
    for i, r in enumerate(s.relations):
        if not ENTITY_ID.match(r.notice_id):
            bad.append(f"relations[{i}].notice_id={r.notice_id!r} is not a notice id (YYYY/NNNN)")
    if s.sex not in (Sex.MALE, Sex.FEMALE, Sex.UNKNOWN):
        bad.append(f"sex={s.sex!r} is not M, F or U")
    if not bad:
        return []
    return [rule.finding("Values do not fit INTERPOL's formats: " + "; ".join(bad) + ".", problems=bad)]


# --- The catalogue ----------------------------------------------------------------------------------

CATALOGUE: tuple[Rule, ...] = (
    Rule(
        "RN-01",
        N_("Offence in an excluded category"),
        "RPD Art. 83(1)(a)",
        Severity.BLOCK,
        excluded_category,
        "Behavioural/cultural norms, family or private matters, administrative breaches or private disputes "
        "(the last two only without a serious-crime or organised-crime link).",
    ),
    Rule(
        "RN-02",
        N_("Maximum penalty below the threshold"),
        "RPD Art. 83(1)(a)(ii), 83(1)(b)",
        Severity.BLOCK,
        penalty_threshold,
        "A prosecution needs an offence punishable by at least two years, unless a General Secretariat "
        "exception of particular importance is recorded with reasons (then WARN).",
    ),
    Rule(
        "RN-03",
        N_("Sentence below the threshold"),
        "RPD Art. 83(1)(a)(ii)",
        Severity.BLOCK,
        sentence_threshold,
        "Sentence imposed under six months blocks; under six months left to serve needs review.",
    ),
    Rule(
        "RN-04",
        N_("Required identifier missing"),
        "RPD Art. 83(2)(a)",
        Severity.BLOCK,
        identifiers,
        "Surname, forename, sex, date of birth plus a description, DNA, fingerprints or document; or a photo "
        "plus one more identifier.",
    ),
    Rule(
        "RN-05",
        N_("Required judicial data missing"),
        "RPD Art. 83(2)(b)",
        Severity.BLOCK,
        judicial_data,
        "Facts with time and place, charges, laws, maximum penalty or sentence, warrant or decision with "
        "reference, date and issuing authority.",
    ),
    Rule(
        "RN-06",
        N_("Facts not concrete, or not matching the charges"),
        "RPD Art. 83(2)(b)(i); CCF practice; Repository of Practice (coherence)",
        Severity.REVIEW,
        facts_coherence,
        "Too short a summary, a charge with no matching act in the facts, or an economic charge over a debt.",
    ),
    Rule(
        "RN-07",
        N_("No extradition assurance, or non-judicial warrant without appeal"),
        "RPD Art. 82, 84",
        Severity.BLOCK,
        assurances,
        "The requester must commit to seek extradition; a warrant not issued by a judge must be appealable "
        "to one (review when the authority's nature is not stated).",
    ),
    Rule(
        "RN-09",
        N_("Article 3: offence of a predominantly political, military, religious or racial character"),
        "Constitution Art. 3; RPD Art. 34; AGN/20/RES/11",
        Severity.BLOCK,
        article3_offence,
        "Pure offences block; an Article 3 label mixed with ordinary crime or violence needs the "
        "predominance "
        "test (review).",
    ),
    Rule(
        "RN-10",
        N_("Subject with a sensitive profile: Article 3 assessment"),
        "Constitution Art. 3; RPD Art. 34(3)",
        Severity.REVIEW,
        sensitive_profile,
        "Journalists, activists, opposition politicians, human-rights defenders, religious or community "
        "leaders and ex-officials: record all seven Art. 34(3) factors.",
    ),
    Rule(
        "RN-11",
        N_("Requesting country with a high non-compliance rate"),
        "PACE Resolution 2161 (2017)",
        Severity.REVIEW,
        country_record,
        "Above the threshold, every request from the country is reviewed.",
        needs_context=True,
    ),
    Rule(
        "RN-12",
        N_("Another country refused extradition or objected"),
        "RPD Art. 34(3); practice on addenda",
        Severity.BLOCK,
        objections,
        "Add an addendum and review; block when the grounds are also grounds for deletion.",
        needs_context=True,
    ),
    Rule(
        "RN-13",
        N_("Refugee or asylum seeker, requested by the country of feared persecution"),
        "INTERPOL refugee policy (2015); GA-2017-86-RES-09",
        Severity.BLOCK,
        refugee,
        "Confirmed status and requester = country of feared persecution blocks; a declared but unconfirmed "
        "status needs review. The granting country is never disclosed.",
        needs_context=True,
    ),
    Rule(
        "RN-15",
        N_("Request close to a political event"),
        "Repository of Practice (general context); NGO warning signs",
        Severity.WARN,
        political_timing,
        "Within the window of an election, protest, coup attempt or a publication by the subject.",
        needs_context=True,
    ),
    Rule(
        "RN-16",
        N_("Refused or deleted facts re-submitted"),
        "RPD Art. 83; CCF decisions binding (Statute)",
        Severity.BLOCK,
        resubmission,
        "The same subject (normalised names and birth date) and facts after a refusal, deletion or CCF "
        "decision, as a diffusion or any notice type, blocks unless the facts are new (then review).",
        needs_context=True,
    ),
    Rule(
        "RN-18",
        N_("Relatives or associates targeted"),
        "Constitution Art. 2 (UDHR); HRW 2018",
        Severity.BLOCK,
        relatives,
        "Linked to another wanted person with no charge of their own blocks; only derivative charges "
        "(harbouring, assisting a fugitive) or repeated requests about the same circle need review.",
    ),
    Rule(
        "RN-19",
        N_("Economic charges against sensitive profiles, or debts"),
        "RPD Art. 34(3); CCF 2/2018",
        Severity.REVIEW,
        economic_charges,
        "Fraud, embezzlement, corruption or tax charges against businesspeople, opponents or ex-officials; "
        "criminalised debts and bounced cheques.",
    ),
    Rule(
        "RN-20",
        N_("Vague charge, or terrorism with no violent act"),
        "Repository of Practice; PACE Res. 2161",
        Severity.REVIEW,
        vague_charges,
        "Extremism, undermining the state, false information, insult, hooliganism; terrorism with no violent "
        "act described in the facts.",
    ),
    Rule(
        "RN-21",
        N_("Validity: five years, renewal with reasons"),
        "RPD Art. 13(2)(f), 50",
        Severity.BLOCK,
        validity,
        "Expired notices block; from six months before expiry a reasoned retention request is needed.",
    ),
    Rule(
        "RN-22",
        N_("Purpose of the notice gone"),
        "RPD Art. 51, 81",
        Severity.BLOCK,
        purpose,
        "Acquitted, pardoned, warrant withdrawn or time-barred, or person extradited: the source must "
        "cancel.",
    ),
    Rule(
        "RN-32",
        N_("Values in INTERPOL's formats"),
        "INTERPOL public API (ws-public.interpol.int)",
        Severity.BLOCK,
        interpol_values,
        "Notice ids YYYY/N, dates YYYY[/MM[/DD]], sex M/F/U, ISO-2 countries (914/922 map to null), at most "
        "160 results per page.",
    ),
    Rule(
        "RN-33",
        N_("Offence not recognised, or no act of the subject described"),
        "RPD Art. 83(1)(a), 83(2)(b)(i); Constitution Art. 2(2) (ordinary-law crimes)",
        Severity.REVIEW,
        recognised,
        "Nothing passes by silence: a charge the engine cannot place as an ordinary-law offence, or facts "
        "that attribute no readable act to the subject, need a reviewer.",
    ),
)
_RULES.update({r.code: r for r in CATALOGUE})


def rule(code: str) -> Rule:
    """The rule with this code (KeyError if there is none)."""
    return _RULES[code]
