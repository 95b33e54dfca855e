"""A fuzzer over the example files: whatever a mutation does to bytes, lines, keys or values, perfsheet
answers with located diagnostics or a document, never a traceback, and never half-writes."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfsheet.documents.build import build
from tests.conftest import EXAMPLES, examples

EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.yaml") if p.name != "perfsheet.yaml")
EXAMPLES_BUDGET = examples(150)
NASTY = st.sampled_from(
    ["", "~", "null", "- x", "{", "]", "&a", "*a", "!!str", "<<", "\t", "\x00", "\u202e", "１２", "45万", "-1",
     "1e309", "NaN", "≥", "≥1", "≥1(场)", "2026-02-30", "'", '"', "#", ": :", "? x", "|", ">", "%", "@"]
)  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    original = draw(st.sampled_from(EXAMPLE_FILES)).read_bytes()
    kind = draw(st.sampled_from(["bytes", "lines", "key", "value"]))
    if kind == "bytes":
        data = bytearray(original)
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(data) - 1))
            data[at : at + draw(st.integers(0, 3))] = draw(st.binary(max_size=3))
        return bytes(data)
    lines = original.decode("utf-8").split("\n")
    at = draw(st.integers(0, len(lines) - 1))
    if kind == "lines":
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent"]))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif action == "indent":
            lines[at] = "  " + lines[at]
        else:
            lines[at] = lines[at][2:]
    else:
        key, sep, value = lines[at].partition(":")
        replacement = draw(NASTY | st.text(max_size=8))
        lines[at] = (replacement + sep + value) if kind == "key" else (key + sep + " " + replacement)
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@settings(max_examples=EXAMPLES_BUDGET, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated())
def test_any_mutation_gets_a_clean_answer(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copy(EXAMPLES / "perfsheet.yaml", root / "perfsheet.yaml")
    (root / "01-mutated.yaml").write_bytes(data)
    output = root / "out.docx"
    result = build(root, output)  # an exception here is the failure the fuzzer looks for
    report = result.check.report
    for diagnostic in report:
        assert diagnostic.line >= 1 and diagnostic.column >= 1 and diagnostic.message
    if report.has_errors:
        assert result.docx is None and not output.exists()
    else:
        assert result.docx == output and output.stat().st_size > 0
    assert sorted(p.name for p in root.iterdir()) == sorted(
        ["perfsheet.yaml", "01-mutated.yaml"] + (["out.docx"] if result.docx else [])
    )
