"""Measure validate on real published forms (tests/corpus/real-forms): which lines a reviewer would send
back it finds (defects.tsv), which lines it must leave alone it flags (fine.tsv), recall per kind of
defect and per diagnostic code.

    python -m tests.corpus.real_forms            # print the figures
    python -m tests.corpus.real_forms --write    # rewrite expected.yaml from today's diagnostics

A defect counts as found when any diagnostic names its file and its line (for a ``key: |`` row, a line
of the block); a fine line with any diagnostic at its line is a false alarm (README.md there)."""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from perfsheet.diagnostics import Diagnostic
from perfsheet.rules.check import check_paths

ROOT = Path(__file__).parent / "real-forms"
EXPECTED = ROOT / "expected.yaml"


@dataclass(frozen=True)
class Row:
    folder: str
    file: str
    line: int
    kind: str  # the defect's kind; "" for a fine line
    text: str


def _rows(name: str, with_kind: bool) -> list[Row]:
    with (ROOT / name).open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Row(r["folder"], r["file"], int(r["line"]), r["kind"] if with_kind else "", r["text"]) for r in reader]


def defects() -> list[Row]:
    return _rows("defects.tsv", with_kind=True)


def fine_lines() -> list[Row]:
    return _rows("fine.tsv", with_kind=False)


def folders() -> list[Path]:
    return sorted(p for p in ROOT.iterdir() if p.is_dir())


@cache
def diagnostics(folder: str) -> tuple[Diagnostic, ...]:
    """validate's findings on one folder as published, each once, in report order."""
    return tuple(check_paths([ROOT / folder]).report)


def listing(folder: str) -> list[str]:
    """The complete list for the golden file: ``file: CODE@line:column``."""
    return [f"{Path(d.file).name}: {d.code}@{d.line}:{d.column}" for d in diagnostics(folder)]


def _lines_of(row: Row) -> range:
    """The lines a row covers: its own, and for a ``key: |`` (or ``>``) block the block's lines."""
    lines = (ROOT / row.folder / row.file).read_text(encoding="utf-8").splitlines()
    own = lines[row.line - 1]
    if not own.split(" #", 1)[0].rstrip().endswith(("|", ">", "|-", ">-")):
        return range(row.line, row.line + 1)
    indent = len(own) - len(own.lstrip())
    end = row.line
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return range(row.line, end + 1)


def codes_at(row: Row) -> list[str]:
    """The codes of the diagnostics that name the row's file and one of its lines."""
    covered = _lines_of(row)
    return [d.code for d in diagnostics(row.folder) if Path(d.file).name == row.file and d.line in covered]


@dataclass(frozen=True)
class Measure:
    found: dict[Row, list[str]]  # every defect row → the codes at it (empty: missed)
    false_alarms: dict[Row, list[str]]  # fine rows that are flagged → the codes

    @property
    def recall(self) -> tuple[int, int]:
        return sum(1 for codes in self.found.values() if codes), len(self.found)

    def table(self) -> str:
        hit, total = self.recall
        out = [f"real forms: recall {hit}/{total} = {100 * hit / total:.0f}%, false alarms {len(self.false_alarms)}"]
        by_kind: dict[str, list[bool]] = defaultdict(list)
        for row, codes in self.found.items():
            by_kind[row.kind].append(bool(codes))
        out.append("  per kind:")
        for kind, hits in sorted(by_kind.items(), key=lambda item: (-len(item[1]), item[0])):
            out.append(f"    {kind:<18} {sum(hits):>3}/{len(hits)}")
        rules: Counter[str] = Counter(code for codes in self.found.values() for code in set(codes))
        out.append("  per code (defect lines it names):")
        out.extend(f"    {code:<6} {count:>3}" for code, count in sorted(rules.items()))
        for row, codes in self.false_alarms.items():
            out.append(f"  false alarm: {row.folder}/{row.file}:{row.line} {','.join(codes)}  {row.text}")
        return "\n".join(out)


def measure() -> Measure:
    found = {row: codes_at(row) for row in defects()}
    alarms = {row: codes for row in fine_lines() if (codes := codes_at(row))}
    return Measure(found, alarms)


def expected() -> dict[str, list[str]]:
    data: dict[str, list[str]] = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    return data


def write_expected() -> None:
    text = "\n".join(
        [
            "# What perfsheet validate reports on each folder of real forms, as published: file: CODE@line:column.",
            "# Rewrite with: python -m tests.corpus.real_forms --write (then read the diff: every change is a",
            "# finding gained or lost on real text).",
            yaml.safe_dump({p.name: listing(p.name) for p in folders()}, allow_unicode=True, width=200),
        ]
    )
    EXPECTED.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        write_expected()
    print(measure().table())
