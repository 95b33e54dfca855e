"""Consistency between the parts of a form and across a collection (R350–R358)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from functools import cache

from perfsheet.collection.loading import Collection, PhraseLocator
from perfsheet.diagnostics import Diagnostic, fill, from_catalogue, listing, phrases
from perfsheet.model import Quantitative, Unreadable, labels
from perfsheet.model.framework import framework
from perfsheet.model.vocabulary import Vocabulary, vocabulary
from perfsheet.rules.context import DATES, FRAMEWORK, GOAL, MONEY, RuleContext, emits

_NUMBERS = re.compile(r"\d+(?:\.\d+)?")


def _goal_numbers(words: Vocabulary) -> re.Pattern[str]:
    """「数量 + 量词」 phrases of a goal, with the rule's words (量词, 份额用语, 数量前用语)."""
    return _goal_numbers_of(words.measure_words, words.share_words, words.amount_words)


@cache
def _goal_numbers_of(
    measure_words: tuple[str, ...], share_words: tuple[str, ...], amount_words: tuple[str, ...]
) -> re.Pattern[str]:
    """A number right after 每… (「每生每年780元」「每期 3 天」) is a standard or a period, one after a share
    word (「县级财政负担20%」) a funding share: neither is an amount to carry, and the ``skip`` group marks
    them. Compiled once per set of words."""
    units = "|".join(re.escape(unit) for unit in measure_words)
    shares = "|".join(re.escape(word) for word in share_words)
    amounts = "|".join(re.escape(word) for word in amount_words)
    # Every match starts with 每, a share word, an amount word or a digit: a lookahead for those first
    # characters lets the search pass over the rest of the goal without trying each alternative there
    # (left out when a share word is empty, which lets a match start anywhere).
    starts = {"每", *(word[:1] for word in (*share_words, *amount_words))}
    start = "" if "" in starts else rf"(?=[\d{re.escape(''.join(sorted(starts)))}])"
    return re.compile(
        rf"{start}(?P<skip>每[^\d\s，。；、,.;]{{1,2}}\s*|(?:{shares})\s*)?"
        rf"(?P<phrase>(?:(?:{amounts})\s*)?(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>{units}))"
    )


# Where a goal's clause ends (「举办 2 场交流活动、出版 1 本文集」 holds two clauses).
_CLAUSE_END = re.compile(r"[，,。；;、\n！？!?]")


@cache
def _cjk_runs() -> re.Pattern[str]:
    """Runs of Chinese characters, compiled when a goal's phrase is first compared: the range takes
    milliseconds to compile, and a form whose goal every indicator carries compares none."""
    return re.compile(r"[\u4e00-\u9fff]+")


def _words(text: str) -> frozenset[str]:
    """The two-character words of a text (every pair of neighbouring Chinese characters), without the
    common ones (``泛用词``) that every goal and every indicator has."""
    pairs = {run[i : i + 2] for run in _cjk_runs().findall(text) for i in range(len(run) - 1)}
    return frozenset(pairs - vocabulary().common_words)


