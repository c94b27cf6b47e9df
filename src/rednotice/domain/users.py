"""Who acts: roles, and the actor attached to every change."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from rednotice.domain.errors import N_, InvalidInput, Text


class Role(StrEnum):
    NCB_OFFICER = "ncb_officer"
    """An officer of one country's National Central Bureau: requests, screens, records positions."""
    REVIEWER = "reviewer"
    """A General Secretariat reviewer (Notices and Diffusions Task Force)."""
    CCF = "ccf"
    """A member or secretary of the Commission for the Control of Files."""
    OVERSIGHT = "oversight"
    """Parliaments, auditors: the figures, not the files."""
    ADMIN = "admin"
    """Runs the installation: users, tokens. Not a reviewer."""
    SYSTEM = "system"
    """rednotice itself (expiry sweeps, imports)."""


@dataclass(frozen=True, slots=True)
class Actor:
    username: str
    role: Role
    country: str | None = None

    def __post_init__(self) -> None:
        if self.role is Role.NCB_OFFICER and not self.country:
            raise InvalidInput("an NCB officer is bound to a country", field="country")

    def __str__(self) -> str:
        return f"{self.username} ({self.role.value}{', ' + self.country if self.country else ''})"

    def speaks_for(self, country: str | None) -> bool:
        """Whether this person is an officer of ``country``'s NCB: the one rule behind "only the requesting
        NCB" (editing, submitting, acting on and seeing its own requests in every state)."""
        return self.role is Role.NCB_OFFICER and country is not None and self.country == country


SYSTEM = Actor("rednotice", Role.SYSTEM)


# -- usernames and passwords (issue 14, item 13) ---------------------------------------------------------

USERNAME_MAX = 120
_USERNAME_PUNCTUATION = frozenset("-._@")
_SAME_WRITING = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK"}
"""Scripts written together: Japanese mixes kana and Han; Korean Hangul and Han."""


def _script(char: str) -> str:
    """The script of a letter, from its Unicode name (LATIN, CYRILLIC, GREEK, ARABIC, CJK...)."""
    first = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
    return _SAME_WRITING.get(first, first)


def normalize_username(raw: str) -> str:
    """A username in a safe profile, like PRECIS's IdentifierClass: NFKC; letters and digits of one
    script, and ``- . _ @``; no spaces, controls, format or bidirectional characters, nothing
    unassigned or private. Raises InvalidInput naming what is wrong."""
    name = unicodedata.normalize("NFKC", raw.strip())
    if not name or len(name) > USERNAME_MAX:
        raise InvalidInput("a username is 1-%(max)s characters", field="username", max=USERNAME_MAX)
    scripts: set[str] = set()
    for char in name:
        category = unicodedata.category(char)
        if char in _USERNAME_PUNCTUATION or (category == "Nd" and char.isascii()):
            continue
        if category in ("Ll", "Lu", "Lo", "Lm", "Lt") or (category in ("Mn", "Mc") and scripts):
            if category[0] == "L":
                scripts.add(_script(char))
            continue
        what = unicodedata.name(char, f"U+{ord(char):04X}")
        raise InvalidInput(
            "a username has letters, ASCII digits and - . _ @ only, not %(char)s", field="username", char=what
        )
    if len(scripts) > 1:
        raise InvalidInput(
            "a username is written in one script, not several (%(scripts)s): "
            "mixed scripts make lookalike names",
            field="username",
            scripts=", ".join(sorted(scripts)),
        )
    return name


MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
WEAK_PASSWORDS = frozenset(
    {
        "password", "passwort", "motdepasse", "contrasena", "parol", "letmein", "welcome", "changeme",
        "iloveyou", "admin", "administrator", "qwerty", "qwertyuiop", "azerty", "azertyuiop", "qwertz",
        "abc", "abcdef", "abcdefghij", "monkey", "dragon", "football", "baseball", "sunshine", "princess",
        "secret", "trustno", "master", "login", "default", "rednotice", "interpol", "reviewer", "test",
        "demo", "guest", "root", "user",
    }
)  # fmt: skip
"""Known-weak passwords, compared without case, digits or punctuation ("Password2026!" is "password")."""


def password_problem(password: str, username: str = "") -> Text | None:
    """Why a password is too weak, or None: at least ten characters; not one character class only
    unless sixteen or more; at least five different characters; not a known-weak one nor the username.
    The reason is a ``Text``: English as a string, in the reader's language as an error's message."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return Text(N_("a password has at least %(min)s characters"), min=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return Text(N_("a password has at most %(max)s characters"), max=MAX_PASSWORD_LENGTH)
    if "\x00" in password:
        return Text(N_("a password cannot contain NUL characters"))
    if len(set(password)) < 5:
        return Text(N_("a password needs at least five different characters"))
    classes = {
        "lower" if c.islower() else "upper" if c.isupper() else "digit" if c.isdigit() else "other"
        for c in password
    }
    if len(classes) < 2 and len(password) < 16:
        return Text(
            N_("a password shorter than 16 characters mixes letters with digits, capitals or symbols")
        )
    letters = "".join(c for c in password.casefold() if c.isalpha())
    digits = "".join(c for c in password if c.isdigit())
    if letters in WEAK_PASSWORDS or (not letters and digits and digits in "01234567890123456789"):
        return Text(N_("this password is on the list of known-weak passwords"))
    if username and username.casefold() in password.casefold():
        return Text(N_("a password cannot contain the username"))
    return None
