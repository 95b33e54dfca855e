"""Measure validate on real published forms: which lines a reviewer would send back it finds (defects.tsv),
which lines it must leave alone it flags (fine.tsv), recall per kind of defect and per diagnostic code.

Two corpora, measured alike: tests/corpus/real-forms, the forms the review rules were grown on, and
tests/corpus/real-forms-unseen, forms held out from that work and judged before perfsheet ran on them.

    python -m tests.corpus.real_forms            # print the figures of both
    python -m tests.corpus.real_forms --write    # rewrite each corpus's expected.yaml from today's diagnostics

A defect counts as found when any diagnostic names its file and its line (for a ``key: |`` row, a line
of the block); a fine line with any diagnostic at its line is a false alarm (README.md there)."""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import yaml

from perfsheet.diagnostics import Diagnostic
from perfsheet.rules.check import check_paths

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Row:
    folder: str
    file: str
    line: int
    kind: str  # the defect's kind; "" for a fine line
    text: str


@dataclass(frozen=True)
class Measure:
    title: str
    found: dict[Row, list[str]]  # every defect row → the codes at it (empty: missed)
    false_alarms: dict[Row, list[str]]  # fine rows that are flagged → the codes

    @property
    def recall(self) -> tuple[int, int]:
        return sum(1 for codes in self.found.values() if codes), len(self.found)

    def table(self) -> str:
        hit, total = self.recall
        out = [f"{self.title}: recall {hit}/{total} = {100 * hit / total:.0f}%, false alarms {len(self.false_alarms)}"]
        by_kind: dict[str, list[bool]] = defaultdict(list)
        for row, codes in self.found.items():
            by_kind[row.kind].append(bool(codes))
        out.append("  per kind:")
        for kind, hits in sorted(by_kind.items(), key=lambda item: (-len(item[1]), item[0])):
            out.append(f"    {kind:<18} {sum(hits):>3}/{len(hits)}")
        rules: Counter[str] = Counter(code for codes in self.found.values() for code in set(codes))
        out.append("  per code (defect lines it names):")
        out.extend(f"    {code:<6} {count:>3}" for code, count in sorted(rules.items()))
        for row, codes in self.found.items():
            if not codes:
                out.append(f"  missed: {row.folder}/{row.file}:{row.line} [{row.kind}]  {row.text}")
        for row, codes in self.false_alarms.items():
            out.append(f"  false alarm: {row.folder}/{row.file}:{row.line} {','.join(codes)}  {row.text}")
        return "\n".join(out)


@dataclass(frozen=True)
class Corpus:
    title: str
    root: Path

    @property
    def expected_file(self) -> Path:
        return self.root / "expected.yaml"

    def _rows(self, name: str, with_kind: bool) -> list[Row]:
        with (self.root / name).open(encoding="utf-8", newline="") as stream:
            reader = csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
            return [
                Row(r["folder"], r["file"], int(r["line"]), r["kind"] if with_kind else "", r["text"]) for r in reader
            ]

    def defects(self) -> list[Row]:
        return self._rows("defects.tsv", with_kind=True)

    def fine_lines(self) -> list[Row]:
        return self._rows("fine.tsv", with_kind=False)

    def folders(self) -> list[Path]:
        return sorted(p for p in self.root.iterdir() if p.is_dir())

    def diagnostics(self, folder: str) -> tuple[Diagnostic, ...]:
        """validate's findings on one folder as published, each once, in report order."""
        return _diagnostics(self.root / folder)

    def listing(self, folder: str) -> list[str]:
        """The complete list for the golden file: ``file: CODE@line:column``."""
        return [f"{Path(d.file).name}: {d.code}@{d.line}:{d.column}" for d in self.diagnostics(folder)]

    def lines_of(self, row: Row) -> range:
        """The lines a row covers: its own, and for a ``key: |`` (or ``>``) block the block's lines."""
        lines = (self.root / row.folder / row.file).read_text(encoding="utf-8").splitlines()
        own = lines[row.line - 1]
        if not own.split(" #", 1)[0].rstrip().endswith(("|", ">", "|-", ">-")):
            return range(row.line, row.line + 1)
        indent = len(own) - len(own.lstrip())
        end = row.line
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
            end += 1
        return range(row.line, end + 1)

    def codes_at(self, row: Row) -> list[str]:
        """The codes of the diagnostics that name the row's file and one of its lines."""
        covered = self.lines_of(row)
        return [d.code for d in self.diagnostics(row.folder) if Path(d.file).name == row.file and d.line in covered]

    @cached_property
    def measure(self) -> Measure:
        found = {row: self.codes_at(row) for row in self.defects()}
        alarms = {row: codes for row in self.fine_lines() if (codes := self.codes_at(row))}
        return Measure(self.title, found, alarms)

    def expected(self) -> dict[str, list[str]]:
        data: dict[str, list[str]] = yaml.safe_load(self.expected_file.read_text(encoding="utf-8"))
        return data

    def write_expected(self) -> None:
        text = "\n".join(
            [
                "# What perfsheet validate reports on each folder of real forms, as published: file: CODE@line:column.",
                "# Rewrite with: python -m tests.corpus.real_forms --write (then read the diff: every change is a",
                "# finding gained or lost on real text).",
                yaml.safe_dump({p.name: self.listing(p.name) for p in self.folders()}, allow_unicode=True, width=200),
            ]
        )
        self.expected_file.write_text(text, encoding="utf-8")


@cache
def _diagnostics(folder: Path) -> tuple[Diagnostic, ...]:
    return tuple(check_paths([folder]).report)


SHARED = Corpus("real forms", HERE / "real-forms")
HELD_OUT = Corpus("held-out real forms (judged before any run)", HERE / "real-forms-unseen")
CORPORA = (SHARED, HELD_OUT)


if __name__ == "__main__":
    for corpus in CORPORA:
        if "--write" in sys.argv[1:]:
            corpus.write_expected()
        print(corpus.measure.table())
