"""One error hierarchy with stable codes. The web maps each class to an HTTP status in one place."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every error rednotice raises on purpose. ``code`` is stable and machine-readable."""

    code = "error"

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidInput(DomainError):
    """The input is not a valid request (malformed JSON, a bad date, an unknown country...)."""

    code = "invalid_input"


class TooLarge(InvalidInput):
    """The input is larger than the configured limit."""

    code = "too_large"


class NotFound(DomainError):
    """No such thing, or the asker may not know it exists."""

    code = "not_found"


class Forbidden(DomainError):
    """The asker is known but their role or country may not do this."""

    code = "forbidden"


class Unauthenticated(DomainError):
    code = "unauthenticated"


class IllegalTransition(DomainError):
    """The lifecycle does not allow this action from the notice's current state."""

    code = "illegal_transition"


class Conflict(DomainError):
    """Someone else changed the record first (stale version); reload and decide again."""

    code = "conflict"


class RuleViolation(DomainError):
    """A business rule forbids this (e.g. renewal outside the last six months, no reasons given)."""

    code = "rule_violation"


class IntegrityFailure(DomainError):
    """Stored data does not match its own proofs (e.g. a broken audit chain)."""

    code = "integrity_failure"
