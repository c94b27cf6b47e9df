"""errors.Term and errors.Text: English as strings (str(exc), the JSON details), the reader's words in
``DomainError.message`` once the edge installs a translator and a labeller."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rednotice.domain import errors
from rednotice.domain.errors import IllegalTransition, InvalidInput, Term, Text


@pytest.fixture
def french() -> Iterator[None]:
    catalogue = {
        "a %(type)s cannot %(action)s": "une %(type)s ne peut pas %(action)s",
        "cannot decide yet: %(why)s": "impossible de statuer : %(why)s",
        "missing: %(factors)s": "manquants : %(factors)s",
        "no reasons": "aucun motif",
    }
    labels = {("notice_type", "red_notice"): "notice rouge", ("action", "publish"): "Publier"}
    errors.set_translator(lambda text: catalogue.get(text, text))
    errors.set_labeller(lambda kind, value: labels.get((kind, value), value))
    yield
    # back to the web's (the web module installs them at import; other tests rely on them)
    from rednotice.web import i18n

    errors.set_translator(i18n.translated)
    errors.set_labeller(i18n.term_label)


def test_a_term_is_its_stored_value_as_a_string() -> None:
    exc = IllegalTransition(
        "a %(type)s cannot %(action)s", type=Term("notice_type", "red_notice"), action="x"
    )
    assert str(exc) == "a red_notice cannot x"
    assert Term("action", "publish", "refuse") == "publish, refuse"


def test_a_term_is_labelled_and_a_text_translated_in_the_message(french: None) -> None:
    exc = IllegalTransition(
        "a %(type)s cannot %(action)s",
        type=Term("notice_type", "red_notice"),
        action=Term("action", "publish"),
    )
    assert exc.message == "une notice rouge ne peut pas Publier"
    assert str(exc) == "a red_notice cannot publish"
    why = Text.joined("; ", [Text("no reasons"), Text("missing: %(factors)s", factors="a, b")])
    exc2 = InvalidInput("cannot decide yet: %(why)s", why=why)
    assert str(exc2) == "cannot decide yet: no reasons; missing: a, b"
    assert exc2.message == "impossible de statuer : aucun motif; manquants : a, b"
    assert InvalidInput(Text("missing: %(factors)s", factors="c")).message == "manquants : c"


def test_an_unknown_word_shows_as_stored(french: None) -> None:
    exc = IllegalTransition(
        "a %(type)s cannot %(action)s", type=Term("notice_type", "x"), action=Term("z", "y")
    )
    assert exc.message == "une x ne peut pas y"