class _Topics:
    """What R350 compares a goal's phrase with, worked out once per project and only when a phrase is not
    carried: the goal's clause boundaries, and each word → the indicators whose names hold it. A word
    most indicators' names hold (「成数」 in every 「…完成数」) cannot tell which one speaks of the goal's
    thing and is left out; the comparisons stop after a budget linear in the form (a finding without
    its comparison is still reported), so no goal and no list of indicators makes the rule quadratic."""

    def __init__(self, goal: str, quantities: list[tuple[str, Quantitative]]) -> None:
        self.goal = goal
        self.ends = [m.start() for m in _CLAUSE_END.finditer(goal)]
        self.quantities = quantities
        postings: dict[str, list[int]] = {}
        for index, (name, _value) in enumerate(quantities):
            for word in _words(name):
                postings.setdefault(word, []).append(index)
        limit = max(3, len(quantities) // 4)
        self.postings = {word: found for word, found in postings.items() if len(found) <= limit}
        self.budget = 50 * (len(goal) + len(quantities))

    def clause(self, start: int, end: int) -> str:
        """The goal's clause around ``goal[start:end]``, without that phrase."""
        first = bisect_left(self.ends, start)
        begin = self.ends[first - 1] + 1 if first else 0
        last = bisect_left(self.ends, end)
        stop = self.ends[last] if last < len(self.ends) else len(self.goal)
        return self.goal[begin:start] + self.goal[end:stop]

    def same_thing(self, start: int, end: int, number: Decimal, unit: str) -> tuple[str, Quantitative] | None:
        """Of the indicators comparable with a goal's 「number unit」 — the same unit (another number) or
        the same number (another unit); an amount is never compared with a count of something else —
        the one whose name shares most words with the phrase's clause (the first of equals)."""
        shared: Counter[int] = Counter()
        for word in _words(self.clause(start, end)):
            found = self.postings.get(word, ())
            self.budget -= len(found) + 1
            if self.budget < 0:
                return None
            shared.update(found)
        best: tuple[int, int] | None = None  # (shared words, -index)
        for index, count in shared.items():
            value = self.quantities[index][1]
            if (value.unit == unit or value.number == number) and (best is None or (count, -index) > best):
                best = (count, -index)
        return None if best is None else self.quantities[-best[1]]


@emits("R350", reads=(FRAMEWORK, GOAL))
def goal_matches_indicators(ctx: RuleContext) -> Iterator[Diagnostic]:
    """Every 「数量 + 量词」 of 年度总体目标 should be carried by an indicator with that number and unit.
    One that is not is compared with the indicator that speaks of the same thing — of those with its
    unit or its number, the one whose name shares most words with the goal's clause — and with no other
    (the first indicator with the same number may count something else).

    Linear in the goal and the indicators: a set of what is carried, the comparisons (``_Topics``)
    worked out only when a phrase is not carried, and phrases located with one forward cursor."""
    carried: set[tuple[Decimal, str]] = set()
    quantities: list[tuple[str, Quantitative]] = []
    # A value that cannot be read (its error is reported) may carry any number it shows, in any unit.
    unread: set[Decimal] = set()
    for ref in ctx.refs:
        value = ref.value
        if isinstance(value, Quantitative):
            # 780元/生/年 carries 「780元」 as well as 「780元/生/年」.
            carried.add((value.number, value.unit))
            if "/" in value.unit:
                carried.add((value.number, value.unit.split("/", 1)[0]))
            quantities.append((ref.name, value))
        elif isinstance(value, Unreadable):
            unread.update(Decimal(number) for number in _NUMBERS.findall(value.text))
    seen: set[tuple[Decimal, str]] = set()
    topics: _Topics | None = None
    goal = ctx.project.annual_goal
    locate: PhraseLocator | None = None  # only when a phrase is reported: it reads the file up to the goal
    for match in _goal_numbers(ctx.words).finditer(goal):
        if match.group("skip"):
            continue
        number, unit = Decimal(match.group("number")), match.group("unit")
        if (number, unit) in seen or (number, unit) in carried or number in unread:
            continue
        seen.add((number, unit))
        if topics is None:
            topics = _Topics(goal, quantities)
        other = topics.same_thing(match.start("phrase"), match.end("phrase"), number, unit)
        detail = ""
        if other is not None and other[1].number == number:
            detail = fill(phrases().other_unit, name=other[0], value=other[1].canonical())
        elif other is not None:
            detail = fill(phrases().other_number, name=other[0], value=other[1].canonical())
        phrase = match.group("phrase")
        if locate is None:
            locate = ctx.file.phrase_locator((labels.ANNUAL_GOAL,))
        position = locate(phrase, match.start("phrase"))
        yield from_catalogue("R350", ctx.file.display, position, phrase=phrase, detail=detail)


@emits("R351", "R352", reads=(FRAMEWORK,))
def misplaced_indicators(ctx: RuleContext) -> Iterator[Diagnostic]:
    benefit, satisfaction = framework().benefit, framework().satisfaction
    for ref in ctx.refs:
        if ref.level1 == benefit and ref.facts.quality:
            yield ctx.report("R351", ref.path, name=ref.name)
        if ref.level1 != satisfaction and ref.facts.satisfaction is not None:
            yield ctx.report("R352", ref.path, name=ref.name, level1=ref.level1)


@emits("R353", reads=(GOAL,))
def copied_goal(ctx: RuleContext) -> Iterator[Diagnostic]:
    overall = (ctx.project.overall_goal or "").strip()
    if overall and overall == ctx.project.annual_goal.strip():
        yield ctx.report("R353", (labels.ANNUAL_GOAL,))


# A goal's sentences; the numbering 「1.」 before one is no content.
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_NUMBERING = " \t0123456789.、"


@cache
def _allocation(money_units: tuple[str, ...], allocation_words: tuple[str, ...]) -> re.Pattern[str]:
    """「30万元用于……」: an amount in a money unit (金额单位), then what it is spent on (分配用语);
    compiled once per set of words."""
    units = "|".join(re.escape(unit) for unit in sorted(money_units, key=len, reverse=True))
    spent = "|".join(re.escape(word) for word in allocation_words)
    return re.compile(rf"\d+(?:\.\d+)?\s*(?:{units})\s*(?:{spent})")


@emits("R367", reads=(GOAL,))
def budget_statement_goal(ctx: RuleContext) -> Iterator[Diagnostic]:
    """「本项目共申请预算资金90万元。其中:30万元用于……」: every sentence of the goal states the budget or
    splits it; none says what the money is to achieve."""
    goal = ctx.project.annual_goal
    words = ctx.words.budget_words
    spent = ctx.words.allocation_words
    if not any(word in goal for word in (*words, *spent)):
        return  # most goals: no sentence of them can state the budget
    allocation = _allocation(tuple(ctx.words.money_units), spent)
    sentences = [part for part in _SENTENCE_END.split(goal) if part.strip(_NUMBERING)]
    if sentences and all(
        any(word in sentence for word in words) or allocation.search(sentence) for sentence in sentences
    ):
        yield ctx.report("R367", (labels.ANNUAL_GOAL,))


@emits("R354", "R355", reads=(DATES, MONEY))
def duration(ctx: RuleContext) -> Iterator[Diagnostic]:
    project = ctx.project
    overall = (project.overall_goal or "").strip()
    multi_year_nature = project.nature in ctx.words.multi_year_natures
    spans_years = project.start.year != project.end.year
    if multi_year_nature or spans_years:
        reason = (
            fill(phrases().nature_is, nature=project.nature)
            if multi_year_nature
            else fill(phrases().dates_span, start=project.start.year, end=project.end.year)
        )
        missing = []
        if project.project_funds is None or project.project_funds.total is None:
            missing.append(labels.PROJECT_TOTAL)
        if not overall:
            missing.append(labels.OVERALL_GOAL)
        if missing:
            yield ctx.report("R354", (labels.NATURE,), reason=reason, missing=listing(missing))
    year = ctx.settings.year if ctx.settings else None
    if year is not None and project.nature in ctx.words.one_year_natures and spans_years:
        yield ctx.report(
            "R355", (labels.END,),
            nature=project.nature, start=project.start.isoformat(), end=project.end.isoformat(), year=year,
        )  # fmt: skip


@emits("R356", "R357")
def vocabularies(ctx: RuleContext) -> Iterator[Diagnostic]:
    words = ctx.words
    if ctx.project.nature not in words.natures:
        yield ctx.report("R356", (labels.NATURE,), value=ctx.project.nature, allowed=listing(words.natures))
    if ctx.project.category not in words.categories:
        yield ctx.report("R357", (labels.CATEGORY,), value=ctx.project.category, allowed=listing(words.categories))


# A budget code before an office's name (「[015001]武汉市青山区教育局」): not part of the name.
_OFFICE_CODE = re.compile(r"^\s*[\[［【(（]\s*[0-9A-Za-z]+\s*[\]］】)）]\s*")


def same_body(first: str, second: str) -> bool:
    """Two spellings of one office: equal once a leading code is dropped, or one is the other with the
    places before it left out (「青山区教育局」 in 「武汉市青山区教育局」, cut after 市/区/县…)."""
    first, second = (_OFFICE_CODE.sub("", name).strip() for name in (first, second))
    shorter, longer = sorted((first, second), key=len)
    if shorter == longer:
        return True
    if not shorter or not longer.endswith(shorter):
        return False
    return longer[: -len(shorter)].endswith(vocabulary().place_endings)


@emits("R358")
def same_department_and_implementer(collection: Collection) -> Iterator[Diagnostic]:
    """Within one 汇总表, projects differing from the majority's 主管部门 / 实施单位. A department's own
    汇总 (编报单位 is the 主管部门) gathers the projects its units carry out: their 实施单位 differ."""
    projects = collection.reviewed_projects
    settings = collection.settings
    checks = [(labels.DEPARTMENT, collection.department_for)]
    if settings is None or not same_body(settings.unit, settings.department):
        checks.append((labels.IMPLEMENTER, collection.implementer_for))
    for label, effective in checks:
        names: list[str] = []  # the first spelling of each office
        # A collection repeats its offices' names: each name is compared with the known ones once (the
        # first known spelling that matches it never changes, as names are only added after it).
        spellings: dict[str, str] = {}
        spelled: list[str] = []
        for _file, project in projects:
            name = effective(project)
            if name not in spellings:
                spellings[name] = _spelling(name, names)
            spelled.append(spellings[name])
        values = Counter(spelled)
        if len(values) < 2:
            continue
        expected = values.most_common(1)[0][0]
        for (file, project), spelling in zip(projects, spelled, strict=True):
            if spelling != expected:
                yield file.diagnostic("R358", (label,), label=label, value=effective(project), expected=expected)


def _spelling(name: str, names: list[str]) -> str:
    """The first of ``names`` that spells the same office as ``name``; ``name`` itself (added) if none."""
    for known in names:
        if same_body(known, name):
            return known
    names.append(name)
    return name
