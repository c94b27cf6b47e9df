"""Issue 16, item 5: what changed between two versions of a request (field by field; facts and charges as
text diffs)."""

from __future__ import annotations

from rednotice.domain.versions import Op, diff_requests, line_diff, word_diff


def version(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "type": "red_notice",
        "requesting_country": "FR",
        "language": "en",
        "subject": {"family_name": "DURAND", "given_names": "Paul", "nationalities": ["FR"], "aliases": []},
        "judicial": {
            "facts": {"summary": "He robbed a bank in Lyon.", "date": "2021", "place": "Lyon"},
            "charges": [{"offence": "Robbery", "law": "PC 311", "max_penalty_years": 10.0}],
            "warrant": None,
        },
        "visibility": {"restricted_to": None, "excluded_countries": [], "public_extract": False},
    }
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for p in parents:
            target = target[p]  # type: ignore[assignment]
        target[last] = value
    return data


def test_identical_versions_have_no_changes() -> None:
    assert diff_requests(version(), version()) == []


def test_fields_change_one_by_one_in_reading_order() -> None:
    changes = diff_requests(
        version(),
        version(subject__nationalities=["FR", "DZ"], subject__family_name="DURANT", language="fr"),
    )
    assert [(c.path, c.before, c.after) for c in changes] == [
        ("language", "en", "fr"),
        ("subject.family_name", "DURAND", "DURANT"),
        ("subject.nationalities", "FR", "FR, DZ"),
    ]
    assert not any(c.is_text for c in changes)


def test_facts_are_compared_word_by_word() -> None:
    [change] = diff_requests(version(), version(judicial__facts__summary="He robbed a van in Lyon."))
    assert change.label == "Summary of facts"
    assert [(s.op, s.text) for s in change.segments if s.op is not Op.SAME] == [
        (Op.REMOVED, "bank"),
        (Op.ADDED, "van"),
    ]
    assert "".join(s.text for s in change.segments if s.op is not Op.REMOVED) == "He robbed a van in Lyon."


def test_charges_are_compared_line_by_line() -> None:
    new = [
        {"offence": "Robbery", "law": "PC 311", "max_penalty_years": 10},
        {"offence": "Kidnapping", "law": "PC 224", "max_penalty_years": 30},
    ]
    [change] = diff_requests(version(), version(judicial__charges=new))
    assert [(s.op, s.text) for s in change.segments] == [
        (Op.SAME, "Robbery — law: PC 311 — maximum 10 years"),
        (Op.ADDED, "Kidnapping — law: PC 224 — maximum 30 years"),
    ]


def test_a_field_unknown_to_the_labels_is_still_compared() -> None:
    [change] = diff_requests(version(), version(subject__new_field="x"))
    assert change.path == "subject.new_field" and change.after == "x"


def test_the_text_diffs() -> None:
    assert [s.op for s in line_diff("a\nb", "a\nc")] == [Op.SAME, Op.REMOVED, Op.ADDED]
    assert word_diff("", "new text") == word_diff("", "new text")
    assert [s.op for s in word_diff("same", "same")] == [Op.SAME]
