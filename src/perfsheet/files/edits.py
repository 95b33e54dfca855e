"""Files the user owns, changed in place (``fix``, ``import --into``): all of them or none.

Each file keeps its inode, so its owner, mode and hard links stay: the new bytes are written into the
file itself, after a copy of its old bytes is safely on disk beside it. Before the first byte is written
every file is checked: still a regular file and not a link, writable by its owner (a read-only file is
refused, even for root), exactly as it was read (an edit saved in the editor meanwhile is never lost),
and within the read limit once changed. Stop signals (Ctrl+C, SIGTERM, SIGHUP) are held while the files
are written and looked at between two files: a stop, like any failure, puts every file back as it was
and only then takes effect. A run killed outright (SIGKILL, a power cut) leaves its copies: the next run
removes one whose file still holds those very bytes, and names the others (their names start with a
dot, so no run ever reads one as a project).

Problems are :class:`FileProblem`\\ s; when one is raised, no file was changed (or, if a file could not
be put back, the problem says where its old bytes are).
"""

from __future__ import annotations

import os
import signal
import stat
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from perfsheet.diagnostics import Diagnostic, from_catalogue
from perfsheet.files.safe import (
    BINARY,
    CLOEXEC,
    HAS_LOCKS,
    NOFOLLOW,
    NONBLOCK,
    FileProblem,
    held_by_a_live_run,
    open_temporary_beside,
    temporaries_beside,
)

