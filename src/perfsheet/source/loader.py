"""A safe YAML loader that keeps every value's position and refuses what would lose data.

The tree is built from libyaml's parse events (pure-Python PyYAML where libyaml is missing), not through
PyYAML's constructors: every scalar stays a string (no YAML 1.1 ``no`` → False or ``010`` → 8), and
duplicate keys, anchors, aliases, tags, merge keys and extra documents become diagnostics instead of
silent data loss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ConfigDict, RootModel

from perfsheet.diagnostics import Diagnostic, Position, from_catalogue
from perfsheet.files.safe import FileProblem, read_user_file
from perfsheet.source.decoding import MAX_FILE_BYTES, decode
from perfsheet.source.mistakes import scan
from perfsheet.source.tree import Data, Mark, PositionIndex, SourceFile, TreeBuilder, mark_of
from perfsheet.source.typed_lines import (
    CHINESE_DASHES,
    Mistake,
    Repair,
    indent_of,
    key_name,
    quoted,
    reserved_value,
    split_comment,
)
from perfsheet.typed_data import load_model

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class _ParseFailure:
    """Where libyaml gave up, and why (its English stays here: users see only the Chinese)."""

    line: int
    column: int
    problem: str
    context: str
    context_mark: Mark | None


@cache
def _problem_descriptions() -> tuple[tuple[str, str], ...]:
    # Its model is made here, when a file first fails to parse: every command would pay for it at start.
    class ParserProblems(RootModel[dict[str, str]]):
        """``templates/parser-problems.yaml``: libyaml's problem (its English, by prefix) → the Chinese shown."""

        model_config = ConfigDict(frozen=True)

    return tuple(load_model("templates", "parser-problems.yaml", ParserProblems).root.items())


def _describe(failure: _ParseFailure) -> str:
    for english, chinese in _problem_descriptions():
        if failure.problem.startswith(english):
            return chinese
    return "其他写法错误"


def _reserved_start(lines: list[str], number: int, column: int) -> Mistake:
    """The value at ``column`` of line ``number`` starts with ``[`` or ``{`` that never closes: it was
    meant as text (the parser says so at the end of the file, in English)."""
    raw = lines[number - 1]
    content, _comment = split_comment(raw[column - 1 :])
    tail = raw[column - 1 + len(content) :]
    return reserved_value(number, column, content, raw[: column - 1] + quoted(content) + tail)


# A 「名称: 值」 line (or 「名称:」 opening a block), as written after a dash or without one.
_KEYED = re.compile(r"[^:：\s][^:：]*:(?:\s|$)")


def _list_item_among_keys(lines: list[str], number: int) -> Mistake | None:
    """Line ``number`` is 「- 名称: 值」, the one dashed line of a block whose other lines (two at the least)
    are 「名称: 值」 (the 监控's 指标 written like the 申报表's lists): the dash goes, the line keeps its
    place. A block with another dashed line, or too few to tell, is left to the parser's message: there
    the missing dash may as well be on the other lines (a list's first item typed without it)."""
    raw = lines[number - 1]
    body = raw.lstrip(" ")
    indent = len(raw) - len(body)
    if not body.startswith("- ") or not _KEYED.match(body[2:]):
        return None
    block = _block_around(lines, number, indent)
    dashed = [n for n in block if lines[n - 1].strip()[:1] in ("-", *CHINESE_DASHES)]
    keyed = [n for n in block if n not in dashed and _KEYED.match(lines[n - 1].strip())]
    if dashed != [number] or len(keyed) < 2 or len(keyed) + 1 != len(block):
        return None
    first = block[0]
    parent = next((lines[n] for n in range(first - 2, -1, -1) if lines[n].strip() and indent_of(lines[n]) < indent), "")
    fixed = " " * indent + body[2:]
    params = {"parent": key_name(parent), "fixed": fixed.strip()}
    return Mistake("E031", number, indent + 1, params, Repair(number, number, (fixed,)))


def _block_around(lines: list[str], number: int, indent: int) -> list[int]:
    """The lines (1-based) at ``indent`` of the block line ``number`` stands in: up and down to the first
    line less indented, blank lines, comments and deeper lines passed over."""
    found = [number]
    for step in (-1, 1):
        other = number + step
        while 1 <= other <= len(lines):
            line = lines[other - 1]
            content = line.strip()
            if content and not content.startswith("#"):
                if indent_of(line) < indent:
                    break
                if indent_of(line) == indent:
                    found.append(other)
            other += step
    return sorted(found)


