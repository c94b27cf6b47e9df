"""The checkpoint signing key (issue 14, item 9): from settings, a random default in development only,
never outside it; PEM from openssl or raw base64; a key file others can read is refused."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from rednotice.adapters import signing
from rednotice.config import Environment, Settings
from rednotice.domain.errors import InvalidInput

STRONG = "Hq3-vN8xLp2_Zr7kWm4tYb9cJd6fGs1e"


@pytest.mark.parametrize("env", [Environment.PRODUCTION, Environment.TEST])
def test_no_signing_key_outside_development(tmp_path: Path, env: Environment) -> None:
    settings = Settings(env=env, data_dir=tmp_path, secret_key=STRONG)
    with pytest.raises(InvalidInput, match="no audit signing key"):
        signing.signing_key(settings)
    assert not list(tmp_path.iterdir())  # nothing generated


def test_development_key_is_random_private_and_kept(tmp_path: Path) -> None:
    a = signing.signing_key(Settings(env=Environment.DEVELOPMENT, data_dir=tmp_path / "a"))
    b = signing.signing_key(Settings(env=Environment.DEVELOPMENT, data_dir=tmp_path / "b"))
    assert signing.key_id(a.public_key()) != signing.key_id(b.public_key())
    again = signing.signing_key(Settings(env=Environment.DEVELOPMENT, data_dir=tmp_path / "a"))
    assert signing.key_id(again.public_key()) == signing.key_id(a.public_key())
    assert (tmp_path / "a" / "dev-audit-signing-key").stat().st_mode & 0o077 == 0


def test_key_from_a_file_or_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "audit.pem"
    made = signing.generate_key_file(path)
    assert path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(InvalidInput, match="never overwritten"):
        signing.generate_key_file(path)
    settings = Settings(env=Environment.PRODUCTION, secret_key=STRONG, audit_signing_key_file=path)
    assert signing.key_id(signing.signing_key(settings).public_key()) == signing.key_id(made.public_key())
    raw = base64.b64encode(Ed25519PrivateKey.generate().private_bytes_raw()).decode()
    from_env = Settings(env=Environment.PRODUCTION, secret_key=STRONG, audit_signing_key=raw)
    assert signing.signing_key(from_env)
    path.chmod(0o644)
    with pytest.raises(InvalidInput, match="readable by others"):
        signing.signing_key(settings)


def test_bad_keys_are_clear_errors(tmp_path: Path) -> None:
    for bad in ("not a key", base64.b64encode(b"short").decode(), "-----BEGIN PRIVATE KEY-----\nxx\n"):
        with pytest.raises(InvalidInput):
            signing.load_private_key(bad.encode())
    with pytest.raises(InvalidInput, match="neither a key"):
        signing.load_public_key(str(tmp_path / "missing.pub"))


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_openssl_keys_are_accepted(tmp_path: Path) -> None:
    private, public = tmp_path / "k.pem", tmp_path / "k.pub"
    subprocess.run(["openssl", "genpkey", "-algorithm", "ed25519", "-out", str(private)], check=True)
    subprocess.run(["openssl", "pkey", "-in", str(private), "-pubout", "-out", str(public)], check=True)
    key = signing.load_private_key(private.read_bytes())
    from_file = signing.load_public_key(str(public))
    from_text = signing.load_public_key(signing.public_key_text(key.public_key()))
    assert signing.key_id(from_file) == signing.key_id(from_text) == signing.key_id(key.public_key())
