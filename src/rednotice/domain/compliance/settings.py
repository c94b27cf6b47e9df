"""Tunables of the compliance engine: thresholds and word lists as typed, documented data.

Every field has a default and a ``doc`` (``dataclasses.fields(ComplianceSettings)[i].metadata["doc"]``)
so the rules catalogue (``python -m rednotice.domain.compliance.catalogue_doc``) can print them. Build
a variant with ``dataclasses.replace(DEFAULT, min_max_penalty_months=36)``; settings are frozen and
hashable, and compiled word lists are cached by their contents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rednotice.domain.compliance import lexicon as lx
from rednotice.domain.model import Profile


def _doc(text: str, default: Any) -> Any:
    return field(default=default, metadata={"doc": text})


@dataclass(frozen=True, slots=True)
class Lexicons:
    """Word lists used to understand charges (syntax: :mod:`rednotice.domain.compliance.text`)."""

    political: tuple[str, ...] = _doc(
        "Labels of pure political offences (treason, sedition, subversion, "
        "insulting the head of state, unauthorised protest...). RN-09.",
        lx.POLITICAL,
    )
    military: tuple[str, ...] = _doc(
        "Labels of pure military offences (desertion, draft evasion...). RN-09.", lx.MILITARY
    )
    religious: tuple[str, ...] = _doc(
        "Labels of pure religious offences (blasphemy, apostasy, proselytism, "
        "membership of a religious group...). RN-09.",
        lx.RELIGIOUS,
    )
    racial: tuple[str, ...] = _doc(
        "Labels of offences of a racial character (mixed marriage...). RN-09.", lx.RACIAL
    )
    political_context: tuple[str, ...] = _doc(
        "Offences often political in character though not pure (espionage, state secrets, illegal exit "
        "from the country): RN-09 asks the predominance test (review).",
        lx.POLITICAL_CONTEXT,
    )
    law_political: tuple[str, ...] = _doc(
        "Words in a cited law that point to a political offence "
        "('state security'), used when the offence label says nothing "
        "ordinary. RN-09.",
        lx.LAW_POLITICAL,
    )
    law_military: tuple[str, ...] = _doc(
        "Words in a cited law that point to a military offence ('military service'). RN-09.", lx.LAW_MILITARY
    )
    law_religious: tuple[str, ...] = _doc(
        "Words in a cited law that point to a religious offence "
        "('religious feelings', Pakistan PPC 295-C). RN-09.",
        lx.LAW_RELIGIOUS,
    )
    law_racial: tuple[str, ...] = _doc(
        "Words in a cited law that point to a racial offence. RN-09.", lx.LAW_RACIAL
    )
    vague: tuple[str, ...] = _doc(
        "Vague offence labels ('extremism', 'undermining the state', 'false "
        "information', 'insult', 'hooliganism'). RN-20.",
        lx.VAGUE,
    )
    membership: tuple[str, ...] = _doc(
        "Membership or participation labels ('membership of', 'participation in an organisation'): vague "
        "unless the label names a criminal or organised-crime group or the facts describe violence. RN-20.",
        lx.MEMBERSHIP,
    )
    terrorism: tuple[str, ...] = _doc(
        "Terrorism labels: vague unless the facts describe a violent act. RN-20.", lx.TERRORISM
    )
    violence: tuple[str, ...] = _doc(
        "Violent acts (killing, shooting, bombing, kidnapping...). A violent act "
        "in the facts overrides a vague label's vagueness and the exclusion of "
        "family matters, and makes an Article 3 label a case-by-case matter.",
        lx.VIOLENCE,
    )
    expression: tuple[str, ...] = _doc(
        "Acts of expression or assembly (published, posted, protest...), "
        "quoted in messages and used by RN-15.",
        lx.EXPRESSION,
    )
    behavioural_norms: tuple[str, ...] = _doc(
        "Category (a) of Art. 83(1)(a): behavioural or cultural norms "
        "(adultery, prostitution, surrogacy, defamation...). RN-01.",
        lx.BEHAVIOURAL_NORMS,
    )
    norms_proviso: tuple[str, ...] = _doc(
        "Links that take a category (a) offence back to ordinary crime "
        "(children, rape, sexual assault, organised crime, supply). RN-01.",
        lx.NORMS_PROVISO,
    )
    family: tuple[str, ...] = _doc(
        "Category (b): family or private matters (custody, alimony, divorce...). RN-01.", lx.FAMILY
    )
    law_family: tuple[str, ...] = _doc("Words in a cited law that point to family law. RN-01.", lx.LAW_FAMILY)
    administrative: tuple[str, ...] = _doc(
        "Category (c): breaches of administrative laws or regulations. RN-01.", lx.ADMINISTRATIVE
    )
    law_administrative: tuple[str, ...] = _doc(
        "Words in a cited law that point to administrative law. RN-01.", lx.LAW_ADMINISTRATIVE
    )
    private_dispute: tuple[str, ...] = _doc(
        "Category (c): private disputes (debts, breach of contract...). RN-01 "
        "when the context is commercial or civil, RN-19 otherwise.",
        lx.PRIVATE_DISPUTE,
    )
    commercial_context: tuple[str, ...] = _doc(
        "Words showing a debt arises from a commercial or civil "
        "relationship (loan, supplier, contract). RN-01.",
        lx.COMMERCIAL_CONTEXT,
    )
    law_private: tuple[str, ...] = _doc(
        "Words in a cited law that point to civil or commercial law ('Civil Code'). RN-01.", lx.LAW_PRIVATE
    )
    cheque: tuple[str, ...] = _doc(
        "Bounced or uncovered cheques: criminal in some countries; REVIEW, not an "
        "automatic block (CCF 2/2018). RN-19.",
        lx.CHEQUE,
    )
    serious_link: tuple[str, ...] = _doc(
        "A serious-crime or organised-crime link (fraud, forgery, corruption, "
        "organised group...) that keeps category (c) offences processable.",
        lx.SERIOUS_LINK,
    )
    economic: tuple[str, ...] = _doc(
        "Economic or corruption charges (fraud, embezzlement, bribery, tax evasion...). RN-19.", lx.ECONOMIC
    )
    derivative: tuple[str, ...] = _doc(
        "Charges derived from another person's offence (harbouring, assisting "
        "a fugitive, failure to report). RN-18.",
        lx.DERIVATIVE,
    )
    accessory: tuple[str, ...] = _doc(
        "Accessory charges (accomplice, complicity): derivative unless the facts "
        "describe the subject's own violent or serious acts. RN-18.",
        lx.ACCESSORY,
    )
    relatives: tuple[str, ...] = _doc(
        "Words for relatives (husband, son...) in the facts. RN-18.", lx.RELATIVES
    )
    purpose_gone: tuple[str, ...] = _doc(
        "Signs that the notice's purpose is gone (acquitted, pardoned, "
        "warrant withdrawn, time-barred). RN-22.",
        lx.PURPOSE_GONE,
    )
    families: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = _doc(
        "Offence families as (name, charge words, fact words): a charge of the family needs at least one "
        "fact word in the summary. RN-06.",
        lx.FAMILIES,
    )
    profile_terms: tuple[tuple[Profile, tuple[str, ...]], ...] = _doc(
        "Words in occupations that reveal a profile (journalist, blogger, former minister...). RN-10, RN-19.",
        lx.PROFILE_TERMS,
    )


@dataclass(frozen=True, slots=True)
class ComplianceSettings:
    """Thresholds of the compliance rules. Defaults follow docs/domain.md; (R) items are configurable."""

    min_max_penalty_months: int = _doc(
        "Prosecution: the maximum penalty of at least one charge must reach this (Art. 83(1)(a)(ii): two "
        "years). RN-02.",
        24,
    )
    min_sentence_months: int = _doc(
        "Enforcement: the sentence imposed must reach this (six months). RN-03.", 6
    )
    min_remaining_months: int = _doc(
        "Enforcement: a remaining sentence below this needs review ('and/or' is ambiguous). RN-03.", 6
    )
    min_fact_words: int = _doc(
        "A summary of facts shorter than this many words is not 'concrete and specific'. RN-06.", 6
    )
    country_refusal_rate_threshold: float = _doc(
        "Share of a requesting country's decided requests that were refused or deleted above which all its "
        "requests go to review (global average about 4.5-6%). RN-11.",
        0.10,
    )
    country_min_decisions: int = _doc(
        "Decisions needed before a country's refusal rate is trusted. RN-11.", 20
    )
    election_window_days: int = _doc(
        "A request created this close (before or after) to an election, protest, coup attempt or a "
        "publication by the subject is flagged. RN-15.",
        90,
    )
    same_facts_similarity: float = _doc(
        "Word-overlap (Jaccard) of two facts summaries above which they describe the same facts. RN-16.", 0.4
    )
    repeated_relative_requests: int = _doc(
        "Other requests naming the same wanted person as a relation before this one is 'repeated'. RN-18.", 1
    )
    validity_years: int = _doc(
        "A notice expires this many years after publication (Art. 13(2)(f)). RN-21.", 5
    )
    renewal_notice_months: int = _doc(
        "Months before expiry from which a reasoned retention request is required (Art. 50). RN-21.", 6
    )
    interpol_max_results_per_page: int = _doc(
        "Largest resultPerPage INTERPOL's public API serves. RN-32.", 160
    )
    review_profiles: frozenset[Profile] = _doc(
        "Profiles that need an Article 3 assessment with all seven Art. 34(3) factors. RN-10.",
        frozenset(
            {
                Profile.JOURNALIST,
                Profile.POLITICAL_ACTIVIST,
                Profile.OPPOSITION_POLITICIAN,
                Profile.HUMAN_RIGHTS_DEFENDER,
                Profile.RELIGIOUS_LEADER,
                Profile.ETHNIC_COMMUNITY_LEADER,
                Profile.FORMER_OFFICIAL,
            }
        ),
    )
    economic_review_profiles: frozenset[Profile] = _doc(
        "Profiles for which economic or corruption charges need review (businesspeople, opponents, "
        "ex-officials). RN-19.",
        frozenset({Profile.BUSINESSPERSON, Profile.OPPOSITION_POLITICIAN, Profile.FORMER_OFFICIAL}),
    )
    lexicons: Lexicons = field(default_factory=Lexicons, metadata={"doc": "Word lists (see Lexicons)."})


DEFAULT = ComplianceSettings()
"""The settings used when none are given."""
