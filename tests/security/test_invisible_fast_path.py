"""The characters invisible_in never looks up must really be visible, by this Python's Unicode database."""

from __future__ import annotations

import re
import sys

from perfsheet.text.characters import NEVER_INVISIBLE, invisible_in, is_invisible


def test_no_character_skipped_by_the_fast_path_is_invisible() -> None:
    skipped = re.compile(f"[{NEVER_INVISIBLE}]")
    characters = [chr(p) for p in range(sys.maxunicode + 1) if skipped.fullmatch(chr(p))]
    assert "科" in characters and "a" in characters and "\n" in characters
    assert [char for char in characters if is_invisible(char)] == []


def test_invisible_characters_among_chinese_text_and_punctuation_are_found() -> None:
    text = "年度目标：完成\u200b培训≥95%，\u3164服务\ufeff。"
    assert invisible_in(text) == "".join(sorted("\u200b\u3164\ufeff"))
    assert invisible_in("年度目标：完成培训≥95%，服务。") == ""
