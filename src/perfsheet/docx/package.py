"""The .docx package: the parts rendered from ``templates/docx/``, zipped deterministically (plain zip,
no ZIP64 records, which several readers refuse), written atomically through :mod:`perfsheet.files.safe`,
so a failed run never leaves half a document and never destroys an earlier good one."""

from __future__ import annotations

import queue
import threading
import zipfile
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import chain
from pathlib import Path
from typing import IO, Any, BinaryIO

import jinja2
from markupsafe import Markup

from perfsheet.docx.emit import body_chunks
from perfsheet.files.safe import write_file
from perfsheet.layout.blocks import Block, Document
from perfsheet.layout.style import style
from perfsheet.resources import data_dir

# Fixed member timestamps: the same input gives the same bytes.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates") / "docx")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _half_points(points: float) -> int:
    return round(float(points) * 2)


def _footer_parts(text: str) -> list[str]:
    head, marker, tail = text.partition("{PAGE}")
    return [head, marker, tail]


def _static(name: str) -> str:
    return (data_dir("templates") / "docx" / name).read_text(encoding="utf-8")


_DOCUMENT = "word/document.xml"
_BODY_MARK = "\x00perfsheet-body\x00"
# The body goes to zlib in chunks of about this many bytes, at most this many waiting.
_CHUNK_BYTES = 1 << 21
_QUEUED = 2


def _parts(blocks: Iterable[Block], title: str) -> dict[str, str | Iterator[bytes]]:
    """Every part of the package by its name in the zip, in a stable order; the document as a stream of
    UTF-8 pieces."""
    look = style()
    env = _environment()
    values: dict[str, Any] = {
        "fonts": look.fonts,
        "table": look.table,
        "page": look.page,
        "half": _half_points,
    }
    # The frame comes from its template; the body goes in by concatenation, never through jinja2.
    frame = env.get_template("document.xml.j2").render(body=Markup(_BODY_MARK), **values)
    head, _mark, tail = frame.partition(_BODY_MARK)
    return {
        "[Content_Types].xml": _static("content_types.xml"),
        "_rels/.rels": _static("package.rels"),
        "docProps/core.xml": env.get_template("core.xml.j2").render(title=title, creator="perfsheet"),
        "docProps/app.xml": _static("app.xml"),
        "word/_rels/document.xml.rels": _static("document.xml.rels"),
        _DOCUMENT: chain([head.encode()], body_chunks(blocks, look), [tail.encode()]),
        "word/styles.xml": env.get_template("styles.xml.j2").render(**values),
        "word/settings.xml": _static("settings.xml"),
        "word/fontTable.xml": env.get_template("fontTable.xml.j2").render(
            east_asia=sorted({look.fonts.body_east_asia, look.fonts.title_east_asia}),
            latin=sorted({look.fonts.body_latin, look.fonts.title_latin}),
        ),
        "word/theme/theme1.xml": env.get_template("theme1.xml.j2").render(**values),
        "word/footer1.xml": env.get_template("footer.xml.j2").render(parts=_footer_parts(look.page.footer_text)),
    }


def document_parts(document: Document, title: str) -> dict[str, str]:
    """Every part of the package as one text each (for tests and tools)."""
    return {
        name: part if isinstance(part, str) else b"".join(part).decode()
        for name, part in _parts(document.blocks, title).items()
    }


def _write_member(archive: zipfile.ZipFile, name: str, content: str | Iterator[bytes]) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    with archive.open(info, "w") as member:
        if isinstance(content, str):
            member.write(content.encode("utf-8"))
        else:
            _write_beside(member, _gathered(content))


def _gathered(content: Iterator[bytes]) -> Iterator[bytes]:
    """The pieces joined into chunks of about :data:`_CHUNK_BYTES` (deflate gives the same bytes however
    its input is cut)."""
    pending: list[bytes] = []
    size = 0
    for piece in content:
        pending.append(piece)
        size += len(piece)
        if size >= _CHUNK_BYTES:
            yield b"".join(pending)
            pending, size = [], 0
    yield b"".join(pending)


def _write_beside(member: IO[bytes], chunks: Iterator[bytes]) -> None:
    """Write ``chunks`` into ``member`` from a second thread while this one makes the next: the checksum
    and deflate let other threads run, so on a machine with a core to spare compressing costs no time.
    At most :data:`_QUEUED` chunks wait; the thread has ended when this returns, whatever happened."""
    queued: queue.Queue[bytes | None] = queue.Queue(maxsize=_QUEUED)
    failures: list[BaseException] = []
    # Set when this side gives up (a failure, a Ctrl-C): what is still queued is dropped, not written.
    abandoned = threading.Event()

    def drain() -> None:
        while (data := queued.get()) is not None:
            if not failures and not abandoned.is_set():
                try:
                    member.write(data)
                except BaseException as exc:  # handed to the caller, raised there
                    failures.append(exc)

    writer = threading.Thread(target=drain, name="perfsheet-deflate", daemon=True)
    writer.start()
    try:
        for data in chunks:
            if failures:
                break
            queued.put(data)
    except BaseException:
        abandoned.set()
        raise
    finally:
        _ended(writer, queued)
    if failures:
        raise failures[0]


def _ended(writer: threading.Thread, queued: queue.Queue[bytes | None]) -> None:
    """Tell ``writer`` to stop and wait until it has, however often a Ctrl-C interrupts the wait (the
    member it writes is closed right after: it must not be written any more); the interruption is
    raised once the thread is gone."""
    interrupted: BaseException | None = None
    told = False
    while not told or writer.is_alive():
        try:
            if not told:
                queued.put(None)  # waits while the queue is full: the writer is emptying it
                told = True
            writer.join()
        except BaseException as exc:
            interrupted = interrupted or exc
    if interrupted is not None:
        raise interrupted


def write_docx(blocks: Iterable[Block], title: str, target: Path) -> Path:
    """Stream the package into an exclusive temporary file beside ``target`` and rename it into place;
    raises :class:`FileProblem` on failure, leaving ``target`` as it was. Returns the absolute path."""

    def write(stream: BinaryIO) -> None:
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content in _parts(blocks, title).items():
                _write_member(archive, name, content)

    return write_file(target, write, replace=True)
