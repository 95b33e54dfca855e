"""Money and dates: what validate accepts for its grammar is exactly what an editor's schema accepts. The
schema side is checked by the editors' own regular expression engine (ECMAScript, in Node.js)."""

from __future__ import annotations

import json
import subprocess

from hypothesis import given, settings
from hypothesis import strategies as st

from perfsheet.model.values import DATE_PATTERN, MONEY_PATTERN, ValueProblem, parse_date, parse_money
from tests.conftest import examples
from tests.setup.conftest import tool

ECMASCRIPT = "const [pattern, texts] = JSON.parse(require('fs').readFileSync(0, 'utf8'));" \
    "console.log(JSON.stringify(texts.map(t => new RegExp(pattern, 'u').test(t))));"  # fmt: skip


def _ecmascript_accepts(pattern: str, texts: list[str]) -> list[bool]:
    completed = subprocess.run(
        [tool("node"), "-e", ECMASCRIPT], input=json.dumps([pattern, texts]), capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    return list(json.loads(completed.stdout))


def _accepts(parse: object, text: str, grammar_codes: set[str]) -> bool:
    try:
        parse(text)  # type: ignore[operator]
    except ValueProblem as problem:
        return problem.code not in grammar_codes
    return True


_money_like = st.from_regex(r"\A[ ]?-?[0-9]{0,14}(,[0-9]{3}){0,4}(\.[0-9]{0,3})?[ ]?\Z") | st.text(
    alphabet="0123456789,.-万元 ０１", max_size=12
)


@settings(max_examples=examples(25), deadline=None)
@given(st.lists(_money_like, min_size=40, max_size=40))
def test_money_grammar_agrees_with_the_editors(texts: list[str]) -> None:
    ours = [_accepts(parse_money, t, {"E120", "E121", "E122", "E123", "E124", "E125"}) for t in texts]
    assert _ecmascript_accepts(MONEY_PATTERN, texts) == ours


_date_like = st.from_regex(
    r"\A[ ]?[0-9]{2,5}[ ]?[-/.年][ ]?[0-9]{1,3}[ ]?[-/.月][ ]?[0-9]{1,3}[ ]?日?[ ]?\Z"
) | st.text(alphabet="0123456789-/.年月日 ", max_size=14)


@settings(max_examples=examples(25), deadline=None)
@given(st.lists(_date_like, min_size=40, max_size=40))
def test_date_grammar_agrees_with_the_editors(texts: list[str]) -> None:
    # E141 (no such day, 2026-02-30) is the calendar, not the grammar: an editor cannot know it.
    ours = [_accepts(parse_date, t, {"E140"}) for t in texts]
    assert _ecmascript_accepts(DATE_PATTERN, texts) == ours
