"""Each rule fires where it should and stays silent where it should not, with a reason in words.

Requests are small variations of one complete, compliant request (tests.factories). Tables list the
overrides, the code expected (or forbidden), and why.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any, overload

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rednotice.domain.compliance import (
    CATALOGUE,
    DEFAULT,
    ChargeKind,
    CheckResult,
    CountryRecord,
    EmptyContext,
    EventKind,
    Finding,
    MemoryContext,
    NoticeMeta,
    Objection,
    ObjectionKind,
    PoliticalEvent,
    PriorDecision,
    PriorOutcome,
    ProtectionStatus,
    PurposeEnded,
    RefugeeRecord,
    Severity,
    Verdict,
    check,
    classify_charge,
    rule,
    validate_interpol_query,
    validate_interpol_record,
    verdict_for,
)
from rednotice.domain.compliance.identity import same_person
from rednotice.domain.compliance.text import lexicon, normalise
from rednotice.domain.model import Charge, NoticeRequest
from tests.factories import make_request

TODAY = date(2026, 1, 15)


def run(request: NoticeRequest, context: Any = None, **kw: Any) -> CheckResult:
    return check(request, context or EmptyContext(), today=kw.pop("today", TODAY), **kw)


def charge(
    offence: str, law: str = "Penal Code art. 1", years: float = 10, original: str = ""
) -> dict[str, Any]:
    return {"offence": offence, "law": law, "max_penalty_years": years, "offence_original": original}


@overload
def req(
    offence: str | None = None,
    facts: str | None = None,
    /,
    law: str = "Penal Code art. 1",
    years: float = 10,
    original: str = "",
    **overrides: Any,
) -> NoticeRequest: ...
@overload
def req(offence: str | None = None, facts: str | None = None, /, **overrides: Any) -> NoticeRequest: ...
def req(
    offence: str | None = None,
    facts: str | None = None,
    /,
    law: str = "Penal Code art. 1",
    years: float = 10,
    original: str = "",
    **overrides: Any,
) -> NoticeRequest:
    """A request charging ``offence`` with ``facts``; ``overrides`` as ``make_request`` takes them (the
    second overload lets ``**{"subject.x": ...}`` through without reading it as ``law`` or ``years``)."""
    if offence is not None:
        overrides["judicial.charges"] = [charge(offence, law, years, original)]
    if facts is not None:
        overrides["judicial.facts.summary"] = facts
    return make_request(**overrides)


def found(result: CheckResult, code: str) -> list[Finding]:
    return [f for f in result.findings if f.code == code]


def test_base_request_is_compliant_with_no_findings() -> None:
    result = run(req())
    assert result.verdict is Verdict.COMPLIANT and result.findings == ()


# --- The catalogue as data -------------------------------------------------------------------------


def test_catalogue_is_ordered_unique_and_complete() -> None:
    codes = [r.code for r in CATALOGUE]
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    required = {1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 15, 16, 18, 19, 20, 21, 22, 32}
    assert {f"RN-{n:02d}" for n in required} <= set(codes)
    for r in CATALOGUE:
        assert r.title and r.basis and r.summary and isinstance(r.severity, Severity)
        assert rule(r.code) is r


def test_verdict_follows_the_worst_severity() -> None:
    r = rule("RN-10")
    assert verdict_for([]) is Verdict.COMPLIANT
    assert verdict_for([r.finding("x", Severity.WARN)]) is Verdict.COMPLIANT
    assert verdict_for([r.finding("x", Severity.WARN), r.finding("y")]) is Verdict.NEEDS_REVIEW
    assert verdict_for([r.finding("y"), r.finding("z", Severity.BLOCK)]) is Verdict.NON_COMPLIANT


def test_settings_are_documented_and_replaceable() -> None:
    for f in dataclasses.fields(DEFAULT):
        assert f.metadata.get("doc"), f.name
    for f in dataclasses.fields(DEFAULT.lexicons):
        assert f.metadata.get("doc"), f.name
    strict = dataclasses.replace(DEFAULT, min_max_penalty_months=12 * 40)
    assert "RN-02" not in run(req()).codes
    assert "RN-02" in check(req(), settings=strict, today=TODAY).codes


def test_catalogue_doc_lists_every_rule() -> None:
    from rednotice.domain.compliance.catalogue_doc import render

    text = render()
    for r in CATALOGUE:
        assert f"| {r.code} | {r.title.replace('|', '/')}" in text.replace("\\|", "/")


# --- Text matching ---------------------------------------------------------------------------------


def test_normalisation_folds_case_accents_and_punctuation() -> None:
    assert normalise("  Désertion—from   MILITARY service! ") == "desertion from military service"
    assert normalise("Terör örgütü") == "teror orgutu"
    assert normalise("ЭКСТРЕМИЗМ") == normalise("экстремизм")


@pytest.mark.parametrize(
    ("terms", "text", "hit"),
    [
        (("treason",), "High Treason", True),
        (("treason",), "for a good reason", False),
        (("treason",), "treasonous", False),
        (("extremis*",), "extremist organisation", True),
        (("insult* .. president",), "insulting the president of the republic", True),
        (("insult* .. president",), "insult; later the president spoke", False),
        (("颠覆国家政权",), "煽动颠覆国家政权罪", True),
        (("*ارهاب",), "تمويل الإرهاب", True),
        (("vol",), "volunteer", False),
    ],
)
def test_word_boundaries_stems_and_scripts(terms: tuple[str, ...], text: str, hit: bool) -> None:
    assert bool(lexicon(terms).search(text)) is hit


def test_negated_acts_are_not_acts() -> None:
    lex = lexicon(("violence", "kill*"))
    assert lex.search("there was no violence", skip_negated=True) == []
    assert lex.search("he did not kill anyone", skip_negated=True) == []
    assert lex.search("he killed two people", skip_negated=True)


# --- RN-01: excluded categories --------------------------------------------------------------------

EXCLUDED_FIRES = [
    (
        "adultery",
        "Adultery",
        "The subject had a relationship outside marriage in 2018 in Tehran.",
        "behavioural_norms",
    ),
    ("zina in Arabic", "Offence", "The subject lived with a man in 2019 in Riyadh.", "behavioural_norms"),
    (
        "prostitution",
        "Engaging in prostitution",
        "The subject offered sexual services in 2020 in Dubai.",
        "behavioural_norms",
    ),
    (
        "defamation",
        "Defamation",
        "The subject wrote that the mayor lied, in 2020 in Baku.",
        "behavioural_norms",
    ),
    (
        "homosexuality",
        "Homosexual acts",
        "The subject lived with another man in 2020 in the capital.",
        "behavioural_norms",
    ),
    (
        "drugs for own use",
        "Possession of drugs for personal use",
        "In 2021 in Jakarta 2 grams of cannabis were found in the subject's pocket.",
        "behavioural_norms",
    ),
    (
        "alimony",
        "Non-payment of alimony",
        "Since 2019 the subject has paid no maintenance to his former wife.",
        "family_matter",
    ),
    (
        "custody",
        "Violation of child custody order",
        "In 2020 the subject kept his son beyond the agreed weekend, in Paris.",
        "family_matter",
    ),
    (
        "Russian alimony",
        "Уклонение от уплаты алиментов",
        "The subject has not paid since 2018 in Moscow.",
        "family_matter",
    ),
    (
        "visa overstay",
        "Visa overstay",
        "The subject stayed in the country after his visa expired in 2020.",
        "administrative",
    ),
    (
        "administrative code",
        "Violation of procedure",
        "In 2020 in Almaty the subject opened a shop without registering it.",
        "administrative",
    ),
    (
        "breach of contract",
        "Breach of contract",
        "In 2019 in Istanbul the subject's firm did not deliver the goods a customer had paid for.",
        "private_dispute",
    ),
    (
        "Spanish debt",
        "Impago de deuda",
        "En 2019 la empresa del sujeto no pagó un préstamo a su proveedor.",
        "private_dispute",
    ),
]


@pytest.mark.parametrize(
    ("why", "offence", "facts", "kind"), EXCLUDED_FIRES, ids=[c[0] for c in EXCLUDED_FIRES]
)
def test_rn01_fires_on_excluded_categories(why: str, offence: str, facts: str, kind: str) -> None:
    law = {
        "zina in Arabic": "قانون العقوبات - الزنا",
        "administrative code": "Code of Administrative Offences",
    }
    request = req(
        offence,
        facts,
        law=law.get(why, "Penal Code art. 1"),
        years=5,
        original="الزنا" if why == "zina in Arabic" else "",
    )
    findings = found(run(request), "RN-01")
    assert findings and findings[0].severity is Severity.BLOCK, why
    assert findings[0].evidence["category"] == kind
    assert "because" not in findings[0].message and "'" in findings[0].message  # quotes the words used


EXCLUDED_SILENT = [
    (
        "fraud is not a private dispute",
        "Fraud",
        "In 2019 in Lyon the subject took 40,000 euros from a supplier by "
        "presenting forged delivery notes, and did not repay it.",
        "Civil Code art. 1231",
    ),
    (
        "debt with an organised group",
        "Failure to repay a loan",
        "Between 2018 and 2019 the subject, acting with "
        "an organised group, borrowed from 30 banks with fake documents and disappeared.",
        "Penal Code art. 1",
    ),
    (
        "child pornography",
        "Distribution of pornography",
        "In 2020 in Madrid the subject sold images of sexual abuse of children online.",
        "Penal Code art. 189",
    ),
    (
        "drug trafficking",
        "Drug trafficking",
        "In 2021 the subject shipped 40 kg of cocaine from Rotterdam to Antwerp.",
        "Penal Code art. 1",
    ),
    (
        "domestic violence",
        "Domestic violence against spouse",
        "In 2020 in Lyon the subject beat his wife until she lost consciousness.",
        "Penal Code art. 1",
    ),
    (
        "murder under a military code",
        "Murder",
        "In 2019 in Toulon the subject shot a fellow soldier dead.",
        "Code of Military Justice art. 12",
    ),
]


@pytest.mark.parametrize(
    ("why", "offence", "facts", "law"), EXCLUDED_SILENT, ids=[c[0] for c in EXCLUDED_SILENT]
)
def test_rn01_silent_on_ordinary_crimes(why: str, offence: str, facts: str, law: str) -> None:
    result = run(req(offence, facts, law=law))
    assert not found(result, "RN-01"), (why, result.to_dict())
    assert not found(result, "RN-09"), (why, result.to_dict())


def test_classification_explains_the_fraud_override() -> None:
    analysis = classify_charge(
        Charge("Failure to repay a loan", "Penal Code", 5),
        "The subject borrowed with forged salary slips from four banks in 2019.",
        DEFAULT,
    )
    assert analysis.kind is ChargeKind.ORDINARY
    assert "forged" in analysis.reason and "not a private dispute" in analysis.reason


def test_criminalised_debt_without_commercial_context_is_review_not_block() -> None:
    result = run(
        req(
            "Bounced cheque",
            "In 2019 in Dubai the subject issued a cheque for 50,000 dirhams that was returned unpaid.",
            years=3,
        )
    )
    assert "RN-01" not in result.codes
    assert [f.severity for f in found(result, "RN-19")] == [Severity.REVIEW]
    assert result.verdict is Verdict.NEEDS_REVIEW


# --- RN-02 / RN-03: thresholds ---------------------------------------------------------------------


def test_rn02_fires_below_two_years_and_not_at_two() -> None:
    low = run(req("Theft", "On 2 May 2020 in Lyon the subject took a bicycle worth 300 euros.", years=1.5))
    assert [f.severity for f in found(low, "RN-02")] == [Severity.BLOCK]
    assert "1.5 years" in found(low, "RN-02")[0].message
    at = run(req("Theft", "On 2 May 2020 in Lyon the subject took a car worth 30,000 euros.", years=2))
    assert not found(at, "RN-02")


def test_rn02_any_charge_reaching_the_threshold_suffices() -> None:
    two = make_request(**{"judicial.charges": [charge("Theft", years=1), charge("Murder", years=30)]})
    assert "RN-02" not in run(two).codes


def test_rn02_gs_exception_turns_the_block_into_a_warning() -> None:
    request = req("Theft", "On 2 May 2020 in Lyon the subject took a bicycle.", years=1)
    ctx = MemoryContext(exceptions={"MA-2021-0042": "Serial offender across 12 countries"})
    findings = found(run(request, ctx), "RN-02")
    assert [f.severity for f in findings] == [Severity.WARN] and "12 countries" in findings[0].message


@pytest.mark.parametrize(
    ("sentence", "remaining", "severity"),
    [
        (4, 4, Severity.BLOCK),
        (5.9, 20, Severity.BLOCK),
        (36, 3, Severity.REVIEW),
        (36, 30, None),
        (6, 6, None),
    ],
)
def test_rn03_sentence_and_remainder(sentence: float, remaining: float, severity: Severity | None) -> None:
    conviction = {
        "sentence_months": sentence,
        "remaining_months": remaining,
        "judgment_reference": "J-1",
        "date": "2019-09-01",
    }
    result = run(make_request(**{"judicial.conviction": conviction}))
    assert [f.severity for f in found(result, "RN-03")] == ([severity] if severity else [])
    assert "RN-02" not in result.codes  # enforcement, not prosecution


# --- RN-04 / RN-05: minimum data -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "missing"),
    [
        ({"subject.date_of_birth": None}, "date of birth"),
        ({"subject.given_names": ""}, "forename"),
        ({"subject.sex": "U"}, "sex"),
        ({"subject.identity_documents": [], "subject.physical_description": None}, "one of"),
    ],
)
def test_rn04_fires_when_an_identifier_is_missing(overrides: dict[str, Any], missing: str) -> None:
    findings = found(run(make_request(**overrides)), "RN-04")
    assert findings and findings[0].severity is Severity.BLOCK and missing in findings[0].message


def test_rn04_photo_plus_one_identifier_is_enough() -> None:
    request = make_request(
        **{
            "subject.date_of_birth": None,
            "subject.sex": "U",
            "subject.biometrics": {"photo": True, "fingerprints": True},
        }
    )
    assert "RN-04" not in run(request).codes
    assert "RN-04" not in run(make_request(**{"subject.identity_documents": []})).codes  # description remains


@pytest.mark.parametrize(
    ("overrides", "missing"),
    [
        ({"judicial.facts.summary": ""}, "summary of facts"),
        ({"judicial.facts.date": None}, "date of the facts"),
        ({"judicial.facts.place": ""}, "place of the facts"),
        ({"judicial.charges": []}, "charges"),
        ({"judicial.charges": [{"offence": "Murder", "max_penalty_years": 30}]}, "law covering 'Murder'"),
        ({"judicial.charges": [{"offence": "Murder", "law": "PC 1"}]}, "maximum penalty for 'Murder'"),
        ({"judicial.warrant": None}, "arrest warrant or judicial decision"),
        ({"judicial.warrant.authority": ""}, "issuing authority"),
        ({"judicial.warrant.issued_on": None}, "warrant date"),
    ],
)
def test_rn05_fires_when_judicial_data_is_missing(overrides: dict[str, Any], missing: str) -> None:
    findings = found(run(make_request(**overrides)), "RN-05")
    assert findings and findings[0].severity is Severity.BLOCK and missing in findings[0].message


def test_rn05_a_judgment_stands_in_for_the_warrant() -> None:
    conviction = {
        "sentence_months": 48,
        "remaining_months": 40,
        "judgment_reference": "J-2019-77",
        "date": "2019-09-01",
    }
    request = make_request(**{"judicial.warrant": None, "judicial.conviction": conviction})
    assert "RN-05" not in run(request).codes


# --- RN-06: concrete, coherent facts ---------------------------------------------------------------


def test_rn06_charge_without_matching_facts() -> None:
    result = run(req("Murder", "In 2020 in Minsk the subject wrote a blog post criticising the governor."))
    findings = found(result, "RN-06")
    assert [f.severity for f in findings] == [Severity.REVIEW] and "does not match" in findings[0].message


def test_rn06_too_short_facts() -> None:
    assert found(run(req("Murder", "Killed someone.")), "RN-06")


def test_rn06_economic_charge_over_a_plain_debt() -> None:
    result = run(req("Fraud", "In 2019 in Kyiv the subject's company did not repay a loan to a supplier."))
    assert found(result, "RN-06") and "civil matter" in found(result, "RN-06")[0].message


def test_rn06_silent_on_coherent_facts() -> None:
    for offence, facts in [
        ("Murder", "On 14 March 2021 in Lyon, the subject stabbed a bakery owner, who died the same night."),
        (
            "Fraud",
            "Between 2017 and 2018 the subject obtained 200,000 euros from investors with false statements.",
        ),
        ("Drug trafficking", "In 2021 the subject shipped 40 kg of cocaine from Rotterdam to Antwerp."),
    ]:
        assert "RN-06" not in run(req(offence, facts)).codes, offence


# --- RN-07: assurances -----------------------------------------------------------------------------


def test_rn07_no_assurance_or_unanswered() -> None:
    for value in (False, None):
        findings = found(run(make_request(**{"assurances.extradition_will_be_sought": value})), "RN-07")
        assert findings and findings[0].severity is Severity.BLOCK


def test_rn07_non_judicial_warrant_appealable_to_a_judge_is_fine() -> None:
    base = {"judicial.warrant.judicial": False, "judicial.warrant.authority": "Public prosecutor"}
    assert found(run(make_request(**base)), "RN-07")
    assert not found(run(make_request(**base, **{"judicial.warrant.appealable_to_judge": True})), "RN-07")


def test_rn07_unstated_nature_of_a_non_judicial_sounding_authority_needs_review() -> None:
    request = make_request(
        **{"judicial.warrant.judicial": None, "judicial.warrant.authority": "Ministry of Interior"}
    )
    assert [f.severity for f in found(run(request), "RN-07")] == [Severity.REVIEW]
    request = make_request(
        **{"judicial.warrant.judicial": None, "judicial.warrant.authority": "Moscow City Court"}
    )
    assert not found(run(request), "RN-07")


# --- RN-09 / RN-10: Article 3 ----------------------------------------------------------------------

ART3_FIRES = [
    (
        "treason",
        "High treason",
        "",
        "In 2019 in Moscow the subject gave an interview to a foreign newspaper.",
    ),
    ("sedition", "Sedition", "", "In 2020 in Hong Kong the subject chanted slogans at a rally."),
    (
        "insulting the president (TR)",
        "Insulting the President",
        "Cumhurbaşkanına hakaret",
        "In 2021 in Ankara the subject shared a cartoon online.",
    ),
    (
        "Turkish original only",
        "Offence under art. 299",
        "Cumhurbaşkanına hakaret",
        "In 2021 in Ankara the subject shared a cartoon online.",
    ),
    (
        "Chinese original only",
        "Crime under art. 105",
        "颠覆国家政权罪",
        "In 2019 the subject published essays.",
    ),
    (
        "unauthorised protest",
        "Organising an unauthorised rally",
        "",
        "On 12 June 2021 in Minsk the subject led a peaceful march.",
    ),
    (
        "draft evasion (RU)",
        "Evasion",
        "Уклонение от призыва на военную службу",
        "In 2022 the subject did not report to the recruitment office in Kazan.",
    ),
    ("military law hint", "Evasion", "", "In 2022 in Kazan the subject did not report when called up."),
    ("apostasy", "Apostasy", "", "In 2020 in Khartoum the subject declared that he had left Islam."),
    (
        "religious feelings law",
        "Public actions",
        "",
        "In 2021 in Moscow the subject danced in a cathedral during a service.",
    ),
    (
        "religious group membership",
        "Membership of a religious group",
        "",
        "Between 2018 and 2020 the subject attended Jehovah's Witnesses meetings in Oryol.",
    ),
    ("separatism", "Separatism", "", "In 2019 in Urumqi the subject called for self-determination online."),
    (
        "mixed marriage",
        "Mixed marriage",
        "",
        "In 1985 in Pretoria the subject married a woman of another race.",
    ),
]
ART3_LAWS = {
    "military law hint": "Law on Military Service art. 59",
    "religious feelings law": "Criminal Code art. 148 (offending religious feelings)",
}


@pytest.mark.parametrize(("why", "offence", "original", "facts"), ART3_FIRES, ids=[c[0] for c in ART3_FIRES])
def test_rn09_blocks_pure_article3_offences(why: str, offence: str, original: str, facts: str) -> None:
    result = run(req(offence, facts, law=ART3_LAWS.get(why, "Criminal Code art. 1"), original=original))
    findings = found(result, "RN-09")
    assert findings and findings[0].severity is Severity.BLOCK, (why, result.to_dict())
    assert result.verdict is Verdict.NON_COMPLIANT
    assert "RN-20" not in result.codes  # a pure label is not also reported as merely vague


def test_rn09_political_label_with_violence_is_a_predominance_question() -> None:
    result = run(
        req(
            "Armed rebellion",
            "On 3 May 2016 in Diyarbakir the subject led a group that attacked a police "
            "station, killing two officers.",
        )
    )
    assert [f.severity for f in found(result, "RN-09")] == [Severity.REVIEW]


def test_rn09_and_rn10_murder_charge_against_a_journalist_is_still_murder() -> None:
    result = run(
        req(
            "Murder",
            "On 2 March 2020 in Baku the subject shot a neighbour dead after a quarrel.",
            **{"subject.profile": ["journalist"]},
        )
    )
    assert "RN-09" not in result.codes
    assert [f.severity for f in found(result, "RN-10")] == [Severity.REVIEW]
    assert result.verdict is Verdict.NEEDS_REVIEW
    assert len(found(result, "RN-10")[0].evidence["factors_to_record"]) == 7


def test_rn10_occupation_reveals_the_profile() -> None:
    result = run(req(**{"subject.occupations": ["Investigative blogger"]}))
    findings = found(result, "RN-10")
    assert findings and "blogger" in findings[0].message


def test_rn10_silent_for_ordinary_profiles() -> None:
    assert "RN-10" not in run(req(**{"subject.occupations": ["accountant"], "subject.profile": []})).codes
    assert "RN-10" not in run(req(**{"subject.profile": ["businessperson"]})).codes


# --- RN-11 / RN-12 / RN-13: history ----------------------------------------------------------------


def test_rn11_country_refusal_rate() -> None:
    high = MemoryContext(countries={"FR": CountryRecord(100, 25)})
    assert [f.severity for f in found(run(req(), high), "RN-11")] == [Severity.REVIEW]
    low = MemoryContext(countries={"FR": CountryRecord(100, 3)})
    few = MemoryContext(countries={"FR": CountryRecord(4, 3)})
    assert not found(run(req(), low), "RN-11") and not found(run(req(), few), "RN-11")


def _prior(
    outcome: PriorOutcome, request: NoticeRequest | None = None, notice_id: str = "2020/77"
) -> PriorDecision:
    return PriorDecision(notice_id, outcome, request or req(), date(2022, 5, 1))


def test_rn12_objections_review_and_deletion_grounds_block() -> None:
    ctx = MemoryContext(
        decisions=[_prior(PriorOutcome.PUBLISHED)],
        objections=[Objection("2020/77", "DE", ObjectionKind.EXTRADITION_REFUSED, "political")],
    )
    assert [f.severity for f in found(run(req(), ctx), "RN-12")] == [Severity.REVIEW]
    ctx.objections = [Objection("2020/77", "GB", ObjectionKind.POLITICAL, "Art. 3", deletion_grounds=True)]
    assert [f.severity for f in found(run(req(), ctx), "RN-12")] == [Severity.BLOCK]
    other_person = MemoryContext(
        decisions=[
            _prior(PriorOutcome.PUBLISHED, req(**{"subject.family_name": "MARTIN", "subject.aliases": []}))
        ],
        objections=ctx.objections,
    )
    assert not found(run(req(), other_person), "RN-12")


def _refugee(persecution: str, revoked: bool = False) -> MemoryContext:
    subject = req().subject
    return MemoryContext(
        refugees=[RefugeeRecord(subject, ProtectionStatus.REFUGEE, persecution, "SE", revoked)]
    )


def test_rn13_confirmed_refugee_requested_by_the_persecuting_country_blocks_without_naming_the_granter() -> (
    None
):
    result = run(req(), _refugee("FR"))
    findings = found(result, "RN-13")
    assert [f.severity for f in findings] == [Severity.BLOCK]
    assert "SE" not in json.dumps(result.to_dict()) and "Sweden" not in json.dumps(result.to_dict())


def test_rn13_other_cases() -> None:
    assert [f.severity for f in found(run(req(), _refugee("IR")), "RN-13")] == [Severity.WARN]
    assert [f.severity for f in found(run(req(), _refugee("FR", revoked=True)), "RN-13")] == [Severity.WARN]
    declared = run(req(**{"subject.profile": ["asylum_seeker"]}))  # requested by FR, a French national
    assert [f.severity for f in found(declared, "RN-13")] == [Severity.BLOCK]
    elsewhere = run(req(**{"subject.profile": ["refugee"], "requesting_country": "DE"}))
    assert [f.severity for f in found(elsewhere, "RN-13")] == [Severity.REVIEW]
    assert not found(run(req()), "RN-13")


# --- RN-15 / RN-16: timing, re-filing --------------------------------------------------------------


def test_rn15_request_close_to_an_election() -> None:
    near = MemoryContext(events={"FR": [PoliticalEvent(EventKind.ELECTION, date(2025, 12, 1), "parliament")]})
    assert [f.severity for f in found(run(req(), near), "RN-15")] == [Severity.WARN]
    far = MemoryContext(events={"FR": [PoliticalEvent(EventKind.ELECTION, date(2024, 6, 1))]})
    assert not found(run(req(), far), "RN-15")


def test_rn15_publication_by_the_subject_just_before_the_request() -> None:
    request = req(
        "Fraud",
        "On 5 January 2026 in Paris the subject published an article on ministers' accounts; "
        "he obtained funds by false invoices.",
        **{"judicial.facts.date": "2026-01-05"},
    )
    assert found(run(request), "RN-15")


def test_rn16_refused_red_notice_resent_as_a_diffusion_blocks() -> None:
    refused = req("Subversion of state power", "The subject published articles abroad in 2019.")
    diffusion = req(
        "Subversion of state power",
        "The subject published articles abroad in 2019.",
        **{
            "type": "wanted_person_diffusion",
            "subject.family_name": "Durand",
            "subject.given_names": "paul-henri",
            "subject.date_of_birth": "1971",
        },
    )
    ctx = MemoryContext(decisions=[_prior(PriorOutcome.REFUSED, refused)])
    findings = found(run(diffusion, ctx), "RN-16")
    assert [f.severity for f in findings] == [Severity.BLOCK]
    assert "as a diffusion" in findings[0].message and "2020/77" in findings[0].message


def test_rn16_new_facts_need_review_and_other_people_are_ignored() -> None:
    ctx = MemoryContext(decisions=[_prior(PriorOutcome.CCF_NON_COMPLIANT)])
    new = req(
        "Fraud",
        "Between 2023 and 2024 in Marseille the subject sold fake bonds worth 2 million euros to pensioners.",
        **{"judicial.warrant.reference": "MA-2024-0999"},
    )
    assert [f.severity for f in found(run(new, ctx), "RN-16")] == [Severity.REVIEW]
    assert [f.severity for f in found(run(req(), ctx), "RN-16")] == [Severity.BLOCK]
    stranger = req(**{"subject.family_name": "MARTIN", "subject.aliases": []})
    assert not found(run(stranger, ctx), "RN-16")
    published = MemoryContext(decisions=[_prior(PriorOutcome.PUBLISHED)])
    assert not found(run(req(), published), "RN-16")


def test_identity_across_scripts_and_spellings() -> None:
    a = req(**{"subject.family_name": "Иванов", "subject.given_names": "Юрий", "subject.aliases": []}).subject
    b = req(
        **{"subject.family_name": "IVANOV", "subject.given_names": "Yuriy", "subject.aliases": []}
    ).subject
    assert same_person(a, b).same
    c = req(
        **{
            "subject.family_name": "IVANOV",
            "subject.given_names": "Yuriy",
            "subject.aliases": [],
            "subject.date_of_birth": "1980-01-01",
        }
    ).subject
    assert not same_person(a, c).same


# --- RN-18: relatives ------------------------------------------------------------------------------


def test_rn18_relative_with_derivative_charges_only() -> None:
    result = run(
        req(
            "Assisting a fugitive",
            "In 2016 in Wuhan the subject sent money to her brother, who is wanted.",
            years=3,
            **{"subject.relations": [{"notice_id": "2017/1234", "relation": "sibling"}]},
        )
    )
    assert [f.severity for f in found(result, "RN-18")] == [Severity.REVIEW]


def test_rn18_relative_named_only_in_the_facts() -> None:
    result = run(
        req(
            "Укрывательство преступника",
            "In 2018 in Moscow the subject let her son, who is wanted, stay in her flat.",
            years=3,
        )
    )
    assert found(result, "RN-18")


def test_rn18_no_charge_of_their_own_blocks() -> None:
    request = make_request(
        **{"judicial.charges": [], "subject.relations": [{"notice_id": "2017/1234", "relation": "spouse"}]}
    )
    assert Severity.BLOCK in [f.severity for f in found(run(request), "RN-18")]


def test_rn18_relative_with_own_serious_charges_is_not_targeted() -> None:
    request = req(
        "Murder",
        "On 2 March 2020 in Lyon the subject shot the victim twice.",
        **{"subject.relations": [{"notice_id": "2017/1234", "relation": "spouse"}]},
    )
    assert "RN-18" not in run(request).codes
    accomplice = req(
        "Accomplice to armed robbery",
        "On 1 May 2019 in Nice the subject held the guards at gunpoint while her husband emptied the safe.",
        **{"subject.relations": [{"notice_id": "2017/1234", "relation": "spouse"}]},
    )
    assert "RN-18" not in run(accomplice).codes


def test_rn18_repeated_requests_about_the_same_circle() -> None:
    request = req(**{"subject.relations": [{"notice_id": "2017/1234", "relation": "associate"}]})
    ctx = MemoryContext(relation_counts={"2017/1234": 3})
    assert [f.severity for f in found(run(request, ctx), "RN-18")] == [Severity.REVIEW]


# --- RN-19 / RN-20 ---------------------------------------------------------------------------------


@pytest.mark.parametrize("profile", ["businessperson", "opposition_politician", "former_official"])
def test_rn19_economic_charges_against_sensitive_profiles(profile: str) -> None:
    result = run(
        req(
            "Embezzlement",
            "Between 2008 and 2010 in Kunming the subject diverted 3 million in public "
            "funds through false invoices.",
            **{"subject.profile": [profile]},
        )
    )
    assert [f.severity for f in found(result, "RN-19")] == [Severity.REVIEW]


def test_rn19_silent_for_economic_charges_against_others_and_for_violence() -> None:
    fraud = req(
        "Fraud",
        "Between 2017 and 2018 in Paris the subject obtained 200,000 euros from investors with "
        "false statements.",
    )
    assert "RN-19" not in run(fraud).codes
    assert "RN-19" not in run(req(**{"subject.profile": ["businessperson"]})).codes  # murder


def test_rn19_economic_charge_in_russian_against_an_entrepreneur_by_occupation() -> None:
    result = run(
        req(
            "Charge",
            "In 2019 in Moscow the subject's firm obtained 5 million roubles by false invoices.",
            original="Мошенничество в особо крупном размере",
            **{"subject.occupations": ["предприниматель"]},
        )
    )
    assert found(result, "RN-19")


VAGUE_FIRES = [
    ("extremism", "Participation in an extremist organisation", "", "In 2017 the subject attended meetings."),
    (
        "false information",
        "Dissemination of false information",
        "",
        "In 2022 the subject posted about the war.",
    ),
    ("hooliganism", "Hooliganism", "", "In 2012 in Moscow the subject sang a song in a cathedral."),
    ("insult", "Insult", "", "In 2020 in Baku the subject called an official a thief on Facebook."),
    ("undermining the state", "Undermining the state", "", "In 2019 the subject gave interviews abroad."),
    (
        "picking quarrels (ZH)",
        "Offence",
        "寻衅滋事罪",
        "In 2020 in Beijing the subject posted about the virus.",
    ),
    (
        "terrorism without violence",
        "Financing of terrorism",
        "",
        "In 2018 the subject donated 50 euros to a charity that the government later banned.",
    ),
    (
        "terrorism in Turkish",
        "Membership",
        "Silahlı terör örgütü üyeliği",
        "In 2016 the subject used a messaging app and held an account at Bank Asya.",
    ),
    (
        "extremism in Russian",
        "Charge",
        "Организация деятельности экстремистской организации",
        "In 2019 the subject organised Bible readings in Oryol.",
    ),
]


@pytest.mark.parametrize(
    ("why", "offence", "original", "facts"), VAGUE_FIRES, ids=[c[0] for c in VAGUE_FIRES]
)
def test_rn20_vague_charges(why: str, offence: str, original: str, facts: str) -> None:
    result = run(req(offence, facts + " It happened in the capital.", original=original))
    findings = found(result, "RN-20")
    assert findings and findings[0].severity is Severity.REVIEW, (why, result.to_dict())


def test_rn20_a_described_bombing_makes_extremism_concrete() -> None:
    result = run(
        req(
            "Extremism",
            "On 3 April 2017 in St Petersburg the subject detonated a bomb in a metro car, "
            "killing 15 people.",
        )
    )
    assert "RN-20" not in result.codes


def test_rn20_terrorism_with_violence_is_not_vague_and_no_violence_negated() -> None:
    bombing = req(
        "Terrorist act", "On 22 March 2016 in Brussels the subject placed explosives that killed 32 people."
    )
    assert "RN-20" not in run(bombing).codes
    negated = req(
        "Terrorism", "In 2018 in the capital the subject wrote posts; no violent act was committed."
    )
    assert found(run(negated), "RN-20")


# --- RN-21 / RN-22: validity and purpose -----------------------------------------------------------


def test_rn21_expiry_and_renewal_window() -> None:
    assert not found(run(req(), notice=NoticeMeta(published_on=date(2024, 1, 1))), "RN-21")
    window = run(req(), notice=NoticeMeta(published_on=date(2021, 4, 1)))
    assert [f.severity for f in found(window, "RN-21")] == [Severity.REVIEW]
    reasons = run(req(), notice=NoticeMeta(published_on=date(2021, 4, 1), retention_reasons="still at large"))
    assert not found(reasons, "RN-21")
    expired = run(req(), notice=NoticeMeta(published_on=date(2020, 6, 1)))
    assert [f.severity for f in found(expired, "RN-21")] == [Severity.BLOCK]
    assert not found(run(req()), "RN-21")  # a new request has no publication date


def test_rn22_purpose_gone() -> None:
    meta = NoticeMeta(purpose_ended=PurposeEnded.ACQUITTED, purpose_details="Court of Appeal, 2024")
    assert [f.severity for f in found(run(req(), notice=meta), "RN-22")] == [Severity.BLOCK]
    pardoned = req(
        "Murder", "In 2001 in Lyon the subject shot a guard dead; he was pardoned by decree in 2023."
    )
    assert found(run(pardoned), "RN-22")
    assert not found(run(req()), "RN-22")


# --- RN-32: INTERPOL formats -----------------------------------------------------------------------


def test_rn32_request_values() -> None:
    bad = dataclasses.replace(req(), requesting_country="XX")
    assert [f.severity for f in found(run(bad), "RN-32")] == [Severity.BLOCK]
    bad_relation = req(**{"subject.relations": [{"notice_id": "wanted-husband", "relation": "spouse"}]})
    assert "relations[0].notice_id" in found(run(bad_relation), "RN-32")[0].message
    assert not found(run(req()), "RN-32")


def test_rn32_raw_interpol_records_and_queries() -> None:
    good = {
        "entity_id": "2019/12345",
        "date_of_birth": "1971/04",
        "sex_id": "M",
        "nationalities": ["RU", "914"],
        "arrest_warrants": [{"issuing_country_id": "RU", "charge": "Fraud"}],
    }
    assert validate_interpol_record(good) == []
    bad = {"entity_id": "2019-12345", "date_of_birth": "02/04/1971", "sex_id": "X", "nationalities": ["RUS"]}
    assert {p.field for p in validate_interpol_record(bad)} == {
        "entity_id",
        "date_of_birth",
        "sex_id",
        "nationalities[0]",
    }
    assert validate_interpol_query({"resultPerPage": 160, "page": 1, "nationality": "FR", "sexId": ""}) == []
    assert [p.field for p in validate_interpol_query({"resultPerPage": 161})] == ["resultPerPage"]


@given(year=st.integers(1900, 2099), n=st.integers(1, 10**7))
@settings(max_examples=50)
def test_rn32_every_well_formed_entity_id_passes(year: int, n: int) -> None:
    assert validate_interpol_record({"entity_id": f"{year}/{n}"}) == []
    assert validate_interpol_record({"entity_id": f"{year}-{n}"}) != []


# --- Properties ------------------------------------------------------------------------------------


@given(offence=st.text(max_size=60), facts=st.text(max_size=200))
@settings(max_examples=60, deadline=None)
def test_any_charge_text_gives_a_well_formed_result(offence: str, facts: str) -> None:
    if not offence.strip():
        offence = "x"
    request = dataclasses.replace(
        req(),
        judicial=dataclasses.replace(
            req().judicial,
            charges=(Charge(offence, "Penal Code", 10),),
            facts=dataclasses.replace(req().judicial.facts, summary=facts),
        ),
    )
    result = run(request)
    assert result.verdict is verdict_for(result.findings)
    json.dumps(result.to_dict())


# --- Context and reading facts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offence", "facts"),
    [
        ("Espionage", "In 2020 in Moscow the subject passed classified maps to a foreign embassy."),
        (
            "Illegal crossing of the state border",
            "In 2022 the subject left through the forest to avoid mobilisation.",
        ),
        (
            "Fraud",
            "In 2018 in Minsk the subject, leader of an opposition party, took 10,000 euros of party funds.",
        ),
    ],
)
def test_rn09_ordinary_charge_in_an_article3_context_needs_the_predominance_test(
    offence: str, facts: str
) -> None:
    findings = found(run(req(offence, facts)), "RN-09")
    assert [f.severity for f in findings] == [Severity.REVIEW]
    assert "context" in findings[0].message or "often political" in findings[0].message


def test_drug_possession_for_personal_use_is_excluded_but_supply_is_not() -> None:
    own_use = req(
        "Drug possession", "In 2021 in Jakarta 3 grams of cannabis for personal use were found on him."
    )
    assert [f.evidence["category"] for f in found(run(own_use), "RN-01")] == ["behavioural_norms"]
    supply = req(
        "Drug possession", "In 2021 in Jakarta the subject sold 3 kg of cannabis, some for personal use."
    )
    assert "RN-01" not in run(supply).codes


def test_facts_in_han_script_are_counted_fairly() -> None:
    result = run(
        req("Money laundering", "2015年至2017年，嫌疑人通过空壳公司向境外转移5000万元。", original="洗钱罪")
    )
    assert "RN-06" not in result.codes


def test_docs_rules_md_is_generated_from_the_catalogue() -> None:
    from pathlib import Path

    from rednotice.domain.compliance.catalogue_doc import render

    docs = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    assert docs.read_text(encoding="utf-8") == render(), (
        "run: python -m rednotice.domain.compliance.catalogue_doc"
    )


def test_rn20_membership_of_a_movement_is_vague_but_of_a_criminal_group_is_not() -> None:
    movement = req(
        "Membership of the Muslim Brotherhood", "In 2014 in Cairo the subject attended weekly meetings."
    )
    assert found(run(movement), "RN-20")
    gang = req(
        "Membership of an organised criminal group",
        "In 2019 in Marseille the subject transported heroin for the group.",
    )
    assert "RN-20" not in run(gang).codes
    fighter = req(
        "Participation in a terrorist organisation",
        "In 2015 in Raqqa the subject fought with the group and executed prisoners.",
    )
    assert "RN-20" not in run(fighter).codes
