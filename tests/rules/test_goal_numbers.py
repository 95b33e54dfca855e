"""The first-character lookahead of R350's goal pattern only skips places where no phrase can start:
the same phrases, at the same places, as the pattern without it."""

from __future__ import annotations

import random
import re
from pathlib import Path

from perfsheet.model import labels
from perfsheet.model.vocabulary import vocabulary
from perfsheet.rules.review.consistency import _goal_numbers
from perfsheet.source import load_file

_CORPUS = Path(__file__).parents[1] / "corpus"
_PIECES = [
    "每生",
    "每年 ",
    "负担",
    "配套  ",
    "不少于",
    "至少 ",
    "完成",
    "3",
    "１２",
    "0.5",
    " ",
    "万元",
    "场",
    "人次",
    "，",
    "。",
    "、",
    "培训",
    "每",
    "以上",
]


def _goals() -> list[str]:
    goals = []
    for path in sorted(_CORPUS.rglob("*.yaml")):
        data = load_file(path).data
        if isinstance(data, dict) and isinstance(data.get(labels.ANNUAL_GOAL), str):
            goals.append(data[labels.ANNUAL_GOAL])
    rng = random.Random(28)
    goals += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 30))) for _ in range(2000)]
    return goals


def _found(pattern: re.Pattern[str], goal: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(match.span(), match.groupdict()) for match in pattern.finditer(goal)]


def test_the_lookahead_changes_no_phrase_found() -> None:
    pattern = _goal_numbers(vocabulary())
    lookahead = re.match(r"\(\?=\[(?:\\.|[^\]\\])*\]\)", pattern.pattern)
    assert lookahead is not None
    plain = re.compile(pattern.pattern[lookahead.end() :])
    goals = _goals()
    assert len(goals) > 2000
    assert sum(1 for goal in goals if _found(plain, goal)) > 500
    assert [_found(pattern, goal) for goal in goals] == [_found(plain, goal) for goal in goals]
