"""Typed settings, read from the environment (prefix ``REDNOTICE_``) when the app starts.

One ``Settings``, built once at the edge (the app factory, the CLI) and passed down. The use cases'
tunables are sections of it, plain frozen values (dataclasses, no environment) declared here and
re-exported by the module that uses them: ``settings.after_hit`` (``AfterHitSettings``, also
``services.after_hit.AfterHitSettings``) and ``settings.figures`` (``FiguresSettings``, also
``services.figures.FiguresSettings``). Their environment variables keep the names they always had
(``SECTION_ENV``); ``REDNOTICE_AFTER_HIT__EXTRADITION_REQUEST_DAYS``-style nested names work too. No use
case reads the environment (decision 0012).

Outside development there are no default secrets: a missing or weak secret key stops start-up.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


WEAK_SECRET_PARTS = ("secret", "password", "changeme", "rednotice", "example", "0123456789", "abcdef")


def secret_problem(key: str) -> str | None:
    """Why a secret key is not random enough, or None (issue 14, item 13: 32 'a's were accepted)."""
    if len(key) < 32:
        return "it has fewer than 32 characters"
    if len(set(key)) < 16:
        return "it has fewer than 16 different characters (e.g. secrets.token_urlsafe(48))"
    classes = {
        "lower" if c.islower() else "upper" if c.isupper() else "digit" if c.isdigit() else "other"
        for c in key
    }
    if len(classes) < 2:
        return "it uses a single class of characters"
    if any(part in key.casefold() for part in WEAK_SECRET_PARTS):
        return "it contains a guessable word or sequence"
    return None


def _whole(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} is a whole number from {low} to {high}, not {value!r}")


@dataclass(frozen=True, slots=True)
class AfterHitSettings:
    """After a hit (``services/after_hit.py``), as plain values: the use cases take them, never read the
    environment (``REDNOTICE_EXTRADITION_REQUEST_DAYS`` is read here, into ``Settings.after_hit``)."""

    extradition_request_days: int = 60
    """RN-23: days after a person is located within which the requesting NCB records an extradition
    request; after that the notice is flagged for review (harassment pattern). 1 to 3650."""

    def __post_init__(self) -> None:
        _whole("extradition_request_days", self.extradition_request_days, 1, 3650)


@dataclass(frozen=True, slots=True)
class FiguresSettings:
    """Small-group protection of the figures (``services/figures.py``), as plain values
    (``REDNOTICE_FIGURES_PUBLIC_MINIMUM``, ``REDNOTICE_FIGURES_OVERSIGHT_MINIMUM``)."""

    public_minimum: int = 5
    """Public figures withhold counts from 1 to this minus 1 (shown as '<5'); 3 to 100. The default is
    ``domain.figures.DEFAULT_PUBLIC_MINIMUM`` (a test holds them equal)."""
    oversight_minimum: int = 1
    """The same for oversight users; 1 withholds nothing. 1 to 100."""

    def __post_init__(self) -> None:
        _whole("public_minimum", self.public_minimum, 3, 100)
        _whole("oversight_minimum", self.oversight_minimum, 1, 100)


SECTION_ENV: dict[tuple[str, str], str] = {
    ("after_hit", "extradition_request_days"): "REDNOTICE_EXTRADITION_REQUEST_DAYS",
    ("figures", "public_minimum"): "REDNOTICE_FIGURES_PUBLIC_MINIMUM",
    ("figures", "oversight_minimum"): "REDNOTICE_FIGURES_OVERSIGHT_MINIMUM",
}
"""The environment variable of each section's field: the names used before the sections existed."""


