"""Text XML 1.0 cannot carry never reaches a document: typed raw or as a YAML escape, in any text field,
validate refuses it at its line and build writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet.cli import app
from tests.conftest import CLEAN_PROJECT, SETTINGS, variant, write_collection

runner = CliRunner()
# The C0 controls but tab, LF and CR; the non-characters U+FFFE and U+FFFF; lone surrogates.
FORBIDDEN = [f"\\x{code:02X}" for code in range(0x20) if code not in (0x09, 0x0A, 0x0D)] + [
    "\\uFFFE",
    "\\uFFFF",
    "\\uD800",
    "\\uDFFF",
]
# Every kind of text field, as (line to replace, its replacement with {escape} inside quotes).
FIELDS = {
    "项目名称": ("项目名称: 青年科技人才服务", '项目名称: "青年{escape}服务"'),
    "实施单位": ("项目类别: 特定目标类", '项目类别: 特定目标类\n实施单位: "某{escape}中心"'),
    "项目总目标": ("项目总目标:", '项目总目标: "三年{escape}目标"'),
    "三级指标名称": ("      - 项目影响力: 较上年有所提升", '      - "项目{escape}影响力": 较上年有所提升'),
    "定性指标值": ("      - 项目影响力: 较上年有所提升", '      - 项目影响力: "较上年{escape}提升"'),
    "忽略规则理由": ("项目总目标:", '项目总目标:\n忽略规则:\n  - 代码: R342\n    理由: "因为{escape}"'),
}


@pytest.mark.parametrize("escape", FORBIDDEN)
@pytest.mark.parametrize("field", sorted(FIELDS))
def test_a_forbidden_character_is_refused_where_it_is_typed(field: str, escape: str, tmp_path: Path) -> None:
    old, new = FIELDS[field]
    text = variant(old, new.format(escape=escape))
    line = next(n for n, content in enumerate(text.splitlines(), 1) if escape in content)
    root = write_collection(tmp_path / "c", {"01-x.yaml": text})
    result = runner.invoke(app, ["validate", str(root)])
    assert result.exit_code == 1
    assert f"01-x.yaml:{line}:" in result.output, result.output
    out = tmp_path / "out.docx"
    assert runner.invoke(app, ["build", str(root), "-o", str(out)]).exit_code == 1
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["c"]


@pytest.mark.parametrize("escape", ["\\x07", "\\uFFFE", "\\x1b"])
def test_the_unit_in_perfsheet_yaml_too(escape: str, tmp_path: Path) -> None:
    settings = SETTINGS.replace("编报单位: 上海市某某中心", f'编报单位: "上海{escape}中心"')
    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT}, settings)
    result = runner.invoke(app, ["validate", str(root)])
    assert result.exit_code == 1 and "perfsheet.yaml:2:" in result.output


def test_the_writer_itself_refuses_to_make_a_broken_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Were a forbidden character ever to slip past validate (a bug), the build stops with exit 3 and
    # writes nothing, rather than a document no reader opens.
    import perfsheet.layout.form as form

    original = form.form_table

    def corrupted(*args: object, **kwargs: object) -> object:
        table = original(*args, **kwargs)  # type: ignore[arg-type]
        first = table.rows[0]
        cells = (first.cells[0]._replace(text="项目\x07名称"), *first.cells[1:])
        return type(table)(table.widths, (first._replace(cells=cells), *table.rows[1:]), table.size)

    monkeypatch.setattr(form, "form_table", corrupted)
    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["build", str(root), "-o", str(out)])
    assert result.exit_code == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c"]
