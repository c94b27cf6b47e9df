"""Issue 12: the rules decide on the acts the facts describe, not the label (RN-09, RN-18, RN-33, RN-01).

Each row: the offence as charged, the facts, the law cited, the requesting country, declared
relations; the verdict it must reach and codes that must be among the findings.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rednotice.domain.compliance import EmptyContext, Severity, check
from tests.factories import make_request

TODAY = date(2026, 1, 15)


def run(
    offence: str, facts: str, law: str = "Criminal Code art. 100", country: str = "RU", **extra: Any
) -> Any:
    overrides: dict[str, Any] = {
        "requesting_country": country,
        "judicial.charges": [{"offence": offence, "law": law, "max_penalty_years": 10}],
        "judicial.facts.summary": facts,
        "subject.profile": [],
        "subject.occupations": [],
    }
    overrides.update(extra)
    return check(make_request(**overrides), EmptyContext(), today=TODAY)


CASES = [
    # Nothing passes by silence.
    (
        "unknown article",
        "Violation of article 999 of the special code",
        "The subject violated the special code in 2021 in Moscow.",
        "Special code art. 999",
        "RU",
        {},
        "needs_review",
        {"RN-33"},
    ),
    # The label does not win over the facts: every act of the subject is protected activity.
    (
        "unauthorised mass event (BY 342)",
        "Organising an unauthorised mass event",
        "On 10 August 2020 in Grodno, after the presidential election, the subject called on citizens to "
        "gather in the central square.",
        "Criminal Code art. 342",
        "BY",
        {},
        "non_compliant",
        {"RN-09"},
    ),
    (
        "terrorist label on diaspora journalism",
        "Participation in a terrorist organisation",
        "Between 2017 and 2020, from Munich, the subject wrote articles for diaspora news websites about "
        "the camps in Xinjiang and gave interviews to Radio Free Asia.",
        "Criminal Law art. 120",
        "CN",
        {},
        "non_compliant",
        {"RN-09"},
    ),
    (
        "financing terrorism = donations to a media channel",
        "Financing terrorism",
        "In 2021 the subject made four donations totalling 2,000 roubles to the YouTube channel of an "
        "opposition media outlet, later declared a terrorist organisation.",
        "Criminal Code art. 205.1",
        "RU",
        {},
        "non_compliant",
        {"RN-09"},
    ),
    (
        "false information about the army",
        "Dissemination of knowingly false information about the armed forces",
        "On 3 March 2022 in Tomsk the subject posted on VKontakte a message saying that troops had shelled "
        "a maternity hospital.",
        "Criminal Code art. 207.3",
        "RU",
        {},
        "non_compliant",
        {"RN-09"},
    ),
    (
        "picking quarrels = interviews",
        "Picking quarrels and provoking trouble",
        "From 2019 to 2021 in Beijing the subject gave interviews to foreign journalists in which she "
        "described the treatment of petitioners.",
        "Criminal Law art. 293",
        "CN",
        {},
        "non_compliant",
        {"RN-09"},
    ),
    (
        "same in French",
        "Atteinte à la sûreté de l'État",
        "Entre 2019 et 2021, l'intéressé a publié des articles critiquant le gouvernement sur un site "
        "d'information en ligne.",
        "Code pénal art. 80",
        "DZ",
        {},
        "non_compliant",
        {"RN-09"},
    ),
    (
        "same in Spanish",
        "Instigación al odio",
        "En 2019 en Caracas el imputado publicó mensajes en redes sociales criticando al gobierno y "
        "convocó a una marcha pacífica.",
        "Ley contra el Odio art. 20",
        "VE",
        {},
        "non_compliant",
        {"RN-09"},
    ),
    # Words, not acts: violence is seen as violence.
    (
        "petrol bomb",
        "Attempted murder of a police officer",
        "On 14 October 2019 in Barcelona the subject threw a petrol bomb at a police van; an officer was "
        "set alight and suffered serious burns.",
        "Código Penal art. 139",
        "ES",
        {},
        "compliant",
        set(),
    ),
    (
        "stones and pistol fire",
        "Mass riots",
        "On 19 December 2010 in Minsk the subject threw stones at riot police and fired a pistol at "
        "officers, wounding two of them.",
        "Criminal Code art. 293",
        "BY",
        {},
        None,
        set(),
    ),
    (
        "cannabis for own use",
        "Illegal possession of narcotic drugs",
        "On 2 June 2022 in Almaty the subject was found with 6 g of cannabis for his own use.",
        "Criminal Code art. 296",
        "KZ",
        {},
        "non_compliant",
        {"RN-01"},
    ),
    # Context on the right person: the victim's cause is not the killer's.
    (
        "killer of a blogger accused of blasphemy",
        "Murder",
        "On 26 February 2015 in Dhaka the subject and two accomplices hacked to death the blogger Avijit "
        "Roy, whom the killers accused of blasphemy, near the university.",
        "Penal Code s. 302",
        "BD",
        {},
        "compliant",
        set(),
    ),
    # Relatives.
    (
        "spouse charged as accomplice, facts about her husband",
        "Complicity in fraud",
        "The subject is the wife of Mukhtar Ablyazov, who is wanted for fraud. Between 2009 and 2012 "
        "Ablyazov transferred funds of BTA Bank abroad. The subject lived with him in London and held a "
        "joint account with him.",
        "Criminal Code art. 177",
        "KZ",
        {"subject.relations": [{"notice_id": "2011/1234", "relation": "spouse"}], "subject.sex": "F"},
        "non_compliant",
        {"RN-18"},
    ),
    (
        "brother who hid the fugitive's assets",
        "Concealment of the proceeds of crime",
        "His brother, who fled abroad in 2018, is wanted for embezzlement. In 2019 the subject moved 3 "
        "million euros of his brother's assets to accounts in Cyprus to hide them.",
        "Criminal Code art. 174",
        "KZ",
        {"subject.relations": [{"notice_id": "2018/555", "relation": "sibling"}]},
        "needs_review",
        {"RN-18"},
    ),
    # Serious ordinary crimes stay compliant, in INTERPOL's languages.
    (
        "homicidio",
        "Homicidio agravado",
        "El 5 de mayo de 2021 en Medellín, el imputado disparó contra un agente de policía y le causó la "
        "muerte.",
        "Código Penal art. 103",
        "CO",
        {},
        "compliant",
        set(),
    ),
    (
        "trafic de stupéfiants",
        "Trafic de stupéfiants",
        "Entre janvier et juin 2022 à Marseille, l'intéressé a organisé l'importation de 450 kg de résine "
        "de cannabis depuis le Maroc.",
        "Code pénal art. 222-36",
        "FR",
        {},
        "compliant",
        set(),
    ),
    (
        "investment fraud",
        "Fraud",
        "Between 2016 and 2019 in Milan the subject deceived 312 investors by promising returns of 40% and "
        "misappropriated 12 million euros.",
        "Codice penale art. 640",
        "IT",
        {},
        "compliant",
        set(),
    ),
]


@pytest.mark.parametrize(
    ("why", "offence", "facts", "law", "country", "extra", "verdict", "codes"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_acts_decide(
    why: str,
    offence: str,
    facts: str,
    law: str,
    country: str,
    extra: dict[str, Any],
    verdict: str | None,
    codes: set[str],
) -> None:
    result = run(offence, facts, law, country, **extra)
    got = result.to_dict()
    if verdict is None:  # violence makes it concrete: never refused on Article 3 alone
        assert not [f for f in result.findings if f.code == "RN-09" and f.severity is Severity.BLOCK], got
    else:
        assert result.verdict.value == verdict, (why, got)
    assert codes <= set(result.codes), (why, got)
    for f in result.findings:
        assert f.message and f.basis


def test_an_article3_block_on_acts_names_the_acts_and_the_label() -> None:
    result = run(
        "Financing terrorism",
        "In 2021 the subject donated 500 roubles to an opposition foundation.",
    )
    (finding,) = [f for f in result.findings if f.code == "RN-09"]
    assert finding.severity is Severity.BLOCK
    assert "Financing terrorism" in finding.message and "association" in finding.message
    assert finding.evidence["acts"][0]["actor"] == "subject"


def test_protected_acts_beside_words_of_the_crime_charged_are_a_review_not_a_block() -> None:
    # "money" belongs to the fraud charged; no act of the subject explains it: a reviewer weighs it
    result = run("Fraud", "In 2019 the subject published articles and money went missing from the fund.")
    findings = [f for f in result.findings if f.code == "RN-09"]
    assert findings and all(f.severity is Severity.REVIEW for f in findings), result.to_dict()


def test_rn33_when_no_act_of_the_subject_is_described() -> None:
    result = run("Murder", "The matter concerns events of 2020 in the city of Tver at the market.")
    assert "RN-33" in result.codes or "RN-06" in result.codes
    assert result.verdict.value == "needs_review"


def test_rn33_stays_silent_on_a_complete_recognised_case() -> None:
    result = run("Murder", "On 1 May 2020 in Tver the subject stabbed his neighbour to death with a knife.")
    assert result.verdict.value == "compliant" and result.findings == ()


def test_every_charge_is_placed_in_the_iccs_or_said_not_to_be() -> None:
    placed = run(
        "Homicidio agravado",
        "El 5 de mayo de 2021 el imputado disparó contra un agente y le causó la muerte.",
    )
    (charge,) = placed.analysis["charges"]
    assert charge["iccs"]["code"].startswith("0101") and charge["iccs"]["section"] == "01"
    assert placed.analysis["iccs_sections"] == ["01"]
    unknown = run("Violation of article 999 of the special code", "The subject violated the code in 2021.")
    assert unknown.analysis["charges"][0]["iccs"] is None and "RN-33" in unknown.codes


def test_a_statute_of_concern_is_evidence_for_article_3_whatever_the_wording() -> None:
    # violence makes the facts concrete, but the law cited (BY CC 342) is documented as used against
    # peaceful assembly: a reviewer weighs predominance
    result = run(
        "Gross violation of public order",
        "On 9 August 2020 in Minsk the subject threw stones at riot police, injuring an officer.",
        "Article 342 of the Criminal Code of the Republic of Belarus",
        "BY",
    )
    findings = [f for f in result.findings if f.code == "RN-09"]
    assert findings and findings[0].severity is Severity.REVIEW, result.to_dict()
    assert "342" in findings[0].message
    assert result.analysis["charges"][0]["statutes"]
    # the same article number in another country's code is no statute of concern
    other = run(
        "Gross violation of public order",
        "On 9 August 2020 in Lyon the subject threw stones at riot police, injuring an officer.",
        "Article 342 of the Criminal Code",
        "FR",
    )
    assert not other.analysis["charges"][0]["statutes"]
    assert not [f for f in other.findings if f.code == "RN-09"]


ARABIC = [
    # (offence in Arabic only, facts, expected verdict)
    ("قتل عمد", "On 2 May 2021 in Cairo the subject stabbed his business partner to death.", "compliant"),
    (
        "الاتجار بالمخدرات",
        "In 2022 in Tangier the subject smuggled 300 kg of cannabis resin to Spain.",
        "compliant",
    ),
    (
        "الانضمام إلى جماعة إرهابية",
        "In 2020 the subject, a student in London, posted videos criticising the government on YouTube.",
        "non_compliant",
    ),
]


@pytest.mark.parametrize(("offence", "facts", "verdict"), ARABIC)
def test_arabic_script_labels_are_understood(offence: str, facts: str, verdict: str) -> None:
    result = run(offence, facts, "Penal Code art. 1", "EG")
    assert result.verdict.value == verdict, result.to_dict()
    assert result.analysis["charges"][0]["iccs"] is not None
