"""Which indicator classes a form sets (R301–R305, R359)."""

from __future__ import annotations

from collections.abc import Iterator

from perfsheet.diagnostics import Diagnostic
from perfsheet.model.framework import framework
from perfsheet.rules.context import INDICATORS, RuleContext

# 一级指标 a form is expected to carry, and the code that reports its absence.
_EXPECTED_CLASSES = (("产出指标", "R301"), ("效益指标", "R302"), ("成本指标", "R303"), ("满意度指标", "R304"))


def missing_classes(ctx: RuleContext) -> Iterator[Diagnostic]:
    present = {level1 for level1, groups in ctx.project.indicators.items() if groups}
    for level1, code in _EXPECTED_CLASSES:
        if level1 not in present:
            yield ctx.report(code, (INDICATORS,), at_key=True)


def incomplete_output(ctx: RuleContext) -> Iterator[Diagnostic]:
    groups = ctx.project.indicators.get("产出指标")
    if not groups:
        return
    missing = [name for name in framework().levels["产出指标"] if not groups.get(name)]
    if missing:
        yield ctx.report("R305", (INDICATORS, "产出指标"), at_key=True, missing="、".join(missing))


def indicator_count(ctx: RuleContext) -> Iterator[Diagnostic]:
    count = sum(1 for _ in ctx.indicators())
    if count < ctx.words.min_indicators:
        yield ctx.report("R359", (INDICATORS,), at_key=True, count=count, problem=f"少于 {ctx.words.min_indicators} 个")
    elif count > ctx.words.max_indicators:
        yield ctx.report("R359", (INDICATORS,), at_key=True, count=count, problem=f"多于 {ctx.words.max_indicators} 个")
