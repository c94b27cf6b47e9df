"""Signed audit checkpoints (issue 14, item 9): Ed25519 keys and the checkpoint file.

A checkpoint is one JSON line: the head of the audit chain (sequence number and hash), when it was
signed, which key signed it, and the Ed25519 signature of all that (:meth:`Checkpoint.payload`). The
private key lives outside the database (settings: a file or an environment variable); anyone holding
the public key alone can check a checkpoint file against a copy of the store, with
``rednotice audit verify --checkpoints FILE --public-key KEY``.

Keys are read as PEM (``openssl genpkey -algorithm ed25519``; ``openssl pkey -pubout`` for the public
key) or as the raw 32 bytes in base64 (what ``rednotice audit keygen`` prints for the public key).
"""

from __future__ import annotations

import base64
import binascii
import fcntl
import hashlib
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from rednotice.config import Settings
from rednotice.domain.audit import CHECKPOINT_FORMAT, Checkpoint, CheckpointKind
from rednotice.domain.errors import N_, InvalidInput, Text

_RAW = serialization.Encoding.Raw
_HEX64 = frozenset("0123456789abcdef")


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(_RAW, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    """A short name of a public key, written in each checkpoint: ``ed25519:`` and 16 hex digits."""
    return "ed25519:" + hashlib.sha256(_raw_public(key)).hexdigest()[:16]


def public_key_text(key: Ed25519PublicKey) -> str:
    """The public key as base64 of its 32 raw bytes (give it to whoever verifies)."""
    return base64.b64encode(_raw_public(key)).decode()


def public_key_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def _b64_32(text: str) -> bytes | None:
    try:
        raw = base64.b64decode(text.strip().replace("-", "+").replace("_", "/") + "==", validate=False)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == 32 else None


def load_private_key(material: bytes, where: str | None = None) -> Ed25519PrivateKey:
    """An Ed25519 private key from PEM (PKCS#8) or base64 of its 32 raw bytes; a clear error otherwise."""
    name = where if where is not None else Text(N_("the signing key"))
    text = material.decode("utf-8", "replace").strip()
    if text.startswith("-----BEGIN"):
        try:
            key = serialization.load_pem_private_key(text.encode(), password=None)
        except (ValueError, TypeError) as exc:
            raise InvalidInput(
                "%(key)s is not a readable PEM private key: %(reason)s", key=name, reason=str(exc)
            ) from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise InvalidInput("%(key)s is not an Ed25519 key (openssl genpkey -algorithm ed25519)", key=name)
        return key
    raw = _b64_32(text)
    if raw is None:
        raise InvalidInput("%(key)s is neither a PEM Ed25519 private key nor 32 bytes in base64", key=name)
    return Ed25519PrivateKey.from_private_bytes(raw)


def load_public_key(value: str) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM, base64 of its 32 raw bytes, or a file holding either."""
    text = value.strip()
    if not text.startswith("-----BEGIN") and _b64_32(text) is None:
        path = Path(text)
        if not path.is_file():
            raise InvalidInput(
                "the public key is neither a key (PEM or base64) nor a file: %(value)s",
                value=repr(value[:80]),
            )
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    if text.startswith("-----BEGIN"):
        try:
            key = serialization.load_pem_public_key(text.encode())
        except (ValueError, TypeError) as exc:
            raise InvalidInput(
                "the public key is not a readable PEM public key: %(reason)s", reason=str(exc)
            ) from exc
        if not isinstance(key, Ed25519PublicKey):
            raise InvalidInput("the public key is not an Ed25519 key")
        return key
    raw = _b64_32(text)
    if raw is None:
        raise InvalidInput("the public key is neither PEM nor 32 bytes in base64")
    return Ed25519PublicKey.from_public_bytes(raw)


def signing_key(settings: Settings) -> Ed25519PrivateKey:
    """The configured signing key. Outside development there is no default: a clear error."""
    path = settings.audit_signing_key_file
    if not settings.audit_signing_key and path is not None:
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            raise InvalidInput(
                "REDNOTICE_AUDIT_SIGNING_KEY_FILE cannot be read: %(reason)s", reason=str(exc)
            ) from exc
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise InvalidInput(
                "the signing key file %(path)s is readable by others than its owner (chmod 600 %(path)s)",
                path=str(path),
            )
    material = settings.audit_signing_key_material()
    if material is None:
        raise InvalidInput(
            "no audit signing key: set REDNOTICE_AUDIT_SIGNING_KEY_FILE (or REDNOTICE_AUDIT_SIGNING_KEY) "
            "to an Ed25519 private key kept outside the database (rednotice audit keygen FILE makes one); "
            "there is no default outside development"
        )
    return load_private_key(
        material, "REDNOTICE_AUDIT_SIGNING_KEY" if settings.audit_signing_key else str(path)
    )


def generate_key_file(path: Path) -> Ed25519PrivateKey:
    """A new private key written (PEM, 0600) to a file that must not exist yet."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError as exc:
        raise InvalidInput("%(path)s exists already: a key is never overwritten", path=str(path)) from exc
    except OSError as exc:
        raise InvalidInput("cannot create %(path)s: %(reason)s", path=str(path), reason=str(exc)) from exc
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    return key


@dataclass(frozen=True)
class Ed25519Signer:
    """Signs checkpoints (``services.audit.Signer``)."""

    key: Ed25519PrivateKey

    @property
    def key_id(self) -> str:
        return key_id(self.key.public_key())

    def sign(self, payload: bytes) -> str:
        return base64.b64encode(self.key.sign(payload)).decode()


def checkpoint_line(cp: Checkpoint) -> str:
    """The checkpoint as one line of JSON (what is appended to the file and printed)."""
    body: dict[str, Any] = json.loads(cp.payload())
    body["sig"] = cp.signature
    return json.dumps(body, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def append_checkpoint(path: Path, cp: Checkpoint) -> None:
    """Append one line, under an exclusive lock, flushed to disk before returning."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o644)
    with os.fdopen(fd, "a", encoding="utf-8") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            f.write(checkpoint_line(cp) + "\n")
            f.flush()
            os.fsync(f.fileno())
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _parse(line: str) -> Checkpoint:
    body = json.loads(line)
    if not isinstance(body, dict) or body.get("format") != CHECKPOINT_FORMAT:
        raise ValueError(f"not a {CHECKPOINT_FORMAT} line")
    kind, seq, digest = body.get("kind"), body.get("seq"), body.get("hash")
    at, key, sig = body.get("at"), body.get("key"), body.get("sig")
    if kind not in (CheckpointKind.CHECKPOINT, CheckpointKind.RESTORE):
        raise ValueError(f"unknown kind {kind!r}")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise ValueError("seq is not a number")
    if not isinstance(digest, str) or len(digest) != 64 or not set(digest) <= _HEX64:
        raise ValueError("hash is not a SHA-256 digest")
    if not isinstance(at, str) or not isinstance(key, str) or not isinstance(sig, str):
        raise ValueError("at, key or sig is missing")
    replaced_seq = replaced_hash = None
    if kind == CheckpointKind.RESTORE:
        replaced = body.get("replaced")
        if not isinstance(replaced, dict):
            raise ValueError("a restore without the head it replaced")
        replaced_seq, replaced_hash = replaced.get("seq"), replaced.get("hash")
        if not isinstance(replaced_seq, int) or not isinstance(replaced_hash, str):
            raise ValueError("a restore without the head it replaced")
    return Checkpoint(kind, seq, digest, at, key, replaced_seq, replaced_hash, sig)


def read_checkpoints(path: Path, public_keys: list[Ed25519PublicKey]) -> tuple[list[Checkpoint], list[str]]:
    """The checkpoints of a file whose signatures verify with one of ``public_keys``, and a problem for
    every other line (unreadable, signed by another key, or a signature that does not verify: forged or
    altered). Blank lines are skipped."""
    if not path.is_file():
        raise InvalidInput("no such checkpoint file: %(path)s", path=str(path))
    keys = {key_id(k): k for k in public_keys}
    good: list[Checkpoint] = []
    problems: list[str] = []  # each a Text: English as a string, the reader's language where shown
    with path.open(encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                cp = _parse(line)
            except ValueError as exc:  # json.JSONDecodeError is a ValueError
                problems.append(
                    Text(
                        N_("checkpoint file line %(number)s is not a checkpoint (%(reason)s)"),
                        number=number,
                        reason=str(exc),
                    )
                )
                continue
            key = keys.get(cp.key_id)
            if key is None:
                problems.append(
                    Text(
                        N_(
                            "checkpoint file line %(number)s is signed by "
                            "%(key)s, not by the given public key"
                        ),
                        number=number,
                        key=cp.key_id,
                    )
                )
                continue
            try:
                key.verify(base64.b64decode(cp.signature, validate=True), cp.payload())
            except (InvalidSignature, binascii.Error, ValueError):
                problems.append(
                    Text(
                        N_(
                            "checkpoint file line %(number)s: its signature "
                            "does not verify (forged or altered)"
                        ),
                        number=number,
                    )
                )
                continue
            good.append(cp)
    return good, problems
