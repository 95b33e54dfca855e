"""The document body is compressed by a second thread while the first lays out the next forms: the
chunks arrive whole and in order, a failure on either side ends the run with that failure, and no
thread outlives the write, nor is half a document ever left in place of a good one."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from perfsheet.collection.loading import load_collection
from perfsheet.docx import package, write_docx
from perfsheet.docx.emit import NotWellFormed
from perfsheet.files.safe import FileProblem
from perfsheet.layout import layout_collection
from perfsheet.layout.blocks import Block, Paragraph
from tests.conftest import EXAMPLES


def _writers() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "perfsheet-deflate"]


class _Member:
    """A zip member that keeps what it is given, and fails at its ``fail_at``-th write."""

    def __init__(self, fail_at: int | None = None) -> None:
        self.written: list[bytes] = []
        self.fail_at = fail_at

    def write(self, data: bytes) -> int:
        if self.fail_at is not None and len(self.written) + 1 == self.fail_at:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.written.append(data)
        return len(data)


def test_every_chunk_is_written_once_in_order() -> None:
    chunks = [bytes([n]) * (n + 1) for n in range(50)]
    member = _Member()
    package._write_beside(member, iter(chunks))  # type: ignore[arg-type]
    assert member.written == chunks
    assert not _writers()


def test_a_failed_write_reaches_the_caller_and_stops_the_chunks() -> None:
    made: list[int] = []

    def chunks() -> Iterator[bytes]:
        for n in range(1000):
            made.append(n)
            yield b"x"

    member = _Member(fail_at=3)
    with pytest.raises(OSError, match="No space"):
        package._write_beside(member, chunks())  # type: ignore[arg-type]
    assert len(member.written) == 2
    assert len(made) < 1000, "the body went on being made after the write had failed"
    assert not _writers()


def test_a_failure_while_making_the_body_ends_the_writer_too() -> None:
    def chunks() -> Iterator[bytes]:
        yield b"a"
        raise NotWellFormed("U+0001")

    member = _Member()
    with pytest.raises(NotWellFormed):
        package._write_beside(member, chunks())  # type: ignore[arg-type]
    assert member.written in ([], [b"a"])  # what was queued is dropped once the making failed
    assert not _writers()


@pytest.fixture(scope="module")
def blocks() -> list[Block]:
    return layout_collection(load_collection(EXAMPLES)).blocks


def test_a_bad_text_in_the_last_form_leaves_the_earlier_document(blocks: list[Block], tmp_path: Path) -> None:
    target = write_docx(blocks, "t", tmp_path / "申报表.docx")
    before = target.read_bytes()
    with pytest.raises(NotWellFormed):
        write_docx([*blocks, Paragraph("\x01", "note")], "t", target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    assert not _writers()


def test_a_full_disk_is_a_file_problem_and_the_earlier_document_stays(
    blocks: list[Block], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = write_docx(blocks * 40, "t", tmp_path / "申报表.docx")
    before = target.read_bytes()
    opened = os.fdopen

    class Full:
        """A file that takes 64 KB and then reports the disk full."""

        def __init__(self, stream: Any) -> None:
            self.stream, self.taken = stream, 0

        def write(self, data: bytes) -> int:
            self.taken += len(data)
            if self.taken > 1 << 16:
                raise OSError(errno.ENOSPC, "No space left on device")
            return int(self.stream.write(data))

        def __getattr__(self, name: str) -> Any:
            return getattr(self.stream, name)

    monkeypatch.setattr(os, "fdopen", lambda *args, **kwargs: Full(opened(*args, **kwargs)))
    with pytest.raises(FileProblem) as failure:
        write_docx(blocks * 40, "t", target)
    assert failure.value.code == "E303"
    assert target.read_bytes() == before
    assert not _writers()


class _InterruptedOnce:
    """A writer thread whose first wait is cut by a Ctrl-C (KeyboardInterrupt in the waiting thread)."""

    def __init__(self) -> None:
        self.joins = 0
        self.done = False

    def join(self) -> None:
        self.joins += 1
        if self.joins == 1:
            raise KeyboardInterrupt
        self.done = True

    def is_alive(self) -> bool:
        return not self.done


def test_a_ctrl_c_while_waiting_for_the_writer_still_waits_for_it_then_stops() -> None:
    import queue

    waiting: queue.Queue[bytes | None] = queue.Queue()
    writer = _InterruptedOnce()
    with pytest.raises(KeyboardInterrupt):
        package._ended(writer, waiting)  # type: ignore[arg-type]
    assert writer.joins == 2 and writer.done
    assert waiting.get_nowait() is None and waiting.empty()  # told to stop once


def test_a_ctrl_c_from_the_making_drops_what_is_queued(monkeypatch: pytest.MonkeyPatch) -> None:
    # The writer is held inside its first write until this side has given up and waits for it.
    release = threading.Event()
    ended = package._ended

    def released_then_ended(writer: threading.Thread, queued: Any) -> None:
        release.set()
        ended(writer, queued)

    monkeypatch.setattr(package, "_ended", released_then_ended)

    class Held(_Member):
        def write(self, data: bytes) -> int:
            release.wait()
            return super().write(data)

    def chunks() -> Iterator[bytes]:
        yield b"first"
        yield b"second"
        raise KeyboardInterrupt

    member = Held()
    with pytest.raises(KeyboardInterrupt):
        package._write_beside(member, chunks())  # type: ignore[arg-type]
    assert not _writers()
    # Only a write already under way when this side gave up can finish: nothing queued after it is written.
    assert member.written in ([], [b"first"])
