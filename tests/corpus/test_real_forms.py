"""Real published forms (tests/corpus/real-forms): validate reports exactly the recorded list on each
folder as published, finds at least the recorded number of the lines a reviewer would send back
(defects.tsv) and flags none of the lines a reviewer lets pass (fine.tsv). The figures per kind and
per code are printed in the summary (also: python -m tests.corpus.real_forms)."""

from __future__ import annotations

import pytest

from tests.corpus import real_forms

# Lines of defects.tsv found today: raise it with every rule that finds more, never lower it.
FOUND_AT_LEAST = 50
# fine.tsv lines still flagged today (folder, line): to be emptied, never grown.
KNOWN_FALSE_ALARMS: set[tuple[str, int]] = set()


@pytest.mark.parametrize("folder", [p.name for p in real_forms.folders()])
def test_a_real_form_gets_exactly_its_diagnostics(folder: str) -> None:
    assert real_forms.listing(folder) == real_forms.expected()[folder]


def test_the_expected_list_names_every_folder() -> None:
    assert sorted(real_forms.expected()) == [p.name for p in real_forms.folders()]


def test_every_row_names_a_line_of_its_form() -> None:
    for row in [*real_forms.defects(), *real_forms.fine_lines()]:
        lines = (real_forms.ROOT / row.folder / row.file).read_text(encoding="utf-8").splitlines()
        # The row's text is the line without indentation, list dash and comment.
        assert row.text.split(":", 1)[0] in lines[row.line - 1], row


def test_recall_on_real_forms(real_forms_summary: list[str]) -> None:
    measure = real_forms.measure()
    real_forms_summary.append(measure.table())
    print(measure.table())
    assert measure.recall[0] >= FOUND_AT_LEAST
    assert {(row.folder, row.line) for row in measure.false_alarms} == KNOWN_FALSE_ALARMS
