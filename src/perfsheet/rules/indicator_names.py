"""What the review reads in an indicator's name — the template's placeholders left in it, whether it names
a rate, a satisfaction, a headcount, an amount — worked out once per distinct name: every rule reads the
name of every indicator, and a collection repeats its names from form to form."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from perfsheet.model.vocabulary import vocabulary

# What a name ends with that only punctuation follows (「验收合格率。」 is a rate).
_TRAILING = "。.；;，, "


@cache
def _placeholders() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A bracket that holds a placeholder (「(≥**%)」), and a placeholder alone (「★」)."""
    marks = "|".join(re.escape(mark) for mark in vocabulary().placeholders)
    return re.compile(rf"[(（][^()（）]*?(?:{marks})[^()（）]*?[)）]"), re.compile(rf"(?:{marks})+")


@cache
def _placeholder_characters() -> frozenset[str]:
    return frozenset("".join(vocabulary().placeholders))


@cache
def _row_number() -> re.Pattern[str]:
    """The template's own row numbering before a name: 「指标1:」."""
    return re.compile(rf"^\s*{re.escape(vocabulary().row_number_word)}\s*\d+\s*[:：]\s*")


def residue(name: str) -> list[str]:
    """The template's placeholders left in a name, in order: 「(≤**万元)」, 「★★★」."""
    if _placeholder_characters().isdisjoint(name):
        return []  # most names: no character of a placeholder at all
    bracketed, bare = _placeholders()
    found = [match.group(0) for match in bracketed.finditer(name)]
    found += [match.group(0) for match in bare.finditer(bracketed.sub("", name))]
    return found


def without_residue(name: str) -> str:
    """The name without the template's placeholders; with them, also without its row numbering (the
    name R361 offers: 「指标1:项目总成本(≤**万元)」 → 「项目总成本」)."""
    if _placeholder_characters().isdisjoint(name):
        return name
    bracketed, bare = _placeholders()
    return _row_number().sub("", bare.sub("", bracketed.sub("", name))).strip()


class NameFacts(NamedTuple):
    """What the rules ask of one indicator name (the vocabulary's words are in ``schemas/review.yaml``)."""

    # The template's placeholders left in it (R361), and the name without them.
    residue: tuple[str, ...]
    clean: str
    # Ends as a rate ends (比率结尾): its target is read as a percentage (R310–R313, R321).
    rate: bool
    # Without its residue, ends as a rate or holds a rate word (比率用语): a % target measures it (R362).
    rate_like: bool
    # The first satisfaction word (满意用语) it holds, if any.
    satisfaction: str | None
    quality: bool  # holds a quality word (质量用语)
    lower_is_better: bool  # holds a word of 越低越好
    standard: bool  # holds a word of a fixed standard (定额用语)
    completed: bool  # a count of things done, more is better (完成数结尾)
    headcount: bool  # ends as a headcount (人数结尾)
    # Without its residue, the units a headcount of this name counts in (计人单位); None: no headcount.
    people_units: tuple[str, ...] | None
    # Without its residue, it names an amount (金额名称结尾).
    money: bool
    template: bool  # one of the example names ``perfsheet new`` writes (模板示例名称)


@lru_cache(maxsize=16384)
def name_facts(name: str) -> NameFacts:
    words = vocabulary()
    clean = without_residue(name)
    bare = clean.rstrip(_TRAILING)
    people = next((units for ending, units in words.headcount_units.items() if clean.endswith(ending)), None)
    return NameFacts(
        residue=tuple(residue(name)),
        clean=clean,
        rate=name.endswith(words.rate_endings),
        rate_like=bare.endswith(words.rate_endings) or any(word in bare for word in words.rate_words),
        satisfaction=next((word for word in words.satisfaction_words if word in name), None),
        quality=any(word in name for word in words.quality_words),
        lower_is_better=any(word in name for word in words.lower_is_better),
        standard=any(word in name for word in words.standard_words),
        completed=name.endswith(words.completed_endings),
        headcount=name.endswith(words.headcount_endings),
        people_units=people,
        money=bare.endswith(words.money_names),
        template=name in words.template_names,
    )