class SectionEnvironment(PydanticBaseSettingsSource):
    """Reads the sections' fields from their established environment variables (``SECTION_ENV``)."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # everything is done in __call__

    def __call__(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for (section, name), variable in SECTION_ENV.items():
            value = os.environ.get(variable)
            if value is not None:
                out.setdefault(section, {})[name] = value
        return out


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REDNOTICE_", extra="ignore", env_nested_delimiter="__")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Arguments first, then the environment (the sections' own names before nested ones)."""
        return (
            init_settings,
            SectionEnvironment(settings_cls),
            env_settings,
            dotenv_settings,
            file_secret_settings,
        )

    after_hit: AfterHitSettings = Field(
        default_factory=AfterHitSettings,
        description="After a hit (RN-23): REDNOTICE_EXTRADITION_REQUEST_DAYS (default 60, 1 to 3650).",
    )
    figures: FiguresSettings = Field(
        default_factory=FiguresSettings,
        description="Small-group protection of the figures: REDNOTICE_FIGURES_PUBLIC_MINIMUM (default 5, "
        "3 to 100) and REDNOTICE_FIGURES_OVERSIGHT_MINIMUM (default 1).",
    )

    env: Environment = Environment.DEVELOPMENT
    data_dir: Path = Field(default=Path("var"), description="Where the embedded SQLite store lives.")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; PostgreSQL in production: postgresql+psycopg://..."
    )
    replica_database_url: str | None = Field(
        default=None,
        description="A PostgreSQL streaming replica (postgresql+psycopg://...) for reads that may be a "
        "second late: the public list and notice pages and API, the transparency and oversight figures. "
        "Connections to it are read-only; every write stays on REDNOTICE_DATABASE_URL (PostgreSQL too).",
    )
    secret_key: str | None = Field(
        default=None, description="Signs session cookies. Required outside development."
    )
    max_upload_bytes: int = Field(
        default=10 * 1024 * 1024, description="Largest request body or file accepted."
    )
    token_days: int = Field(
        default=90, ge=1, le=366, description="How many days a new API token lives (at most 366)."
    )
    page_size_max: int = Field(default=200, description="Largest page a list endpoint returns.")
    search_retention_months: int = Field(
        default=12,
        ge=1,
        le=1200,
        description="How many months before the current one `rednotice db retention` keeps screening runs, "
        "their results and hits (search records; audit events are never dropped).",
    )
    # Signed audit checkpoints (issue 14, item 9): the signing key is never in the database.
    audit_signing_key: str | None = Field(
        default=None,
        repr=False,
        description="Ed25519 private key that signs audit checkpoints (PEM, or the raw 32 bytes in base64). "
        "Outside development, this or audit_signing_key_file is needed to write checkpoints.",
    )
    audit_signing_key_file: Path | None = Field(
        default=None, description="File holding that private key (readable by its owner only)."
    )
    audit_public_key: str | None = Field(
        default=None,
        description="Ed25519 public key (PEM or base64, or a file holding it) that `audit verify` checks "
        "checkpoints with when --public-key is not given.",
    )
    audit_checkpoints: Path | None = Field(
        default=None,
        description="The file signed checkpoints are appended to (default: audit-checkpoints.jsonl in the "
        "data directory); copy it, or each printed line, somewhere the database's holders cannot write.",
    )
    background: bool = Field(
        default=True, description="Warm the screening index and run screening jobs in this server process."
    )
    # Rate limits per client address (issue 14, item 10): ``limits`` notation, several separated by ';'.
    rate_limits: bool | None = Field(
        default=None,
        description="Answer 429 past the rate limits below; on unless REDNOTICE_ENV=test.",
    )
    rate_limit_public: str = Field(
        default="300/minute;5000/hour",
        description="Requests per address to the public pages and APIs (notices, transparency figures).",
    )
    rate_limit_forms: str = Field(
        default="30/hour;100/day",
        description="Submissions per address of the public forms (CCF applications and case look-ups, "
        "harassment reports).",
    )
    rate_limit_sign_in: str = Field(
        default="30/minute;300/hour", description="Sign-in attempts per address, whatever the usernames."
    )
    rate_limit_sign_in_user: str = Field(
        default="10/minute;60/hour",
        description="Sign-in attempts per username, whether the account exists or not.",
    )
    rate_limit_storage: str = Field(
        default="memory://",
        description="Where the counts live: memory:// is per process; redis://host:6379 shares them "
        "between processes (install limits[redis]).",
    )

    @field_validator("rate_limit_public", "rate_limit_forms", "rate_limit_sign_in", "rate_limit_sign_in_user")
    @classmethod
    def _rate_limit(cls, value: str) -> str:
        from limits import parse_many

        try:
            parse_many(value)
        except ValueError as exc:
            raise ValueError(f"a rate limit such as '300/minute;5000/hour', not {value!r}") from exc
        return value

    @model_validator(mode="after")
    def _replica_of_postgresql(self) -> Settings:
        """A replica is PostgreSQL's (streaming replication): refused beside SQLite or as another kind."""
        if self.replica_database_url is None:
            return self
        if not _is_postgresql(self.replica_database_url):
            raise ValueError(
                "REDNOTICE_REPLICA_DATABASE_URL is a PostgreSQL URL (postgresql+psycopg://...), not "
                f"{self.replica_database_url.split(':', 1)[0]!r}"
            )
        if not self.database_url or not _is_postgresql(self.database_url):
            raise ValueError(
                "REDNOTICE_REPLICA_DATABASE_URL needs REDNOTICE_DATABASE_URL on PostgreSQL: the embedded "
                "SQLite store has no replica (unset REDNOTICE_REPLICA_DATABASE_URL)"
            )
        return self

    @model_validator(mode="after")
    def _no_default_secrets(self) -> Settings:
        if self.env is not Environment.DEVELOPMENT and (not self.secret_key or len(self.secret_key) < 32):
            raise ValueError(
                "REDNOTICE_SECRET_KEY must be set to at least 32 random characters outside development"
            )
        if self.env is Environment.PRODUCTION and (problem := secret_problem(self.secret_key or "")):
            raise ValueError(f"REDNOTICE_SECRET_KEY is too weak for production: {problem}")
        return self

    @property
    def is_development(self) -> bool:
        return self.env is Environment.DEVELOPMENT

    @property
    def rate_limited(self) -> bool:
        """Rate limits apply (off by default in the test environment only, where one client sends
        thousands of requests; the tests that check them turn them on)."""
        return self.rate_limits if self.rate_limits is not None else self.env is not Environment.TEST

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        return f"sqlite:///{(self.data_dir / 'rednotice.sqlite3').resolve()}"

    def resolved_secret_key(self) -> str:
        """In development only, a random key kept in the data directory (never a constant in code)."""
        if self.secret_key:
            return self.secret_key
        self.data_dir.mkdir(parents=True, exist_ok=True)
        path = self.data_dir / "dev-secret-key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()

    def resolved_audit_checkpoints(self) -> Path:
        return self.audit_checkpoints or self.data_dir / "audit-checkpoints.jsonl"

    def audit_signing_key_material(self) -> bytes | None:
        """The checkpoint signing key as configured; in development only, a random key kept in the data
        directory; otherwise None (never a default outside development)."""
        if self.audit_signing_key:
            return self.audit_signing_key.encode()
        if self.audit_signing_key_file:
            return self.audit_signing_key_file.read_bytes()
        if not self.is_development:
            return None
        import base64

        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = self.data_dir / "dev-audit-signing-key"
        if not path.exists():
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(base64.b64encode(secrets.token_bytes(32)).decode() + "\n")
        return path.read_bytes()


def _is_postgresql(url: str) -> bool:
    return url.split(":", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")


def load_settings() -> Settings:
    """The settings from the environment; a value out of range is one clear error naming its variable."""
    from pydantic import ValidationError

    from rednotice.domain.errors import InvalidInput

    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"REDNOTICE_{'__'.join(str(part) for part in err['loc']).upper()}: {err['msg']}"
            if err["loc"]
            else str(err["msg"]).removeprefix("Value error, ")  # a check of several settings names them
            for err in exc.errors()
        )
        raise InvalidInput("the settings are not valid: %(problems)s", problems=problems) from None
