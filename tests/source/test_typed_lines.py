"""A line read as typed: the comment, the quotes and the flow brackets, exactly as YAML reads them."""

from __future__ import annotations

import pytest

from perfsheet.source.typed_lines import closes_quote, flow_balance, quoted, split_comment


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("名称: 讲座  # 注释", ("名称: 讲座", "# 注释")),
        ("名称: 第#3场", ("名称: 第#3场", "")),  # a # inside a word opens no comment
        ('名称: "a # b"  # c', ('名称: "a # b"', "# c")),  # nor inside quotes
        ("# 整行注释", ("", "# 整行注释")),
    ],
)
def test_split_comment(content: str, expected: tuple[str, str]) -> None:
    assert split_comment(content) == expected


@pytest.mark.parametrize(
    ("text", "quote", "closes"),
    [('abc"', '"', True), ('a\\"bc', '"', False), ("it''s", "'", False), ("it''s'", "'", True)],
)
def test_closes_quote(text: str, quote: str, closes: bool) -> None:
    assert closes_quote(text, quote) is closes


def test_flow_balance_ignores_quoted_brackets() -> None:
    assert flow_balance('[a, "[", {b: c}') == 1
    assert flow_balance("[a]") == 0


def test_quoted_keeps_chinese_readable() -> None:
    assert quoted('讲座"') == '"讲座\\""'
