"""The one diagnostic type every stage reports with, and the report that collects them.

Messages and hints come from the catalogue in ``templates/messages.yaml`` (code → severity, message,
hint), so wording is data. A stage creates a diagnostic with :func:`from_catalogue` and the catalogue's
placeholders filled in.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from perfsheet.diagnostics.severity import Severity
from perfsheet.resources import load_table
from perfsheet.text.characters import HIDDEN_LINE_BREAKS, matching

if TYPE_CHECKING:
    from perfsheet.diagnostics.entries import CatalogueEntry


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass(frozen=True)
class Diagnostic:
    """One finding: where it is, which rule, how serious, what is wrong and how to fix it."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (self.file, self.line, self.column, self.severity.rank, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


@cache
def catalogue() -> dict[str, CatalogueEntry]:
    """Code → entry, read once; a malformed entry is an error naming the file and line."""
    from perfsheet.diagnostics.entries import load_catalogue  # pydantic only once a diagnostic is made

    return load_catalogue()


class _Blank(dict[str, Any]):
    """Format mapping that leaves an unknown placeholder visible rather than failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# What a terminal, a CI log or a GitHub annotation would interpret rather than show: control characters
# (ESC starts terminal sequences, a newline starts a forged line), line separators, bidi overrides and
# zero-width characters and every other invisible one. User text is shown with these written out as escapes.
_UNPRINTABLE = f"\x00-\x1f\x7f-\x9f{HIDDEN_LINE_BREAKS}"


_SHOWN_AS = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(char: str) -> str:
    point = ord(char)
    return _SHOWN_AS.get(char, f"\\u{point:04X}" if point <= 0xFFFF else f"\\U{point:08X}")


def visible(text: str) -> str:
    """``text`` with every character that could be interpreted written out (``\\n``, ``\\u001B``)."""
    return matching(_UNPRINTABLE, text).sub(lambda m: _escape(m.group()), text)


@dataclass(frozen=True)
class Phrases:
    """The parts of a sentence that vary with the case (``templates/phrases.yaml``); the sentence
    around them is a catalogue message. Fill one with :func:`fill`."""

    did_you_mean: str = field(metadata={"alias": "是不是"})
    allowed_keys: str = field(metadata={"alias": "可用的键"})
    unknown_key: str = field(metadata={"alias": "未知的键"})
    ignored: str = field(metadata={"alias": "已忽略"})
    belongs_elsewhere: str = field(metadata={"alias": "属于另一个一级指标"})
    fewer_than: str = field(metadata={"alias": "少于"})
    more_than: str = field(metadata={"alias": "多于"})
    other_unit: str = field(metadata={"alias": "单位不同的指标"})
    other_number: str = field(metadata={"alias": "数量不同的指标"})
    nature_is: str = field(metadata={"alias": "项目性质为"})
    dates_span: str = field(metadata={"alias": "计划日期跨年"})
    list_separator: str = field(metadata={"alias": "列举分隔"})
    either: str = field(metadata={"alias": "两种写法"})
    yaml_tag: str = field(metadata={"alias": "标签"})
    exit_code: str = field(metadata={"alias": "退出码"})
    rename_to: str = field(metadata={"alias": "请改名为"})
    wrong_suffix: str = field(metadata={"alias": "文件名后缀不对"})
    collection_folder: str = field(metadata={"alias": "汇总表目录"})
    install_source: str = field(metadata={"alias": "安装来源"})
    hint_line: str = field(metadata={"alias": "提示行"})
    source_line: str = field(metadata={"alias": "来源行"})
    check_summary: str = field(metadata={"alias": "检查汇总"})
    level1_description: str = field(metadata={"alias": "一级指标说明"})
    level2_choices: str = field(metadata={"alias": "二级指标只有"})
    level1_choices: str = field(metadata={"alias": "一级指标只有"})
    list_under_level1: str = field(metadata={"alias": "一级下直接列出"})
    part_count: str = field(metadata={"alias": "部件数"})
    part_size: str = field(metadata={"alias": "部件大小"})
    unpacked_size: str = field(metadata={"alias": "解压总大小"})
    table_columns: str = field(metadata={"alias": "表格列数"})
    cell_count: str = field(metadata={"alias": "单元格总数"})
    merged_columns: str = field(metadata={"alias": "合并列数"})
    table_nesting: str = field(metadata={"alias": "嵌套层数"})
    element_nesting: str = field(metadata={"alias": "元素层数"})
    part_ratio: str = field(metadata={"alias": "解压倍数"})
    ratio_limit: str = field(metadata={"alias": "倍数上限"})
    count_limit: str = field(metadata={"alias": "个数上限"})
    byte_limit: str = field(metadata={"alias": "字节上限"})
    column_limit: str = field(metadata={"alias": "列数上限"})
    nesting_limit: str = field(metadata={"alias": "层数上限"})
    sheet_count: str = field(metadata={"alias": "工作表数"})
    sheet_rows: str = field(metadata={"alias": "工作表行数"})
    sheet_columns: str = field(metadata={"alias": "工作表列数"})
    workbook_note: str = field(metadata={"alias": "读自工作簿"})
    attainment_band: str = field(metadata={"alias": "完成程度区间"})
    empty_pools: str = field(metadata={"alias": "没有指标的一级指标"})
    not_given: str = field(metadata={"alias": "未填写"})
    actual_unit: str = field(metadata={"alias": "实际完成值的单位"})
    actual_without_unit: str = field(metadata={"alias": "实际完成值没有单位"})
    same_unit_example: str = field(metadata={"alias": "同一单位的写法"})
    convert_unit: str = field(metadata={"alias": "换算单位"})
    total: str = field(metadata={"alias": "合计"})


@cache
def phrases() -> Phrases:
    return load_table("templates", "phrases.yaml", Phrases)


def fill(phrase: str, **params: Any) -> str:
    """``phrase`` with its placeholders filled (an unknown one stays visible, as in messages)."""
    return phrase.format_map(_Blank(params))


def listing(items: Iterable[str]) -> str:
    """Items as a Chinese list: 「项目名称、主管部门」."""
    return phrases().list_separator.join(items)


def closest(name: str, choices: Sequence[str], cutoff: float) -> str | None:
    """The choice a misspelt ``name`` was most likely meant as (difflib's ratio at least ``cutoff``)."""
    close = difflib.get_close_matches(name, choices, n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(name: str) -> str:
    """The one way a hint guesses what was meant: 「是不是「项目名称」？」."""
    return fill(phrases().did_you_mean, name=name)


def from_catalogue(
    code: str,
    file: str,
    position: Position | None,
    severity: Severity | None = None,
    hint: str | None = None,
    **params: Any,
) -> Diagnostic:
    """Build a diagnostic from the catalogue entry ``code`` with its placeholders filled."""
    entry = catalogue()[code]
    values = _Blank(params)
    message = entry.message.format_map(values)
    if hint is None:
        hint = entry.hint.format_map(values) if entry.hint else ""
    pos = position or Position(1, 1)
    return Diagnostic(
        file=visible(file),
        line=pos.line,
        column=pos.column,
        code=code,
        severity=severity or entry.severity,
        message=visible(message),
        hint=visible(hint),
    )


@dataclass
class Report:
    """Every diagnostic of one run, in a stable order."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.diagnostics), key=Diagnostic.sort_key)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def count(self, severity: Severity) -> int:
        return sum(1 for d in set(self.diagnostics) if d.severity is severity)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0

    def failed(self, strict: bool = False) -> bool:
        """Errors fail a run; with ``strict``, warnings fail it too."""
        return self.has_errors or (strict and self.count(Severity.WARNING) > 0)


__all__ = [
    "Diagnostic",
    "Phrases",
    "Position",
    "Report",
    "Severity",
    "catalogue",
    "closest",
    "did_you_mean",
    "fill",
    "from_catalogue",
    "listing",
    "phrases",
    "visible",
]
