"""Real published forms: validate reports exactly the recorded list on each folder as published, finds at
least the recorded number of the lines a reviewer would send back (defects.tsv) and flags none of the
lines a reviewer lets pass (fine.tsv). Two corpora: tests/corpus/real-forms, the forms the rules were
grown on, and tests/corpus/real-forms-unseen, held out from that work and judged before perfsheet first
ran on them. The figures per kind and per code are printed in the summary (also: make recall)."""

from __future__ import annotations

import pytest

from tests.corpus.real_forms import CORPORA, HELD_OUT, SHARED, Corpus

# Lines of defects.tsv found today, per corpus: raise it with every rule that finds more, never lower it.
FOUND_AT_LEAST = {SHARED.title: 51, HELD_OUT.title: 39}
# fine.tsv lines still flagged today (folder, line): to be emptied, never grown.
KNOWN_FALSE_ALARMS: dict[str, set[tuple[str, int]]] = {
    SHARED.title: set(),
    HELD_OUT.title: set(),
}

FOLDERS = [(corpus, p.name) for corpus in CORPORA for p in corpus.folders()]


@pytest.mark.parametrize(("corpus", "folder"), FOLDERS, ids=[f"{c.root.name}/{f}" for c, f in FOLDERS])
def test_a_real_form_gets_exactly_its_diagnostics(corpus: Corpus, folder: str) -> None:
    assert corpus.listing(folder) == corpus.expected()[folder]


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda c: c.root.name)
def test_the_expected_list_names_every_folder(corpus: Corpus) -> None:
    assert sorted(corpus.expected()) == [p.name for p in corpus.folders()]


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda c: c.root.name)
def test_every_row_names_a_line_of_its_form(corpus: Corpus) -> None:
    for row in [*corpus.defects(), *corpus.fine_lines()]:
        lines = (corpus.root / row.folder / row.file).read_text(encoding="utf-8").splitlines()
        # The row's text is the line without indentation, list dash and comment.
        assert row.text.split(":", 1)[0] in lines[row.line - 1], row


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda c: c.root.name)
def test_recall_on_real_forms(corpus: Corpus, real_forms_summary: list[str]) -> None:
    measure = corpus.measure
    real_forms_summary.append(measure.table())
    print(measure.table())
    assert measure.recall[0] >= FOUND_AT_LEAST[corpus.title]
    assert {(row.folder, row.line) for row in measure.false_alarms} == KNOWN_FALSE_ALARMS[corpus.title]