_STOPS = frozenset(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@dataclass(frozen=True)
class Edit:
    """One file: the bytes it had when it was read, and the bytes it is to have."""

    path: Path
    before: bytes
    after: bytes


class _Stop(BaseException):
    """A stop signal found pending between two files; delivered once every file is back."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _can_hold() -> bool:
    return hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()


@contextmanager
def stops_held() -> Iterator[None]:
    """Stop signals wait while the block runs, and take effect at its end (a caller that writes files
    holds them until it has noted what it wrote, so that a stop never comes between the two)."""
    if not _can_hold():  # pragma: no cover - Windows: a stop raises where it lands, and is undone below
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _check_stops() -> None:
    """Raise :class:`_Stop` for a stop signal that arrived while they were held (taking it)."""
    if _can_hold() and signal.sigpending() & _STOPS:
        taken = signal.sigtimedwait(_STOPS, 0)
        if taken is not None:
            raise _Stop(taken.si_signo)


def _deliver(signum: int) -> None:
    """The stop takes effect as if it had just arrived: the installed handler runs (the command line's
    raises its own exception), or the default action ends the process."""
    handler = signal.getsignal(signum)
    if callable(handler):
        handler(signum, None)
    else:
        signal.raise_signal(signum)


def _read_all(descriptor: int, limit: int) -> bytes:
    chunks, size = [], 0
    while size <= limit:
        chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _open_checked(edit: Edit, limit: int) -> int:
    """The file opened for writing once it passed every check; raises ``FileProblem``."""
    path = edit.path
    if len(edit.after) > limit:
        raise FileProblem("E064", path, size=f"{len(edit.after):,}", limit=f"{limit:,}")
    try:
        descriptor = os.open(path, os.O_RDWR | NOFOLLOW | NONBLOCK | CLOEXEC | BINARY)
    except FileNotFoundError:
        raise FileProblem("E005", path) from None
    except PermissionError:
        raise FileProblem("E062", path) from None
    except OSError as exc:
        if os.path.islink(path):
            raise FileProblem("E067", path) from None
        raise FileProblem("E303", path, reason=exc.strerror or str(exc)) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("E303", path, reason="不是普通文件")
        if not info.st_mode & stat.S_IWUSR:  # root may write it, but its owner made it read-only
            raise FileProblem("E062", path)
        if _read_all(descriptor, limit) != edit.before:
            raise FileProblem("E063", path)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def _write_in_place(descriptor: int, data: bytes) -> None:
    os.lseek(descriptor, 0, os.SEEK_SET)
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]
    os.ftruncate(descriptor, len(data))
    os.fsync(descriptor)


def _keep_copy(edit: Edit) -> tuple[int, Path]:
    """The file's old bytes in a new file beside it, on disk before the file is touched (and locked)."""
    descriptor, path = open_temporary_beside(edit.path)
    try:
        _write_in_place(descriptor, edit.before)
    except BaseException:
        os.close(descriptor)
        with suppress(OSError):
            path.unlink()
        raise
    return descriptor, path


def apply_edits(edits: Sequence[Edit], limit: int) -> None:
    """Write every edit, or none: raises ``FileProblem`` (nothing changed) or lets a stop signal take
    effect once every file is as it was."""
    targets: list[int] = []  # each edit's file, open
    held: list[int] = []  # the copies, open and locked
    copies: list[Path] = []
    written: list[tuple[Edit, int]] = []
    kept: set[Path] = set()
    try:
        with stops_held():
            try:
                targets.extend(_open_checked(edit, limit) for edit in edits)
                for edit in edits:
                    descriptor, copy = _keep_copy(edit)
                    held.append(descriptor)
                    copies.append(copy)
                for edit, descriptor in zip(edits, targets, strict=True):
                    _check_stops()
                    written.append((edit, descriptor))
                    _write_in_place(descriptor, edit.after)
                _check_stops()
            except BaseException as failure:
                _undo(written, copies, kept)
                if isinstance(failure, OSError):
                    path = written[-1][0].path if written else edits[0].path
                    raise FileProblem("E303", path, reason=failure.strerror or str(failure)) from None
                raise
    except _Stop as stop:
        _remove(copies, kept, targets, held)
        _deliver(stop.signum)
        raise  # pragma: no cover - a handler that ignored the stop: nothing was written all the same
    finally:
        _remove(copies, kept, targets, held)


def _undo(written: list[tuple[Edit, int]], copies: list[Path], kept: set[Path]) -> None:
    """Put back every file already written; the copy of one that could not be is kept (added to
    ``kept``) and named by the problem raised once all the others are back."""
    failure: FileProblem | None = None
    for index, (edit, descriptor) in enumerate(written):
        try:
            _write_in_place(descriptor, edit.before)
        except OSError as exc:
            kept.add(copies[index])
            failure = failure or FileProblem(
                "E066", edit.path, copy=copies[index].name, reason=exc.strerror or str(exc)
            )
    if failure is not None:
        raise failure


def _remove(copies: list[Path], kept: set[Path], *opened: list[int]) -> None:
    """Remove the copies not kept and close every file (once: the lists are emptied, so a second call
    never closes a descriptor number the process may have reused)."""
    for copy in copies:
        if copy not in kept:
            with suppress(OSError):
                copy.unlink()
    copies.clear()
    for descriptors in opened:
        for descriptor in descriptors:
            with suppress(OSError):
                os.close(descriptor)
        descriptors.clear()


def leftover_copies(paths: Sequence[Path]) -> list[Diagnostic]:
    """What a killed run left beside ``paths``: a copy whose file still holds those very bytes is
    removed; any other is named, and kept (it may hold the only good bytes)."""
    found: list[Diagnostic] = []
    for path in paths:
        for entry in temporaries_beside(path):
            copy = Path(entry.path)
            with suppress(OSError):
                if not entry.is_file(follow_symlinks=False) or _in_use(copy):
                    continue
                if path.is_file() and path.read_bytes() == copy.read_bytes():
                    copy.unlink()
                    continue
                found.append(from_catalogue("E065", path.as_posix(), None, path=path.as_posix(), copy=copy.name))
    return found


def _in_use(copy: Path) -> bool:
    """Whether a live run holds the copy (always False without locks: then the copy is named)."""
    return HAS_LOCKS and held_by_a_live_run(copy)
