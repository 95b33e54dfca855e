"""The folder of bad inputs: each file gets exactly its expected, located diagnostics and exit 1."""

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from perfsheet.check import check_paths
from perfsheet.cli import app

CASES = Path(__file__).parent / "cases"
EXPECTED: dict[str, list[str]] = yaml.safe_load((CASES / "expected.yaml").read_text(encoding="utf-8"))


def test_every_bad_file_has_an_expectation() -> None:
    on_disk = {p.name for p in (CASES / "bad").glob("*.yaml")} - {"perfsheet.yaml"}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_gets_its_located_diagnostics(name: str) -> None:
    report = check_paths([CASES / "bad" / name]).report
    assert [f"{d.code}@{d.line}:{d.column}" for d in report] == EXPECTED[name]
    assert all(d.message and d.hint for d in report), "every diagnostic says what is wrong and how to fix it"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_exits_1_without_traceback(name: str) -> None:
    result = CliRunner().invoke(app, ["validate", str(CASES / "bad" / name)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"bad/{name}:" in result.output
