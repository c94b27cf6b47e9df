"""Reading acts from facts (domain/compliance/acts.py): kinds, gravity, negation, and who did what."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rednotice.domain.compliance.acts import ActKind, Actor, Gravity, read_facts, sentences
from rednotice.domain.model import Relation, RelationKind, Sex, Subject

SUBJECT = Subject("PETROV", "Ivan", sex=Sex.MALE)
WOMAN = Subject("TURSUN", "Gulnara", sex=Sex.FEMALE)


def kinds(text: str, subject: Subject = SUBJECT, actor: Actor = Actor.SUBJECT) -> set[ActKind]:
    return set(read_facts(text, subject).kinds(actor))


# --- kinds and gravity, in the languages NCBs write in -----------------------------------------------

ACTS = [
    ("On 3 May 2021 the subject threw a petrol bomb at a police van.", ActKind.VIOLENCE, Gravity.SERIOUS),
    ("The subject set the guard alight with petrol.", ActKind.VIOLENCE, Gravity.SERIOUS),
    ("During the clashes the subject threw stones at riot police.", ActKind.VIOLENCE, Gravity.MODERATE),
    ("The subject opened fire on the patrol.", ActKind.VIOLENCE, Gravity.SERIOUS),
    ("The subject detonated a device at the station.", ActKind.VIOLENCE, Gravity.SERIOUS),
    ("The subject shot and killed the shop owner.", ActKind.VIOLENCE, Gravity.LETHAL),
    ("L'intéressé a tué la victime de trois coups de couteau.", ActKind.VIOLENCE, Gravity.LETHAL),
    ("El imputado disparó contra un agente de policía.", ActKind.VIOLENCE, Gravity.SERIOUS),
    ("The subject abducted the child and demanded a ransom.", ActKind.LIBERTY, None),
    ("The subject raped the victim in her flat.", ActKind.SEXUAL, None),
    ("The subject deceived 300 investors with a Ponzi scheme.", ActKind.FINANCIAL, None),
    ("L'intéressé a détourné les fonds de la société.", ActKind.FINANCIAL, None),
    ("El imputado cometió una estafa contra 40 jubilados.", ActKind.FINANCIAL, None),
    ("The subject smuggled 40 kg of cocaine through the port.", ActKind.TRAFFICKING, None),
    ("The subject deployed ransomware against the hospital's systems.", ActKind.COMPUTER, None),
    ("The subject travelled to Syria and joined ISIL.", ActKind.ARMED_GROUP, None),
    ("The subject published articles on a news website.", ActKind.EXPRESSION, None),
    ("The subject gave interviews to foreign journalists.", ActKind.EXPRESSION, None),
    ("The subject called on citizens to gather in the central square.", ActKind.ASSEMBLY, None),
    ("The subject donated 50 euros to an opposition foundation.", ActKind.ASSOCIATION, None),
    ("The subject organised Bible readings in his flat.", ActKind.RELIGION, None),
    ("The subject fled abroad in 2017.", ActKind.LEAVING, None),
    ("El imputado publicó mensajes en redes sociales.", ActKind.EXPRESSION, None),
    ("L'intéressé a participé à une manifestation.", ActKind.ASSEMBLY, None),
]


@pytest.mark.parametrize(("text", "kind", "gravity"), ACTS, ids=[a[0][:40] for a in ACTS])
def test_acts_are_read_by_kind_and_gravity(text: str, kind: ActKind, gravity: Gravity | None) -> None:
    reading = read_facts(text, SUBJECT)
    found = [a for a in reading.subject_acts if a.kind is kind]
    assert found, (text, reading.acts)
    if gravity is not None:
        assert reading.gravest is gravity, (text, reading.acts)


NOT_HARM = [
    "In 2018 in the capital the subject wrote posts; no violent act was committed.",
    "The subject published articles about corruption and electoral fraud in the region.",
    "The subject transferred 5,000 roubles to the Anti-Corruption Foundation.",
    "In 2020 in Baku the subject called an official a thief on Facebook.",
    "The subject reported on allegations of torture in the prison.",
]


@pytest.mark.parametrize("text", NOT_HARM)
def test_negations_topics_and_names_are_not_harm(text: str) -> None:
    reading = read_facts(text, SUBJECT)
    assert not reading.subject_harm, reading.acts


# --- who did it -----------------------------------------------------------------------------------


def test_the_victims_cause_is_not_the_subjects() -> None:
    reading = read_facts(
        "On 26 February 2015 in Dhaka the subject and two accomplices hacked to death the blogger "
        "Avijit Roy, whom the killers accused of blasphemy, near the university.",
        SUBJECT,
    )
    assert reading.gravest is Gravity.LETHAL
    assert "blasphemy" not in reading.text_of(Actor.SUBJECT)
    assert "blasphemy" in reading.text_of(Actor.VICTIM, Actor.OTHER)


def test_a_relatives_acts_are_the_relatives() -> None:
    text = (
        "The subject is the wife of Mr. Ablyazov. Her husband fled abroad in 2009 and publishes videos "
        "criticising the government. She held a joint bank account with him."
    )
    reading = read_facts(text, WOMAN)
    assert {ActKind.LEAVING, ActKind.EXPRESSION} <= reading.kinds(Actor.RELATIVE)
    assert reading.kinds(Actor.SUBJECT) == {ActKind.FAMILY}
    assert "ablyazov" in reading.relatives_named


def test_a_who_clause_belongs_to_the_person_it_describes() -> None:
    text = (
        "His brother, who lives in Germany, runs a YouTube channel. The subject helped him to flee in 2018."
    )
    reading = read_facts(text, SUBJECT)
    assert ActKind.EXPRESSION in reading.kinds(Actor.RELATIVE)
    assert reading.kinds(Actor.SUBJECT) == {ActKind.AIDING}


def test_money_for_a_sought_relative_is_aiding_money_for_another_is_family() -> None:
    sought = read_facts(
        "The subject transferred money to her husband, who is wanted, while he lived abroad.", WOMAN
    )
    assert sought.kinds() == {ActKind.AIDING}
    family = read_facts(
        "Her husband fled abroad in 2009. The subject sent money to their son studying in London.", WOMAN
    )
    assert family.kinds() == {ActKind.FAMILY}


def test_passive_harm_is_laid_at_the_accuseds_door_unless_an_agent_is_named() -> None:
    reading = read_facts("A police officer was seriously injured during the attack.", SUBJECT)
    assert reading.subject_violence
    other = read_facts("The subject's brother was beaten by the police.", SUBJECT)
    assert not other.subject_violence


def test_a_pronoun_goes_back_to_the_last_person_of_its_gender() -> None:
    reading = read_facts("Her brother Ilham fled to Turkey in 2016. He publishes a blog.", WOMAN)
    assert ActKind.EXPRESSION in reading.kinds(Actor.RELATIVE)
    assert not reading.subject_acts


def test_only_protected_needs_a_clear_picture() -> None:
    assert read_facts("The subject posted a video criticising the governor.", SUBJECT).only_protected
    # attending meetings of an organisation the facts only call banned: it might be an armed one
    assert not read_facts(
        "The subject attended meetings of a banned organisation in 2017.", SUBJECT
    ).only_protected
    assert read_facts(
        "The subject attended meetings of the opposition party's youth wing in 2017.", SUBJECT
    ).only_protected
    assert not read_facts("The subject posted threats to kill the governor.", SUBJECT).only_protected


def test_personal_use_is_read() -> None:
    assert read_facts("He held 6 g of cannabis for his own use.", SUBJECT).personal_use
    assert not read_facts("He sold 6 kg of cannabis.", SUBJECT).personal_use


def test_sentences_keep_abbreviations_and_numbers() -> None:
    text = "Under art. 342 CC, the subject, Mr. Ivanov, took 10,000 euros. He fled; he hid."
    assert sentences(text) == [
        "Under art. 342 CC, the subject, Mr. Ivanov, took 10,000 euros.",
        "He fled;",
        "he hid.",
    ]


def test_reading_is_plain_data() -> None:
    reading = read_facts("The subject stabbed the guard.", SUBJECT)
    data: dict[str, Any] = reading.to_dict()
    assert data["acts"][0]["kind"] == "violence" and data["acts"][0]["actor"] == "subject"


def test_declared_relations_do_not_change_the_reading() -> None:
    related = Subject("PETROV", "Ivan", sex=Sex.MALE, relations=(Relation("2019/1", RelationKind.SIBLING),))
    text = "The subject stabbed the guard."
    assert read_facts(text, related).kinds() == read_facts(text, SUBJECT).kinds()


def test_a_clause_inside_a_chunk_gives_its_actor_back() -> None:
    reading = read_facts(
        "The subject is the former wife of Qiao Jianhua, who is wanted. In 2019 she received money that her "
        "former husband had embezzled, converted it through underground banking and bought a flat.",
        WOMAN,
    )
    assert ActKind.AIDING in reading.kinds(Actor.SUBJECT)
    assert ActKind.FINANCIAL not in reading.kinds(Actor.SUBJECT)


@pytest.mark.parametrize(
    "text",
    [
        "The subject published articles causing damage to the reputation of the company.",
        "The subject's posts damaged the honour and dignity of the head of state.",
    ],
)
def test_harm_to_reputation_or_honour_is_words_not_an_act(text: str) -> None:
    assert not read_facts(text, SUBJECT).subject_harm


def test_harm_to_property_is_still_an_act() -> None:
    assert read_facts("The subject damaged three police cars with a hammer.", SUBJECT).kinds() == {
        ActKind.PROPERTY
    }


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.sampled_from(list(Sex)))
def test_any_text_reads_without_error(text: str, sex: Sex) -> None:
    reading = read_facts(text, Subject("X", "Y", sex=sex))
    assert all(a.words for a in reading.acts)
    reading.to_dict()
