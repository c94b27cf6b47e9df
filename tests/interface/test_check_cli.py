"""``rednotice check FILE``: the compliance engine from a terminal; no store needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rednotice.cli.main import app
from tests.conftest import CASES
from tests.factories import request_dict

runner = CliRunner()
COMPLIANCE = CASES / "compliance"
EXPECTED = json.loads((COMPLIANCE / "expected.json").read_text(encoding="utf-8"))


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "name",
    [
        "01-murder-complete.json",
        "07-subversion-journalist.json",
        "11-vague-extremism.json",
        "13-no-extradition-assurance.json",
    ],
)
def test_check_prints_the_contract_result_and_exits_0_whatever_the_verdict(name: str) -> None:
    code, out, err = run("check", str(COMPLIANCE / name))
    assert code == 0, err
    result = json.loads(out)
    assert result["verdict"] == EXPECTED[name]["verdict"]
    assert set(EXPECTED[name]["codes"]) <= {f["code"] for f in result["findings"]}
    for f in result["findings"]:
        assert set(f) == {"code", "severity", "rule", "basis", "message", "evidence"}


def test_check_reads_stdin() -> None:
    code, out, err = run(
        "check", "-", input=json.dumps(request_dict(**{"assurances.extradition_will_be_sought": False}))
    )
    assert code == 0, err
    assert json.loads(out)["verdict"] == "non_compliant"


def test_check_text_format_says_why() -> None:
    code, out, _ = run("check", str(COMPLIANCE / "08-desertion.json"), "--format", "text")
    assert code == 0
    assert out.startswith("verdict: non_compliant")
    assert "RN-09" in out and "desertion" in out.lower() and "basis:" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "malformed JSON"),
        ('{"type": "red_notice"}', "requesting_country"),
        ("[1, 2]", "JSON object"),
        (json.dumps(request_dict(**{"subject.date_of_birth": "1971-02-30"})), "date"),
        (json.dumps(request_dict(**{"requesting_country": "XX"})), "ISO 3166"),
    ],
)
def test_invalid_request_exits_2_with_a_clear_message(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run("check", str(path))
    assert code == 2
    assert out == ""
    assert "invalid_input" in err and message in err


def test_missing_file_exits_2() -> None:
    code, _, err = run("check", "/no/such/request.json")
    assert code == 2 and "no such file" in err


def test_unknown_format_is_a_usage_error() -> None:
    code, _, _ = run("check", str(COMPLIANCE / "01-murder-complete.json"), "--format", "xml")
    assert code == 2
