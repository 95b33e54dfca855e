"""A zip package from someone else (a Word file, a workbook), opened safely: read from at most a bounded
number of bytes, its first bytes sniffed, its members checked (count, names, inflated sizes and ratios)
before anything is inflated. Every limit is a constant here, each refusal a catalogue code."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from perfsheet.diagnostics import fill, phrases
from perfsheet.files.safe import read_user_file

# Generous above any real form collection: build's own output of 1,000 projects is under 1 MB.
MAX_FILE_BYTES = 50_000_000
MAX_PART_BYTES = 50_000_000
MAX_PACKAGE_BYTES = 200_000_000
MAX_PARTS = 2_000
# A part may inflate to what its compressed size justifies: Word's own parts shrink 5 to 20 times, build's
# 1,000 near-identical forms 41 times; 82 KB inflating to 50 MB of empty paragraphs (600 times) is no
# document. Small parts are exempt (a short, repetitive styles part may shrink more).
MAX_INFLATE_RATIO = 100
_RATIO_GRACE_BYTES = 1_000_000
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"


class NotReadable(Exception):
    """The file is not a .docx we can read safely; ``code`` is the diagnostic's catalogue code."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def sniff(head: bytes) -> None:
    """Refuse a PDF, a legacy .doc, an OpenDocument file or anything else that is not a Word 2007+ package."""
    if head.startswith(b"%PDF"):
        raise NotReadable("E331")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise NotReadable("E330")
    if not head.startswith(b"PK"):
        raise NotReadable("E332")
    if b"application/vnd.oasis.opendocument" in head[:200]:
        raise NotReadable("E339")


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass(frozen=True)
class PackageLimits:
    """What a zip package may hold, checked before anything is inflated, and the catalogue codes that
    refuse a member named outside the package and a package over a limit (Word files and workbooks)."""

    file_bytes: int
    parts: int
    part_bytes: int
    package_bytes: int
    broken: str
    unsafe_name: str
    over_limit: str


def check_members(archive: zipfile.ZipFile, limits: PackageLimits) -> None:
    members = archive.infolist()
    if len(members) > limits.parts:
        raise NotReadable(
            limits.over_limit, what=phrases().part_count, limit=fill(phrases().count_limit, count=limits.parts)
        )
    total = 0
    for member in members:
        name = member.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
            raise NotReadable(limits.unsafe_name, name=name)
        if member.file_size > limits.part_bytes:
            raise NotReadable(
                limits.over_limit,
                what=fill(phrases().part_size, name=name),
                limit=fill(phrases().byte_limit, count=limits.part_bytes),
            )
        if member.file_size > _RATIO_GRACE_BYTES and member.file_size > MAX_INFLATE_RATIO * member.compress_size:
            raise NotReadable(
                "E336",
                what=fill(phrases().part_ratio, name=name),
                limit=fill(phrases().ratio_limit, count=MAX_INFLATE_RATIO),
            )
        total += member.file_size
    if total > limits.package_bytes:
        raise NotReadable(
            limits.over_limit,
            what=phrases().unpacked_size,
            limit=fill(phrases().byte_limit, count=limits.package_bytes),
        )


def open_package(path: Path, sniff: Callable[[bytes], None], limits: PackageLimits) -> zipfile.ZipFile:
    """The zip package at ``path``: read within its byte limit, its first bytes sniffed (a file of another
    kind refused with its own message), its members checked; raises :class:`NotReadable`."""
    data = read_user_file(path, limits.file_bytes)
    sniff(data[:200])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise NotReadable(limits.broken) from None
    try:
        check_members(archive, limits)
    except NotReadable:
        archive.close()
        raise
    return archive


def main_part(archive: zipfile.ZipFile) -> str:
    """The main document's member name, from the package relationships (usually word/document.xml)."""
    try:
        with archive.open("_rels/.rels") as stream:
            relationships = etree.parse(stream, _safe_parser()).getroot()
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, OSError):
        raise NotReadable("E332") from None
    for relationship in relationships:
        if relationship.get("Type") in (_OFFICE_DOCUMENT, _STRICT_OFFICE_DOCUMENT):
            return str(posixpath.normpath(str(relationship.get("Target", "")).lstrip("/")))
    raise NotReadable("E332")