def _from_failure(failure: _ParseFailure, lines: list[str]) -> Mistake | None:
    """A mistake the parser's own context pins down better than its problem line does."""
    if failure.context_mark is not None:
        line, column = failure.context_mark
        if failure.context.startswith("while scanning a quoted scalar"):
            return Mistake("E027", line, column)
        if failure.context.startswith(("while parsing a flow sequence", "while parsing a flow mapping")):
            return _reserved_start(lines, line, column)
    if failure.problem.startswith("did not find expected key") and 0 < failure.line <= len(lines):
        listed = _list_item_among_keys(lines, failure.line)
        if listed is not None:
            return listed
    if "\t" in failure.problem or (
        0 < failure.line <= len(lines) and lines[failure.line - 1][failure.column - 1 : failure.column] == "\t"
    ):
        return Mistake("E026", failure.line, failure.column)
    return None


# What a typing mistake in a file that parses cleanly needs: a full-width colon or space, a Chinese dash
# before a key, a colon without its space (in a list item, valid YAML). Files without any skip the scan.
_FULL_WIDTH_MARKS = "：\u3000\u00a0"
_DASHES = "－—–‐﹣·•・"
_COLON_WITHOUT_SPACE = ":(?![ \t\r\n/]|$)"
_TRACE_OF_A_MISTAKE = re.compile(f"[{_FULL_WIDTH_MARKS}]|^[ \t]*[{_DASHES}]|{_COLON_WITHOUT_SPACE}", re.M)
# Without a full-width mark or a dash anywhere (most files), only the colon is left to look for: a search
# that starts at each colon, where the whole pattern tries its three branches at every character.
_ONLY_THE_COLON = re.compile(_COLON_WITHOUT_SPACE, re.M)
_MARKS_AND_DASHES = _FULL_WIDTH_MARKS + _DASHES


def _traces_a_mistake(text: str) -> bool:
    if any(char in text for char in _MARKS_AND_DASHES):
        return _TRACE_OF_A_MISTAKE.search(text) is not None
    return _ONLY_THE_COLON.search(text) is not None


def _reported_mistakes(text: str, failure: _ParseFailure | None, builder: TreeBuilder | None = None) -> list[Mistake]:
    """The typing mistakes of ``text`` that explain its syntax: certain ones always, structural ones
    only when the parser fails at or after them, and what the parser's own context pins down."""
    clean = failure is None and builder is not None and not builder.problems and not builder.folded_lines
    if clean and not _traces_a_mistake(text):
        return []
    mistakes = [m for m in scan(text) if m.certain or (failure is not None and m.line <= failure.line)]
    if failure is not None:
        pinned = _from_failure(failure, [line.rstrip("\r") for line in text.split("\n")])
        if pinned is not None and not any(m.line == pinned.line for m in mistakes):
            mistakes.append(pinned)
    return mistakes


def _typing_diagnostics(
    display: str, mistakes: list[Mistake], failure: _ParseFailure | None, parsed: list[Diagnostic]
) -> list[Diagnostic]:
    """The diagnostics of a file's syntax: its typing mistakes where they were typed, the parser's own
    problems where no typing mistake explains them, never libyaml's English."""
    found = [from_catalogue(m.code, display, Position(m.line, m.column), **m.params) for m in mistakes]
    error_lines = {m.line for m in mistakes}
    if failure is not None and not any(line <= failure.line for line in error_lines):
        found.append(
            from_catalogue("E009", display, Position(failure.line, failure.column), problem=_describe(failure))
        )
    # A problem the builder found on a line with a typing mistake is that mistake seen later.
    found.extend(d for d in parsed if d.line not in error_lines)
    return sorted(found, key=Diagnostic.sort_key)


# The libyaml that PyYAML bundles from 6.0.2 on stops at 1,000 levels while it scans ahead, before the
# builder has seen the events that cross perfsheet's own MAX_DEPTH. The pure-Python parser has no limit of
# its own and scans ahead at most 1,024 characters, so the builder reports E013 where it happens, whichever
# PyYAML is installed.
_LIBRARY_DEPTH_LIMIT = "exceeded maximum nesting depth"


