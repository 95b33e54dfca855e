"""Bytes to text: size limit, encoding detection, and characters a form must never contain."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from perfsheet.diagnostics import Diagnostic, Position, from_catalogue
from perfsheet.text.characters import CONTROLS, HIDDEN_LINE_BREAKS, code_point, invisible_in, matching

MAX_FILE_BYTES = 1_000_000

_CONTROL = re.compile(f"[{CONTROLS}]")
# A line break YAML sees and the user does not: NEL, U+2028, U+2029 and, in a file, a CR without its LF
# (an editor shows one line where YAML reads two, so a "value" can hide a key).
_HIDDEN_BREAK_IN_FILE = re.compile(f"[{HIDDEN_LINE_BREAKS}]|\r(?!\n)")
_HIDDEN_BREAK_IN_VALUE = re.compile(f"[{HIDDEN_LINE_BREAKS}]")


@dataclass(frozen=True)
class DecodedText:
    text: str
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not self.diagnostics


def position_of(text: str, index: int) -> Position:
    """The 1-based line and column of character ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return Position(line, index - start + 1)


def _byte_position(data: bytes, offset: int) -> Position:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    prefix = data[start:offset].decode("utf-8", errors="replace")
    return Position(line, len(prefix) + 1)


def document_kind(head: bytes) -> str | None:
    """The catalogue code for a Word, WPS/OpenDocument or PDF file given where YAML was expected."""
    if head.startswith(b"%PDF"):
        return "E017"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "E015"
    if head.startswith(b"PK\x03\x04"):
        # An OpenDocument package starts with its uncompressed mimetype member.
        return "E016" if b"application/vnd.oasis.opendocument" in head[:200] else "E015"
    return None


def decode(data: bytes, file: str) -> DecodedText:
    """Decode a project file as UTF-8 (with or without BOM), or explain why it cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        return DecodedText("", [from_catalogue("E001", file, None, limit=f"{MAX_FILE_BYTES:,}")])
    kind = document_kind(data[:200])
    if kind is not None:
        return DecodedText("", [from_catalogue(kind, file, None)])
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _looks_utf16(data):
        return DecodedText("", [from_catalogue("E002", file, None, encoding="UTF-16")])
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        encoding = "GBK/GB18030" if _decodes_as_gbk(data) else "非 UTF-8"
        return DecodedText("", [from_catalogue("E002", file, _byte_position(data, exc.start), encoding=encoding)])
    problems = [
        from_catalogue(code, file, position_of(text, index), char=char)
        for code, index, char in forbidden_characters(text, raw=True)
    ]
    return DecodedText(text, problems)


def forbidden_characters(text: str, *, raw: bool = False) -> list[tuple[str, int, str]]:
    """The first control character (E003), the first invisible one (E004) and the first hidden line
    break of ``text``: catalogue code, index and the character as ``U+XXXX``. Used on the ``raw`` file
    (a hidden break there is E040) and on every value written with escapes (``"\\x07"``, ``"\\L"``: E041),
    so that no way of writing one reaches a document."""
    found = []
    # A lone CR needs a CR: without one the plain class is the same search, and a faster one.
    lone_cr = raw and "\r" in text
    checks = [("E003", _CONTROL)]
    # A hidden break is looked for by its three characters first: a search of the class scans slower.
    if lone_cr or any(char in text for char in HIDDEN_LINE_BREAKS):
        checks.append(("E040" if raw else "E041", _HIDDEN_BREAK_IN_FILE if lone_cr else _HIDDEN_BREAK_IN_VALUE))
    # Without an invisible character there is nothing to search for (most texts).
    if invisible_in(text):
        checks.insert(1, ("E004", matching("", text)))
    for code, pattern in checks:
        match = pattern.search(text)
        if match:
            found.append((code, match.start(), code_point(match.group())))
    return found


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without BOM: ASCII text with a NUL in every other byte."""
    sample = data[:200]
    return len(sample) >= 4 and (sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4)


def _decodes_as_gbk(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True
