"""Text measure's shortcuts give what the plain rules give: a line filled a line at a time is the line
filled piece by piece, a width is the sum of its characters' with a quarter em between CJK and Latin, the
narrowest column is the first of all candidate widths, narrowest first, in which no text leaves a
character alone. Each plain rule is written out here and compared on drawn texts."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from perfsheet.layout import measure
from perfsheet.layout.style import style
from tests.conftest import examples

# Fragments of the forms' texts: CJK words, values that never break, brackets that glue, closing marks
# that stay with the character before, blanks of several kinds.
FRAGMENTS = ["青年", "科技", "人才", "交流活动", "服", "务", "指标", "a", "Zq", "1", "0", "12,345.00",
             "≥5.00(场)", "≥90%", "2026-01-01", "（", "）", "(", ")", "「", "」", "《", "》", "，", "。", "、",
             "；", ",", ".", "-", "+", "%", " ", "  ", "\t", "\u3000", "万元", "abcdefghijklmnopqrst"]  # fmt: skip
TEXTS = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
SIZES = st.sampled_from([9.0, 10.5, 12.0])


def _plain_width(text: str, size: float) -> int:
    """Each character's width (its class's, from the look), and a quarter em at each CJK–Latin border."""

    def cjk(char: str) -> bool:
        return ord(char) >= 0x2E80

    ems = sum(measure._char_em(char) for char in text)
    ems += 0.25 * sum(1 for a, b in zip(text, text[1:], strict=False) if cjk(a) != cjk(b) and (a + b).isalnum())
    return round(ems * size * 20)


# The pieces a line breaks between, as plainly as they can be said: a value, a Latin word, a blank or one
# character at a time; a closing mark joins the piece before it, the piece after an opening mark joins it.
_PLAIN_PIECE = re.compile(rf"{measure._VALUE}|[{measure._LATIN}]+|\s|.")


def _plain_units(text: str) -> tuple[str, ...]:
    pieces: list[str] = []
    glue_next = False
    for piece in _PLAIN_PIECE.findall(text):
        if pieces and (glue_next or piece in measure._CLOSING):
            pieces[-1] += piece
        else:
            pieces.append(piece)
        glue_next = piece in measure._OPENING
    return tuple(pieces)


@hypothesis_settings(max_examples=examples(600))
@given(TEXTS)
def test_pieces_found_by_one_pattern_are_the_pieces_glued_one_by_one(text: str) -> None:
    assert measure.units(text) == _plain_units(text)


def test_a_closing_mark_that_starts_a_latin_word_is_a_piece_of_its_own() -> None:
    assert measure.units("中,5。（≥90%）；") == ("中", ",5。", "（≥90%）；")
    assert measure.units("((「科」),") == ("((「科」),",)


@hypothesis_settings(max_examples=examples(300))
@given(TEXTS, SIZES)
def test_a_width_is_its_characters_and_the_quarter_ems_between_cjk_and_latin(text: str, size: float) -> None:
    assert measure.text_width(text, size) == _plain_width(text, size)


@hypothesis_settings(max_examples=examples(400))
@given(TEXTS, SIZES, st.integers(0, 4000))
def test_lines_filled_a_line_at_a_time_are_the_lines_filled_piece_by_piece(
    paragraph: str, size: float, width: int
) -> None:
    measured = measure._measured(paragraph.replace("\n", ""), size)
    width = max(width, measured.widest)  # where every piece fits a line, both ways apply
    at_once: list[str] = []
    by_piece: list[str] = []
    measure._fill_lines(measured, width, at_once)
    measure._fill_pieces(measured, width, size, by_piece)
    assert at_once == by_piece


@hypothesis_settings(max_examples=examples(400))
@given(TEXTS, SIZES, st.integers(200, 4000))
def test_a_text_measures_and_breaks_as_its_digits_written_as_zeros(text: str, size: float, width: int) -> None:
    # Texts that differ only in their digits are measured once (width_without_lone, the cover's columns).
    shape = measure.same_width(text)
    assert set(shape) <= set(text) | {"0"} and not any(char in shape for char in "123456789")
    assert measure.text_width(shape, size) == measure.text_width(text, size)
    assert measure.widest_unit(shape, size) == measure.widest_unit(text, size)
    assert measure.wrap(shape, width, size) == tuple(map(measure.same_width, measure.wrap(text, width, size)))
    assert measure.leaves_one_alone(shape, width, size) == measure.leaves_one_alone(text, width, size)


def _plain_narrowest(texts: list[str], start: int, size: float, margins: int) -> int:
    """Every candidate width gathered and sorted, the first in which no text leaves a character alone."""
    border = measure._border()
    whole = {text for text in texts if text}
    breakable = [text for text in whole if any(len(measure.units(line)) > 1 for line in text.split("\n"))]
    width = max([start, *(measure.widest_unit(text, size) + margins for text in whole)])
    one_line = max(
        [width, *(measure.text_width(line, size) + margins + 2 * border for t in breakable for line in t.split("\n"))]
    )
    candidates = sorted(
        {width, one_line}
        | {
            candidate
            for text in breakable
            for run in measure._runs(text, size)
            for leeway in (-border, 0, border)
            if width < (candidate := run + margins + border + leeway) < one_line
        }
    )
    return next(
        (w for w in candidates if not any(measure.leaves_one_alone(t, w - margins, size) for t in breakable)),
        one_line,
    )


@hypothesis_settings(max_examples=examples(200))
@given(st.lists(TEXTS, max_size=6), st.integers(300, 2000), SIZES)
def test_the_narrowest_column_is_the_first_fitting_candidate(texts: list[str], start: int, size: float) -> None:
    margins = 2 * style().table.cell_margin
    assert measure.width_without_lone(texts, start, size, margins) == _plain_narrowest(texts, start, size, margins)


def test_a_single_character_on_a_line_of_its_own_is_seen_beside_closing_marks_and_blanks() -> None:
    assert measure._one_visible("务")
    assert measure._one_visible(" 务。）")
    assert not measure._one_visible("服务")
    assert not measure._one_visible("。）")
