"""Password hashing (argon2id) and the hashing of random secrets (API tokens, sessions, reset codes).

Passwords are chosen by people, so they are stretched with argon2id (slow on purpose). API tokens,
session secrets and reset codes are not: they are 256 (or 192) random bits from ``secrets``, so a plain
SHA-256 of them is enough to store and look them up. Nobody can search a space of 2^256 secrets, so
slowing each guess down or keying the hash would add nothing, and the check stays one indexed lookup
(microseconds, not the tens of milliseconds of argon2) on every API request (issue 18, item 1).
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()
# A real hash to verify against when the user does not exist, so timing does not reveal usernames.
_DUMMY = _hasher.hash(secrets.token_urlsafe(16))

UNUSABLE_PASSWORD = "!reset"  # noqa: S105 - not a password: no password verifies against it
"""Stored while a password reset is pending: the old password stops working at once."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    return "rn_" + secrets.token_urlsafe(32)


def new_reset_code() -> str:
    """A one-time password-reset code: 192 random bits, easy to copy (no ambiguous punctuation)."""
    return "rr-" + secrets.token_hex(24)


def new_public_id() -> str:
    """The name a token or session is shown and revoked by: random, unrelated to its secret."""
    return secrets.token_hex(8)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
