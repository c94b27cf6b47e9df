"""The rules catalogue: 'Rules to encode' (docs/domain.md) as data, one function per rule.

Each rule function has the signature ``(request, context, settings) -> list[Finding]`` where
``context`` is the :class:`~rednotice.domain.compliance.engine.CheckContext` of this check (store
port, today's date, charge analysis). Every finding says why in its message and carries the words,
fields and figures it used in ``evidence``. Codes are stable: RN-NN is rule NN of the list.

A message is an ``errors.Text``: a template marked with ``N_`` whose ``%(name)s`` placeholders are filled
from its values (never an f-string: it could not be found in a catalogue), so the pages show it in the
reader's language and the finding keeps its English ``message`` (docs/i18n.md). A value that is one of
the engine's own words (a kind of charge, a profile, a missing field) is a ``Text`` of a word marked
with ``N_`` (``_word``); a country is a ``Term("country", code)``; a share is a ``Share``. What the
request itself says (charge labels, quoted words) stays as written.
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
from rednotice.domain.compliance.findings import Finding, Rule, Severity, Share
from rednotice.domain.compliance.interpol import ENTITY_ID, is_country
from rednotice.domain.compliance.settings import ComplianceSettings
from rednotice.domain.compliance.statutes import Weight
from rednotice.domain.compliance.text import normalise, word_count
from rednotice.domain.errors import N_, NP_, Term, Text
from rednotice.domain.model import NoticeRequest, NoticeType, Profile, Sex

if TYPE_CHECKING:
    from rednotice.domain.compliance.engine import CheckContext

_RULES: dict[str, Rule] = {}


def _q(words: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"'{w}'" for w in words)


def _n(value: float) -> int | float:
    """A count or measure as the English text wrote it (``{value:g}``): 4.0 → 4, 1.5 → 1.5."""
    return int(value) if float(value).is_integer() else float(f"{value:g}")


def _years(months: float) -> Text:
    if months >= 12:
        years = months / 12
        return Text(NP_("%(num)s year", "%(num)s years"), num=_n(years))
    return Text(NP_("%(num)s month", "%(num)s months"), num=_n(months))


_WORDS: dict[str, str] = {
    w: w
    for w in (
        # kinds of charge (classify.ChargeKind, underscores as spaces)
        N_("ordinary"),
        N_("behavioural norms"),
        N_("family matter"),
        N_("administrative"),
        N_("private dispute"),
        N_("political"),
        N_("military"),
        N_("religious"),
        N_("racial"),
        # profiles (model.Profile)
        N_("journalist"),
        N_("political activist"),
        N_("opposition politician"),
        N_("human rights defender"),
        N_("religious leader"),
        N_("ethnic community leader"),
        N_("former official"),
        N_("businessperson"),
        N_("refugee"),
        N_("asylum seeker"),
        # offence families (classify.FAMILY_ACTS)
        N_("homicide"),
        N_("fraud"),
        N_("drugs"),
        N_("theft"),
        N_("sexual"),
        N_("kidnapping"),
        # objections (context.ObjectionKind), events (context.EventKind), prior outcomes
        N_("human rights"),
        N_("other"),
        N_("election"),
        N_("protest"),
        N_("coup attempt"),
        N_("publication"),
        N_("refused"),
        N_("deleted"),
        N_("deleted by source"),
        N_("ccf non compliant"),
        # why a notice's purpose is gone (engine.PurposeEnded)
        N_("located and extradited"),
        N_("warrant withdrawn"),
        N_("time barred"),
        N_("acquitted"),
        N_("pardoned"),
        N_("deceased"),
        # relations (model.RelationKind)
        N_("spouse"),
        N_("child"),
        N_("parent"),
        N_("sibling"),
        N_("other relative"),
        N_("associate"),
    )
}
"""The engine's own words that messages name (stored values with underscores as spaces), each marked
for the catalogues: a page shows "journaliste" where the English says "journalist"."""


def _word(value: object) -> Text | str:
    """A stored word (an enum's value) as a message's value: the English word, translated where shown."""
    word = str(getattr(value, "value", value)).replace("_", " ")
    return Text(_WORDS[word]) if word in _WORDS else word


def _country(code: str | None) -> Term | str:
    """A country code as a message's value: the code in English, its name in the reader's language."""
    return Term("country", code) if code else ""


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
                    Text(
                        N_(
                            "The charge '%(charge)s' falls in %(category)s, which Art. 83(1)(a) excludes: "
                            "%(reason)s."
                        ),
                        charge=a.label,
                        category=Text(EXCLUDED_LABELS[a.kind]),
                        reason=a.reason,
                    ),
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
                Text(
                    N_(
                        "The highest maximum penalty (%(penalty)s, '%(charge)s') is below %(threshold)s, but "
                        "a General Secretariat exception of particular importance is recorded: %(exception)s"
                    ),
                    penalty=_years(months),
                    charge=offence,
                    threshold=_years(settings.min_max_penalty_months),
                    exception=exception,
                ),
                Severity.WARN,
                exception=exception,
                **evidence,
            )
        ]
    return [
        rule.finding(
            Text(
                N_(
                    "The highest maximum penalty among the charges is %(penalty)s ('%(charge)s'); a "
                    "prosecution needs an offence punishable by at least %(threshold)s, and no General "
                    "Secretariat exception of particular importance is recorded."
                ),
                penalty=_years(months),
                charge=offence,
                threshold=_years(settings.min_max_penalty_months),
            ),
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
                Text(
                    N_(
                        "The sentence imposed is %(sentence)s months, below the %(threshold)s months "
                        "required to seek a person to serve a sentence (%(remaining)s months remain)."
                    ),
                    sentence=_n(sentence),
                    threshold=_n(settings.min_sentence_months),
                    remaining=_n(remaining),
                )
                if remaining is not None
                else Text(
                    N_(
                        "The sentence imposed is %(sentence)s months, below the %(threshold)s months "
                        "required to seek a person to serve a sentence."
                    ),
                    sentence=_n(sentence),
                    threshold=_n(settings.min_sentence_months),
                ),
                **evidence,
            )
        ]
    if remaining is not None and remaining < settings.min_remaining_months:
        return [
            rule.finding(
                Text(
                    N_(
                        "Only %(remaining)s months of the sentence remain, below %(threshold)s months; "
                        "whether 'six months and/or six months left to serve' allows this is for a reviewer "
                        "to decide."
                    ),
                    remaining=_n(remaining),
                    threshold=_n(settings.min_remaining_months),
                ),
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
        N_("surname"): bool(s.family_name.strip()),
        N_("forename"): bool(s.given_names.strip()),
        N_("sex"): s.sex is not Sex.UNKNOWN,
        N_("date of birth (at least the year)"): s.date_of_birth is not None,
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
        missing.append(N_("one of: physical description, identity document, fingerprints or DNA"))
    return [
        rule.finding(
            Text(
                N_(
                    "Identifiers required by Art. 83(2)(a) are missing: %(missing)s. A red notice needs "
                    "surname, forename, sex and date of birth plus a physical description, DNA, fingerprints "
                    "or identity-document data, or a good-quality photo plus one more identifier."
                ),
                missing=Text.joined(", ", [Text(m) for m in missing]),
            ),
            missing=missing,
            photo=s.biometrics.photo,
        )
    ]


def judicial_data(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    rule = _RULES["RN-05"]
    j = request.judicial
    missing: list[Text] = []
    if not j.facts.summary.strip():
        missing.append(Text(N_("summary of facts")))
    if j.facts.date is None:
        missing.append(Text(N_("date of the facts")))
    if not j.facts.place.strip():
        missing.append(Text(N_("place of the facts")))
    if not j.charges:
        missing.append(Text(N_("charges")))
    has_sentence = j.conviction is not None and (
        j.conviction.sentence_months is not None or j.conviction.remaining_months is not None
    )
    if j.conviction is not None and not has_sentence:
        missing.append(Text(N_("sentence imposed or remaining")))
    for c in j.charges:
        if not c.law.strip():
            missing.append(Text(N_("law covering '%(charge)s'"), charge=c.offence))
        if c.max_penalty_years is None and not has_sentence:
            missing.append(Text(N_("maximum penalty for '%(charge)s'"), charge=c.offence))
    w = j.warrant
    decision_from_judgment = (
        j.conviction is not None and bool(j.conviction.judgment_reference) and j.conviction.date is not None
    )
    if w is None:
        if not decision_from_judgment:
            missing.append(Text(N_("arrest warrant or judicial decision")))
    else:
        if not w.reference.strip():
            missing.append(Text(N_("warrant reference")))
        if w.issued_on is None:
            missing.append(Text(N_("warrant date")))
        if not w.authority.strip():
            missing.append(Text(N_("issuing authority")))
    if not missing:
        return []
    return [
        rule.finding(
            Text(
                N_("Judicial data required by Art. 83(2)(b) is missing: %(missing)s."),
                missing=Text.joined(", ", missing),
            ),
            missing=[str(m) for m in missing],
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
                Text(
                    NP_(
                        "The summary of facts has %(num)s word; the CCF requires concrete and specific "
                        "facts (the subject's role, acts, time, place and means).",
                        "The summary of facts has %(num)s words; the CCF requires concrete and specific "
                        "facts (the subject's role, acts, time, place and means).",
                    ),
                    num=n_words,
                ),
                words=n_words,
                summary=summary,
            )
        )
    a = ctx.analysis
    for ch in a.charges:
        if ch.economic and a.debt_in_facts and not a.serious_in_facts:
            out.append(
                rule.finding(
                    Text(
                        N_(
                            "The charge '%(charge)s' is economic, but the facts describe only %(words)s with "
                            "no deception, forgery or misappropriation: it may be a civil matter labelled as "
                            "a crime."
                        ),
                        charge=ch.label,
                        words=_q(a.debt_in_facts),
                    ),
                    charge=ch.charge.offence,
                    debt_words=list(a.debt_in_facts),
                )
            )
        elif ch.offence_family and not ch.family_support:
            out.append(
                rule.finding(
                    Text(
                        N_(
                            "The charge '%(charge)s' (%(family)s) does not match the facts: the summary "
                            "describes no act of that kind."
                        ),
                        charge=ch.label,
                        family=_word(ch.offence_family),
                    ),
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
                Text(
                    N_(
                        "The requester does not assure that extradition will be sought if the person is "
                        "found (it answered no). A red notice exists to locate a person with a view to "
                        "extradition (Art. 82, 84)."
                    )
                    if given is False
                    else N_(
                        "The requester does not assure that extradition will be sought if the person is "
                        "found (no answer given). A red notice exists to locate a person with a view to "
                        "extradition (Art. 82, 84)."
                    )
                ),
                extradition_will_be_sought=given,
            )
        )
    w = request.judicial.warrant
    if w is not None:
        if w.judicial is False and w.appealable_to_judge is not True:
            out.append(
                rule.finding(
                    Text(
                        N_(
                            "The warrant was not issued by a judge ('%(authority)s') and the requester does "
                            "not assure that it can be appealed to a judge (Art. 84)."
                        ),
                        authority=w.authority or Text(N_("unknown authority")),
                    ),
                    authority=w.authority,
                    judicial=False,
                    appealable_to_judge=w.appealable_to_judge,
                )
            )
        elif w.judicial is None and w.authority and not lexicon(_JUDICIAL_WORDS).search(w.authority):
            out.append(
                rule.finding(
                    Text(
                        N_(
                            "It is not said whether the issuing authority ('%(authority)s') is judicial; "
                            "confirm it, or that the warrant can be appealed to a judge (Art. 84)."
                        ),
                        authority=w.authority,
                    ),
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
                Text(
                    N_(
                        "The only acts the facts attribute to the subject are protected activities — "
                        "%(acts)s — yet the charges (%(charges)s) name a crime against others that no act of "
                        "the subject in the facts explains: weigh whether they describe an ordinary crime or "
                        "a label on political activity (AGN/20/RES/11; RPD Art. 34)."
                    ),
                    acts=reading.summary(),
                    charges=labels,
                ),
                Severity.REVIEW,
                charges=[a.charge.offence for a in unclear],
                acts=[act.to_dict() for act in reading.subject_acts],
            )
        )
    if on_acts:
        labels = ", ".join(f"'{a.label}'" for a in on_acts)
        out.append(
            rule.finding(
                Text(
                    N_(
                        "Every act the facts attribute to the subject is a protected activity — %(acts)s — "
                        "and none is violent or harms anyone: whatever the label (%(charges)s), the request "
                        "is predominantly political. INTERPOL is not bound by the label the requesting "
                        "country uses (AGN/20/RES/11)."
                    ),
                    acts=reading.summary(),
                    charges=labels,
                ),
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
                Text(
                    N_(
                        "The facts describe harm the subject is said to have caused (%(harm)s) and also "
                        "political activity of the subject's own (%(political)s): weigh whether the "
                        "political element predominates (AGN/20/RES/11; RPD Art. 34)."
                    ),
                    harm=reading.summary_of(reading.subject_harm),
                    political=reading.summary_of(political_acts),
                ),
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
                    Text(
                        N_(
                            "The charge '%(charge)s' cites a provision documented as used against protected "
                            "activity: %(statutes)s. Whatever the offence's wording, weigh whether the "
                            "political element predominates (AGN/20/RES/11; RPD Art. 34)."
                        ),
                        charge=a.label,
                        statutes=Text.joined("; ", [m.how for m in concern]),
                    ),
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
                        Text(
                            N_(
                                "The charge '%(charge)s' is not itself an Article 3 offence, but "
                                "%(context)s: weigh whether that element predominates (RPD Art. 34; ordinary "
                                "crimes in such a context are assessed case by case)."
                            ),
                            charge=a.label,
                            context=a.article3_context,
                        ),
                        Severity.REVIEW,
                        context=a.article3_context,
                        **a.evidence,
                    )
                )
            continue
        if a.pure:
            out.append(
                rule.finding(
                    Text(
                        N_(
                            "The charge '%(charge)s' is a pure %(kind)s offence: %(reason)s. Article 3 "
                            "forbids any intervention of a political, military, religious or racial "
                            "character."
                        ),
                        charge=a.label,
                        kind=_word(a.kind),
                        reason=a.reason,
                    ),
                    kind=a.kind.value,
                    **a.evidence,
                )
            )
        else:
            out.append(
                rule.finding(
                    Text(
                        N_(
                            "The charge '%(charge)s' has a %(kind)s character: %(reason)s. Weigh whether the "
                            "%(kind)s element predominates (AGN/20/RES/11; RPD Art. 34)."
                        ),
                        charge=a.label,
                        kind=_word(a.kind),
                        reason=a.reason,
                    ),
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
    who = Text.joined(
        ", ",
        [Text(N_("%(profile)s (%(source)s)"), profile=_word(p), source=where) for p, where in hits.items()],
    )
    charges = (
        Text.joined(
            ", ",
            [
                Text(N_("'%(charge)s' (%(kind)s)"), charge=c.label, kind=_word(c.kind))
                for c in ctx.analysis.charges
            ],
        )
        if ctx.analysis.charges
        else Text(N_("none"))
    )
    return [
        rule.finding(
            Text(
                N_(
                    "The subject is a %(profiles)s: the charges (%(charges)s) need an Article 3 assessment "
                    "recording all seven Art. 34(3) factors, even where they are ordinary crimes."
                ),
                profiles=who,
                charges=charges,
            ),
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
            Text(
                NP_(
                    "%(refused)s of %(num)s decided request from %(country)s was refused or deleted "
                    "(%(rate)s), above the %(threshold)s threshold: every request from this country is "
                    "reviewed.",
                    "%(refused)s of %(num)s decided requests from %(country)s were refused or deleted "
                    "(%(rate)s), above the %(threshold)s threshold: every request from this country is "
                    "reviewed.",
                ),
                refused=refused,
                num=decided,
                country=_country(request.requesting_country),
                rate=Share(rate, 1),
                threshold=Share(settings.country_refusal_rate_threshold, 0),
            ),
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
            Text(N_("refused extradition"))
            if o.kind is ObjectionKind.EXTRADITION_REFUSED
            else Text(N_("objected on %(kind)s grounds"), kind=_word(o.kind))
            if o.country
            else Text(N_("objected"))
        )
        evidence = {
            "notice_id": o.notice_id,
            "country": o.country,
            "kind": o.kind.value,
            "grounds": o.grounds,
            "deletion_grounds": o.deletion_grounds,
        }
        who = _country(o.country) or Text(N_("Another member country (not named: it did not consent)"))
        if o.deletion_grounds:
            out.append(
                rule.finding(
                    Text(
                        N_(
                            "%(who)s %(what)s about notice %(notice)s on the same person, and the grounds "
                            "(%(grounds)s) are grounds for deletion."
                        ),
                        who=who,
                        what=what,
                        notice=o.notice_id,
                        grounds=o.grounds or Text(N_("recorded")),
                    ),
                    **evidence,
                )
            )
        else:
            out.append(
                rule.finding(
                    Text(
                        N_(
                            "%(who)s %(what)s about notice %(notice)s on the same person (%(grounds)s): add "
                            "an addendum and review."
                        ),
                        who=who,
                        what=what,
                        notice=o.notice_id,
                        grounds=o.grounds,
                    )
                    if o.grounds
                    else Text(
                        N_(
                            "%(who)s %(what)s about notice %(notice)s on the same person: add an addendum "
                            "and review."
                        ),
                        who=who,
                        what=what,
                        notice=o.notice_id,
                    ),
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
                    Text(
                        N_(
                            "The subject's %(status)s status was denied or revoked: the data may be kept or "
                            "restored if otherwise compliant (GA-2017-86-RES-09)."
                        ),
                        status=_word(status.status),
                    ),
                    Severity.WARN,
                    revoked_or_denied=True,
                    **evidence,
                )
            ]
        if status.confirmed and status.feared_persecution_by_requester:
            return [
                rule.finding(
                    Text(
                        N_(
                            "A member country confirmed the subject's %(status)s status, and the requester "
                            "(%(country)s) is the country of feared persecution. The granting country is not "
                            "disclosed."
                        ),
                        status=_word(status.status),
                        country=_country(request.requesting_country),
                    ),
                    **evidence,
                )
            ]
        if status.confirmed:
            return [
                rule.finding(
                    Text(
                        N_(
                            "The subject has confirmed %(status)s status, though not against %(country)s; "
                            "weigh it in the review."
                        ),
                        status=_word(status.status),
                        country=_country(request.requesting_country),
                    ),
                    Severity.WARN,
                    **evidence,
                )
            ]
    if declared:
        home = (
            request.requesting_country in s.nationalities or request.requesting_country == s.country_of_birth
        )
        status_words = (
            Text(N_("%(first)s and %(second)s"), first=_word(declared[0]), second=_word(declared[1]))
            if len(declared) == 2
            else Text("%(word)s", word=_word(declared[0]))
        )
        declared_evidence: dict[str, Any] = {
            "declared": [p.value for p in declared],
            "requester_is_home_country": home,
        }
        if home:
            # Until a registry of confirmed statuses exists, the record's own word stands: a refugee
            # sought by their own country is the case the 2015 policy protects.
            return [
                rule.finding(
                    Text(
                        N_(
                            "The record says the subject is a %(status)s, and the requester (%(country)s) is "
                            "the subject's own country, the presumed country of feared persecution. Not "
                            "processed unless the status is shown to be denied or revoked (February 2015 "
                            "policy; GA-2017-86-RES-09)."
                        ),
                        status=status_words,
                        country=_country(request.requesting_country),
                    ),
                    **declared_evidence,
                )
            ]
        return [
            rule.finding(
                Text(
                    N_(
                        "The record says the subject is a %(status)s; confirm with member countries whether "
                        "%(country)s is the country of feared persecution before processing "
                        "(GA-2017-86-RES-09)."
                    ),
                    status=status_words,
                    country=_country(request.requesting_country),
                ),
                Severity.REVIEW,
                **declared_evidence,
            )
        ]
    return []


# --- RN-15 / RN-16: timing and re-filing ------------------------------------------------------------


def _event_text(after: bool, described: bool, **values: object) -> Text:
    """RN-15's sentence about an event: after or before it, with or without its description."""
    if after and described:
        return Text(
            NP_(
                "The request comes %(num)s day after a %(event)s in %(country)s (%(on)s: %(description)s).",
                "The request comes %(num)s days after a %(event)s in %(country)s (%(on)s: %(description)s).",
            ),
            **values,
        )
    if after:
        return Text(
            NP_(
                "The request comes %(num)s day after a %(event)s in %(country)s (%(on)s).",
                "The request comes %(num)s days after a %(event)s in %(country)s (%(on)s).",
            ),
            **values,
        )
    if described:
        return Text(
            NP_(
                "The request comes %(num)s day before a %(event)s in %(country)s (%(on)s: %(description)s).",
                "The request comes %(num)s days before a %(event)s in %(country)s (%(on)s: %(description)s).",
            ),
            **values,
        )
    return Text(
        NP_(
            "The request comes %(num)s day before a %(event)s in %(country)s (%(on)s).",
            "The request comes %(num)s days before a %(event)s in %(country)s (%(on)s).",
        ),
        **values,
    )


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
                    _event_text(
                        e.on <= ctx.today,
                        bool(e.description),
                        num=abs((ctx.today - e.on).days),
                        event=_word(e.kind),
                        country=_country(request.requesting_country),
                        on=e.on,
                        description=e.description,
                    ),
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
                    Text(
                        NP_(
                            "The facts are an act of expression or assembly (%(words)s) dated %(date)s, "
                            "within %(num)s day of this request.",
                            "The facts are an act of expression or assembly (%(words)s) dated %(date)s, "
                            "within %(num)s days of this request.",
                        ),
                        words=_q(ctx.analysis.expression),
                        date=facts.date.iso(),
                        num=settings.election_window_days,
                    ),
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
            Text(N_("as a diffusion"))
            if request.type is NoticeType.WANTED_PERSON_DIFFUSION
            and old.type is not NoticeType.WANTED_PERSON_DIFFUSION
            else Text(N_("as another notice type"))
            if request.type is not old.type
            else Text(N_("again"))
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
                    Text(
                        N_(
                            "Notice %(notice)s on the same person (%(identity)s) ended '%(outcome)s'; this "
                            "request re-submits the same facts %(as_type)s (%(overlap)s) with no new facts "
                            "shown."
                        ),
                        notice=decision.notice_id,
                        identity=why_same,
                        outcome=_word(decision.outcome),
                        as_type=as_type,
                        overlap=Text.joined(
                            ", ",
                            [Text(N_("facts overlap %(share)s"), share=Share(similarity, 0))]
                            + (
                                [Text(N_("same charges %(charges)s"), charges=_q(same_charges))]
                                if same_charges
                                else []
                            )
                            + ([Text(N_("same warrant"))] if same_warrant else []),
                        ),
                    ),
                    **evidence,
                )
            )
        else:
            out.append(
                rule.finding(
                    Text(
                        N_(
                            "Notice %(notice)s on the same person (%(identity)s) ended '%(outcome)s'; the "
                            "facts now differ (overlap %(share)s): confirm that they are genuinely new."
                        ),
                        notice=decision.notice_id,
                        identity=why_same,
                        outcome=_word(decision.outcome),
                        share=Share(similarity, 0),
                    ),
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
    linked = Text.joined(
        ", ",
        [
            Text(N_("%(relation)s of %(notice)s"), relation=_word(r.relation), notice=r.notice_id)
            for r in rels
        ],
    )
    relations = [{"notice_id": r.notice_id, "relation": r.relation.value} for r in rels]
    out = []
    if rels and not a.charges:
        out.append(
            rule.finding(
                Text(
                    N_(
                        "The subject is linked to other notices (%(linked)s) and faces no charge of their "
                        "own."
                    ),
                    linked=linked,
                ),
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
        Text(N_("linked as %(linked)s"), linked=linked)
        if rels
        else Text(
            N_("a relative of a person the facts describe (%(relatives)s)"),
            relatives=_q(reading.relatives_named),
        )
    )
    if (rels or relative_acts) and a.charges and not harm and not aiding and lawful_only:
        theirs = reading.summary(Actor.RELATIVE) or Text(N_("nothing the subject did"))
        mine = reading.summary(Actor.SUBJECT) or Text(N_("no act of their own"))
        out.append(
            rule.finding(
                Text(
                    N_(
                        "The subject is %(link)s; the facts are about the relative (%(theirs)s) and give the "
                        "subject %(mine)s: charging a relative to reach the person sought is collective "
                        "punishment."
                    ),
                    link=link,
                    theirs=theirs,
                    mine=mine,
                ),
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
            Text(
                N_("acts of their own about the relative's money or flight (%(acts)s)"),
                acts=reading.summary(Actor.SUBJECT),
            )
            if aiding
            else Text(N_("only offences derived from another person's offence (%(words)s)"), words=_q(terms))
        )
        out.append(
            rule.finding(
                Text(
                    N_(
                        "The subject is %(link)s and is charged for %(why)s, with no harm to anyone of their "
                        "own: weigh whether the request targets the relative to reach the person sought."
                    ),
                    link=link,
                    why=why,
                ),
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
                    Text(
                        NP_(
                            "%(num)s other request or search already names notice %(notice)s as a "
                            "relation: repeated targeting of the wanted person's circle.",
                            "%(num)s other requests or searches already name notice %(notice)s as a "
                            "relation: repeated targeting of the wanted person's circle.",
                        ),
                        num=count,
                        notice=r.notice_id,
                    ),
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
        who = Text.joined(
            ", ",
            [Text(N_("%(profile)s (%(source)s)"), profile=_word(p), source=w) for p, w in sensitive.items()],
        )
        labels = ", ".join(f"'{c.label}' ({_q(c.economic)})" for c in economic)
        out.append(
            rule.finding(
                Text(
                    N_(
                        "Economic or corruption charges (%(charges)s) against a %(profiles)s: the most "
                        "common vehicle of abuse against businesspeople, opponents and ex-officials; review "
                        "the facts and the context."
                    ),
                    charges=labels,
                    profiles=who,
                ),
                profiles=[p.value for p in sensitive],
                charges=[c.charge.offence for c in economic],
            )
        )
    for c in ctx.analysis.charges:
        if c.debt_review:
            out.append(
                rule.finding(
                    Text(
                        N_(
                            "The charge '%(charge)s' concerns a debt or a cheque (%(why)s); review, not an "
                            "automatic block (CCF 2/2018 found such a notice compliant)."
                        ),
                        charge=c.label,
                        why=c.debt_review,
                    ),
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
        why = [
            Text(N_("a terrorism charge, yet the facts describe no violent act"))
            if c.terrorism_without_violence
            else Text(
                N_("vague (%(words)s), and the facts describe no violent act that would make it concrete"),
                words=_q(c.vague),
            )
        ]
        if ctx.analysis.expression:
            why.append(
                Text(
                    N_("the facts describe expression or association (%(words)s)"),
                    words=_q(ctx.analysis.expression),
                )
            )
        if c.statutes:
            why.append(
                Text(
                    N_("the law cited is documented as used against protected activity: %(statutes)s"),
                    statutes=Text.joined("; ", [m.how for m in c.statutes]),
                )
            )
        out.append(
            rule.finding(
                Text(N_("The charge '%(charge)s' is %(why)s."), charge=c.label, why=Text.joined("; ", why)),
                vague_terms=list(c.vague),
                **c.evidence,
            )
        )
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
                Text(
                    N_(
                        "The offence '%(charge)s' (law: '%(law)s') is not one the engine recognises as an "
                        "ordinary-law crime: a reviewer must say what it is before anything is published."
                    ),
                    charge=c.label,
                    law=c.charge.law or Text(N_("none cited")),
                ),
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
                Text(
                    N_(
                        "The facts attribute no act the engine can read to the subject (what they did, to "
                        "whom, how): a reviewer must confirm that the facts describe the offence charged."
                    )
                ),
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
                Text(
                    N_(
                        "Published on %(published)s, the notice expired on %(expired)s: it must not stay in "
                        "force without a renewal decided before expiry."
                    ),
                    published=p,
                    expired=expires,
                ),
                **evidence,
            )
        ]
    if ctx.today >= notice_from and not meta.retention_reasons.strip():
        return [
            rule.finding(
                Text(
                    N_(
                        "The notice expires on %(expires)s; the source must give reasons to keep it (Art. "
                        "50), or it will expire automatically."
                    ),
                    expires=expires,
                ),
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
                Text(
                    N_("The notice's purpose is gone (%(why)s: %(details)s); the source must cancel it."),
                    why=_word(meta.purpose_ended),
                    details=meta.purpose_details,
                )
                if meta.purpose_details
                else Text(
                    N_("The notice's purpose is gone (%(why)s); the source must cancel it."),
                    why=_word(meta.purpose_ended),
                ),
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
                    Text(
                        N_(
                            "The facts say(s) %(words)s: a notice whose purpose is gone (acquittal, pardon, "
                            "withdrawn or time-barred warrant) must not be issued or kept."
                        )
                        if where == "facts"
                        else N_(
                            "The warrant say(s) %(words)s: a notice whose purpose is gone (acquittal, "
                            "pardon, withdrawn or time-barred warrant) must not be issued or kept."
                        ),
                        words=_q(words),
                    ),
                    words=words,
                    source=where,
                )
            ]
    return []


# --- RN-32: INTERPOL value formats ------------------------------------------------------------------


def interpol_values(request: NoticeRequest, ctx: CheckContext, settings: ComplianceSettings) -> list[Finding]:
    rule = _RULES["RN-32"]
    s = request.subject
    bad: list[Text] = []
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
            bad.append(
                Text(
                    N_("%(field)s=%(value)s is not an ISO 3166-1 alpha-2 country"),
                    field=where,
                    value=repr(code),
                )
            )
    for i, r in enumerate(s.relations):
        if not ENTITY_ID.match(r.notice_id):
            bad.append(
                Text(
                    N_("%(field)s=%(value)s is not a notice id (YYYY/NNNN)"),
                    field=f"relations[{i}].notice_id",
                    value=repr(r.notice_id),
                )
            )
    if s.sex not in (Sex.MALE, Sex.FEMALE, Sex.UNKNOWN):
        bad.append(Text(N_("%(field)s=%(value)s is not M, F or U"), field="sex", value=repr(s.sex)))
    if not bad:
        return []
    return [
        rule.finding(
            Text(N_("Values do not fit INTERPOL's formats: %(problems)s."), problems=Text.joined("; ", bad)),
            problems=[str(b) for b in bad],
        )
    ]


# --- The catalogue ----------------------------------------------------------------------------------

CATALOGUE: tuple[Rule, ...] = (
    Rule(
        "RN-01",
        N_("Offence in an excluded category"),
        N_("RPD Art. 83(1)(a)"),
        Severity.BLOCK,
        excluded_category,
        "Behavioural/cultural norms, family or private matters, administrative breaches or private disputes "
        "(the last two only without a serious-crime or organised-crime link).",
    ),
    Rule(
        "RN-02",
        N_("Maximum penalty below the threshold"),
        N_("RPD Art. 83(1)(a)(ii), 83(1)(b)"),
        Severity.BLOCK,
        penalty_threshold,
        "A prosecution needs an offence punishable by at least two years, unless a General Secretariat "
        "exception of particular importance is recorded with reasons (then WARN).",
    ),
    Rule(
        "RN-03",
        N_("Sentence below the threshold"),
        N_("RPD Art. 83(1)(a)(ii)"),
        Severity.BLOCK,
        sentence_threshold,
        "Sentence imposed under six months blocks; under six months left to serve needs review.",
    ),
    Rule(
        "RN-04",
        N_("Required identifier missing"),
        N_("RPD Art. 83(2)(a)"),
        Severity.BLOCK,
        identifiers,
        "Surname, forename, sex, date of birth plus a description, DNA, fingerprints or document; or a photo "
        "plus one more identifier.",
    ),
    Rule(
        "RN-05",
        N_("Required judicial data missing"),
        N_("RPD Art. 83(2)(b)"),
        Severity.BLOCK,
        judicial_data,
        "Facts with time and place, charges, laws, maximum penalty or sentence, warrant or decision with "
        "reference, date and issuing authority.",
    ),
    Rule(
        "RN-06",
        N_("Facts not concrete, or not matching the charges"),
        N_("RPD Art. 83(2)(b)(i); CCF practice; Repository of Practice (coherence)"),
        Severity.REVIEW,
        facts_coherence,
        "Too short a summary, a charge with no matching act in the facts, or an economic charge over a debt.",
    ),
    Rule(
        "RN-07",
        N_("No extradition assurance, or non-judicial warrant without appeal"),
        N_("RPD Art. 82, 84"),
        Severity.BLOCK,
        assurances,
        "The requester must commit to seek extradition; a warrant not issued by a judge must be appealable "
        "to one (review when the authority's nature is not stated).",
    ),
    Rule(
        "RN-09",
        N_("Article 3: offence of a predominantly political, military, religious or racial character"),
        N_("Constitution Art. 3; RPD Art. 34; AGN/20/RES/11"),
        Severity.BLOCK,
        article3_offence,
        "Pure offences block; an Article 3 label mixed with ordinary crime or violence needs the "
        "predominance "
        "test (review).",
    ),
    Rule(
        "RN-10",
        N_("Subject with a sensitive profile: Article 3 assessment"),
        N_("Constitution Art. 3; RPD Art. 34(3)"),
        Severity.REVIEW,
        sensitive_profile,
        "Journalists, activists, opposition politicians, human-rights defenders, religious or community "
        "leaders and ex-officials: record all seven Art. 34(3) factors.",
    ),
    Rule(
        "RN-11",
        N_("Requesting country with a high non-compliance rate"),
        N_("PACE Resolution 2161 (2017)"),
        Severity.REVIEW,
        country_record,
        "Above the threshold, every request from the country is reviewed.",
        needs_context=True,
    ),
    Rule(
        "RN-12",
        N_("Another country refused extradition or objected"),
        N_("RPD Art. 34(3); practice on addenda"),
        Severity.BLOCK,
        objections,
        "Add an addendum and review; block when the grounds are also grounds for deletion.",
        needs_context=True,
    ),
    Rule(
        "RN-13",
        N_("Refugee or asylum seeker, requested by the country of feared persecution"),
        N_("INTERPOL refugee policy (2015); GA-2017-86-RES-09"),
        Severity.BLOCK,
        refugee,
        "Confirmed status and requester = country of feared persecution blocks; a declared but unconfirmed "
        "status needs review. The granting country is never disclosed.",
        needs_context=True,
    ),
    Rule(
        "RN-15",
        N_("Request close to a political event"),
        N_("Repository of Practice (general context); NGO warning signs"),
        Severity.WARN,
        political_timing,
        "Within the window of an election, protest, coup attempt or a publication by the subject.",
        needs_context=True,
    ),
    Rule(
        "RN-16",
        N_("Refused or deleted facts re-submitted"),
        N_("RPD Art. 83; CCF decisions binding (Statute)"),
        Severity.BLOCK,
        resubmission,
        "The same subject (normalised names and birth date) and facts after a refusal, deletion or CCF "
        "decision, as a diffusion or any notice type, blocks unless the facts are new (then review).",
        needs_context=True,
    ),
    Rule(
        "RN-18",
        N_("Relatives or associates targeted"),
        N_("Constitution Art. 2 (UDHR); HRW 2018"),
        Severity.BLOCK,
        relatives,
        "Linked to another wanted person with no charge of their own blocks; only derivative charges "
        "(harbouring, assisting a fugitive) or repeated requests about the same circle need review.",
    ),
    Rule(
        "RN-19",
        N_("Economic charges against sensitive profiles, or debts"),
        N_("RPD Art. 34(3); CCF 2/2018"),
        Severity.REVIEW,
        economic_charges,
        "Fraud, embezzlement, corruption or tax charges against businesspeople, opponents or ex-officials; "
        "criminalised debts and bounced cheques.",
    ),
    Rule(
        "RN-20",
        N_("Vague charge, or terrorism with no violent act"),
        N_("Repository of Practice; PACE Res. 2161"),
        Severity.REVIEW,
        vague_charges,
        "Extremism, undermining the state, false information, insult, hooliganism; terrorism with no violent "
        "act described in the facts.",
    ),
    Rule(
        "RN-21",
        N_("Validity: five years, renewal with reasons"),
        N_("RPD Art. 13(2)(f), 50"),
        Severity.BLOCK,
        validity,
        "Expired notices block; from six months before expiry a reasoned retention request is needed.",
    ),
    Rule(
        "RN-22",
        N_("Purpose of the notice gone"),
        N_("RPD Art. 51, 81"),
        Severity.BLOCK,
        purpose,
        "Acquitted, pardoned, warrant withdrawn or time-barred, or person extradited: the source must "
        "cancel.",
    ),
    Rule(
        "RN-32",
        N_("Values in INTERPOL's formats"),
        N_("INTERPOL public API (ws-public.interpol.int)"),
        Severity.BLOCK,
        interpol_values,
        "Notice ids YYYY/N, dates YYYY[/MM[/DD]], sex M/F/U, ISO-2 countries (914/922 map to null), at most "
        "160 results per page.",
    ),
    Rule(
        "RN-33",
        N_("Offence not recognised, or no act of the subject described"),
        N_("RPD Art. 83(1)(a), 83(2)(b)(i); Constitution Art. 2(2) (ordinary-law crimes)"),
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