def _parse(text: str, display: str, parser: Any = _Parser) -> tuple[TreeBuilder, Data, _ParseFailure | None]:
    builder = TreeBuilder(display)
    loader = parser(text)
    try:
        # The parser's own get_event until it has none: no generator between libyaml and the builder.
        return builder, builder.build(iter(loader.get_event, None)), None
    except yaml.MarkedYAMLError as exc:
        if (exc.problem or "").startswith(_LIBRARY_DEPTH_LIMIT) and parser is not yaml.SafeLoader:
            return _parse(text, display, yaml.SafeLoader)
        mark = exc.problem_mark or exc.context_mark
        line, column = mark_of(mark) if mark is not None else (1, 1)
        context_mark = mark_of(exc.context_mark) if exc.context_mark is not None else None
        failure = _ParseFailure(line, column, (exc.problem or "").strip(), (exc.context or "").strip(), context_mark)
    except yaml.YAMLError:
        failure = _ParseFailure(1, 1, "", "", None)
    finally:
        loader.dispose()
    return builder, None, failure


def syntax_mistakes(text: str) -> list[Mistake]:
    """The typing mistakes ``validate`` reports for ``text`` (with their repairs, for ``fix``)."""
    builder, _data, failure = _parse(text, "")
    return _reported_mistakes(text, failure, builder)


def _repaired_in_place(text: str, mistakes: list[Mistake]) -> tuple[str, set[int]] | None:
    """``text`` with every one-line repair of ``mistakes`` applied (each line stays where it was), and
    the lines repaired; None when there is none."""
    repairs = [m.repair for m in mistakes if m.repair is not None and m.repair.first == m.repair.last]
    single = [r for r in repairs if r is not None and len(r.lines) == 1]
    if not single:
        return None
    lines = text.split("\n")
    for repair in single:
        ending = "\r" if lines[repair.first - 1].endswith("\r") else ""
        lines[repair.first - 1] = repair.lines[0] + ending
    return "\n".join(lines), {repair.first for repair in single}


def load_text(text: str, display: str, path: Path | None = None, *, typing: bool = True) -> SourceFile:
    """Parse already decoded YAML text. ``typing`` looks for a budget officer's typing mistakes, which
    assume a perfsheet file (every list item a mapping); perfsheet's own data files go without.

    A file with typing mistakes that have a one-line repair is read once more with those lines repaired
    (in memory only), so that one run shows every problem of the file: the rest of its syntax, and what
    the model and the rules find in what the officer meant, beside the mistakes themselves."""
    builder, data, failure = _parse(text, display)
    mistakes = _reported_mistakes(text, failure, builder) if typing else []
    diagnostics = _typing_diagnostics(display, mistakes, failure, builder.problems)
    repaired = _repaired_in_place(text, mistakes) if mistakes else None
    if repaired is not None:
        repaired_text, repaired_lines = repaired
        builder, data, failure = _parse(repaired_text, display)
        known = {(m.code, m.line) for m in mistakes}
        further = [
            m
            for m in _reported_mistakes(repaired_text, failure, builder)
            if (m.code, m.line) not in known and m.line not in repaired_lines
        ]
        mistaken_lines = {m.line for m in mistakes}
        problems = [d for d in builder.problems if d.line not in mistaken_lines]
        diagnostics = [
            *(d for d in diagnostics if d.line in mistaken_lines),
            *_typing_diagnostics(display, further, failure, problems),
        ]
        diagnostics.sort(key=Diagnostic.sort_key)
    return SourceFile(
        path=path or Path(display),
        display=display,
        data=data,
        positions=builder.index,
        diagnostics=diagnostics,
        text=text,
        complete=failure is None and not builder.problems,
    )


def load_file(path: Path, display: str | None = None, *, within: Path | None = None) -> SourceFile:
    """Read, decode and parse one YAML file; problems come back as diagnostics, never exceptions.

    Only a regular file is read, at most MAX_FILE_BYTES of it, and a symbolic link only when it points
    inside ``within`` (default: the file's folder)."""
    shown = display or str(path)
    try:
        raw = read_user_file(path, MAX_FILE_BYTES, within=within)
    except FileProblem as problem:
        return SourceFile(
            path, shown, None, PositionIndex(), [from_catalogue(problem.code, shown, None, **problem.params)]
        )
    decoded = decode(raw, shown)
    if not decoded.ok:
        return SourceFile(path, shown, None, PositionIndex(), decoded.diagnostics)
    return load_text(decoded.text, shown, path)
