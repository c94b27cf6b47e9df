from pathlib import Path

import pytest
from pydantic import ValidationError

from rednotice.config import Environment, Settings


def test_no_default_secret_outside_development(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="REDNOTICE_SECRET_KEY"):
        Settings(env=Environment.PRODUCTION, data_dir=tmp_path)
    with pytest.raises(ValidationError):
        Settings(env=Environment.PRODUCTION, data_dir=tmp_path, secret_key="short")
    strong = "Hq3-vN8xLp2_Zr7kWm4tYb9cJd6fGs1e"
    assert Settings(env=Environment.PRODUCTION, data_dir=tmp_path, secret_key=strong).resolved_secret_key()


def test_development_key_is_random_and_kept_in_the_data_dir(tmp_path: Path) -> None:
    a = Settings(env=Environment.DEVELOPMENT, data_dir=tmp_path / "a").resolved_secret_key()
    b = Settings(env=Environment.DEVELOPMENT, data_dir=tmp_path / "b").resolved_secret_key()
    assert a != b and len(a) >= 32
    assert Settings(env=Environment.DEVELOPMENT, data_dir=tmp_path / "a").resolved_secret_key() == a
