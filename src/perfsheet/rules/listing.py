"""The catalogue of every diagnostic as a listing (``perfsheet rules``) and as ``docs/rules.md``."""

from __future__ import annotations

from perfsheet.diagnostics import Severity, catalogue, fill, phrases
from perfsheet.diagnostics.entries import CatalogueEntry
from perfsheet.model.vocabulary import SEVERITY_WORDS
from perfsheet.rules.configuration import is_review_code

# The Chinese name of each severity: the first word perfsheet.yaml may use for it.
SEVERITY_NAMES = {
    severity.value: next(word for word, named in SEVERITY_WORDS.items() if named is severity) for severity in Severity
}


def entries() -> list[CatalogueEntry]:
    return sorted(catalogue().values(), key=lambda entry: (not entry.code.startswith("R"), entry.code))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_text() -> str:
    lines = []
    for entry in entries():
        lines.append(f"{entry.code}  {SEVERITY_NAMES[entry.severity.value]}  {entry.title}")
        lines.append(f"    {entry.message}")
        if entry.source:
            lines.append("    " + fill(phrases().source_line, source=entry.source))
    return "\n".join(lines)


def as_markdown() -> str:
    review = [e for e in entries() if is_review_code(e.code)]
    fixed = [e for e in entries() if not is_review_code(e.code)]
    out = [
        "# perfsheet 的检查规则",
        "",
        "本文件由 `perfsheet rules --format markdown` 生成（`make docs`），请勿手工修改；措辞在",
        "`templates/messages.yaml`，词表与阈值在 `schemas/review.yaml`。",
        "",
        "## 审核规则（可调整）",
        "",
        "级别可在 `perfsheet.yaml` 中调整或关闭：",
        "",
        "```yaml",
        "规则:",
        "  R303: 关闭      # 错误 / 警告 / 提示 / 关闭",
        "```",
        "",
        "单个项目可以忽略某条规则，理由会列在报告中：",
        "",
        "```yaml",
        "忽略规则:",
        "  - 代码: R303",
        "    理由: 本项目为转移支付，不设成本指标",
        "```",
        "",
        "| 代码 | 默认级别 | 规则 | 消息 | 提示 | 来源 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    out += [
        f"| {e.code} | {SEVERITY_NAMES[e.severity.value]} | {_cell(e.title)} | {_cell(e.message)} | {_cell(e.hint)} "
        f"| {_cell(e.source)} |"
        for e in review
    ]
    out += [
        "",
        "## 文件、字段与一致性检查（总是错误）",
        "",
        "| 代码 | 检查 | 消息 | 提示 |",
        "| --- | --- | --- | --- |",
    ]
    out += [f"| {e.code} | {_cell(e.title)} | {_cell(e.message)} | {_cell(e.hint)} |" for e in fixed]
    return "\n".join(out) + "\n"
