"""What ``perfsheet fix`` may touch and what it may never do to a value (issue 22, items 3 and 4): it
repairs the files validate checks and nothing else, and it never rounds an amount."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet import cli
from perfsheet.check import check_paths
from tests.conftest import CLEAN_PROJECT, variant, write_collection

runner = CliRunner()


@pytest.mark.parametrize("amount", ["1.2345678万元", "0.0000001万元"])
def test_fix_never_rounds_an_amount_finer_than_a_cent(amount: str, tmp_path: Path) -> None:
    text = variant("年度资金申请总额: 450,000.00", f"年度资金申请总额: {amount}")
    root = write_collection(tmp_path / "c", {"01-x.yaml": text})
    result = runner.invoke(cli.app, ["fix", str(root)])
    assert (root / "01-x.yaml").read_text(encoding="utf-8") == text, "the amount stays as written"
    assert result.exit_code == 1
    # Reported, with the exact amount in 元 and no rounded figure to copy.
    found = [d for d in check_paths([root]).report.diagnostics if d.line == 11]
    assert [d.code for d in found] == ["E355"]
    exact = "12,345.678" if amount.startswith("1.") else "0.001"
    assert exact in found[0].message
    assert "12,345.68" not in found[0].message + found[0].hint
    assert "0.00 " not in found[0].hint and "0.00（" not in found[0].hint


def test_fix_still_converts_an_exact_amount_in_ten_thousands(tmp_path: Path) -> None:
    text = variant("年度资金申请总额: 450,000.00", "年度资金申请总额: 45万元")
    root = write_collection(tmp_path / "c", {"01-x.yaml": text})
    runner.invoke(cli.app, ["fix", str(root)])
    assert "年度资金申请总额: 450,000.00\n" in (root / "01-x.yaml").read_text(encoding="utf-8")
