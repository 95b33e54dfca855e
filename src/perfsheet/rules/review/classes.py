"""Which indicator classes a form sets (R301–R305, R359)."""

from __future__ import annotations

from collections.abc import Iterator

from perfsheet.diagnostics import Diagnostic, fill, listing, phrases
from perfsheet.model.framework import framework
from perfsheet.rules.context import FRAMEWORK, INDICATORS, RuleContext, emits


@emits("R301", "R302", "R303", "R304", reads=(FRAMEWORK,))
def missing_classes(ctx: RuleContext) -> Iterator[Diagnostic]:
    """Every 一级 class a form is expected to carry, each with the code that reports its absence."""
    fw = framework()
    expected = ((fw.output, "R301"), (fw.benefit, "R302"), (fw.cost, "R303"), (fw.satisfaction, "R304"))
    present = {level1 for level1, groups in ctx.project.indicators.items() if groups}
    for level1, code in expected:
        if level1 not in present:
            yield ctx.report(code, (INDICATORS,), at_key=True)


@emits("R305", reads=(FRAMEWORK,))
def incomplete_output(ctx: RuleContext) -> Iterator[Diagnostic]:
    output = framework().output
    groups = ctx.project.indicators.get(output)
    if not groups:
        return
    missing = [name for name in framework().levels[output] if not groups.get(name)]
    if missing:
        yield ctx.report("R305", (INDICATORS, output), at_key=True, missing=listing(missing))


@emits("R359", reads=(FRAMEWORK,))
def indicator_count(ctx: RuleContext) -> Iterator[Diagnostic]:
    count = sum(1 for _ in ctx.indicators())
    if count < ctx.words.min_indicators:
        problem = fill(phrases().fewer_than, limit=ctx.words.min_indicators)
    elif count > ctx.words.max_indicators:
        problem = fill(phrases().more_than, limit=ctx.words.max_indicators)
    else:
        return
    yield ctx.report("R359", (INDICATORS,), at_key=True, count=count, problem=problem)
