"""Every file perfsheet reads from a user or writes for one goes through here.

Reading: only regular files, never more than a limit (counted while reading, since ``stat`` says 0 for
``/dev/zero``), never blocking on a FIFO, and a symbolic link only when its target stays inside the folder
that holds it. Writing: a temporary created exclusively beside the target (random, short name, never
through a symbolic link), ``fsync``, then a rename; a new file never replaces anything, a rebuilt one keeps
the permissions of the file it replaces. File names from user text: ``names``; folders: ``folders``.

Problems are :class:`FileProblem` with a catalogue code, for the caller to turn into a diagnostic.
"""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, BinaryIO

from perfsheet.diagnostics import Diagnostic, from_catalogue

try:  # POSIX: a lock on the temporary tells a live run's file from one a killed run left behind
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
# Whether this system has those locks (without them, a killed run's temporary is told by its age).
HAS_LOCKS = fcntl is not None

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)
BINARY = getattr(os, "O_BINARY", 0)

# A temporary of ours: .perfsheet-<12 hex of the target's name>-<random>.tmp (short whatever the target).
_TEMPORARY_PREFIX = ".perfsheet-"
_TEMPORARY_SUFFIX = ".tmp"


class FileProblem(Exception):
    """A file could not be read or written as asked; ``code`` names the catalogue entry."""

    def __init__(self, code: str, path: Path | str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.path = str(path)
        self.params = params


def file_diagnostic(problem: FileProblem) -> Diagnostic:
    """The located diagnostic that reports ``problem`` (at the file itself, line 1)."""
    return from_catalogue(problem.code, problem.path, None, path=problem.path, **problem.params)


# --- reading -------------------------------------------------------------------------------------


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def read_user_file(path: Path, limit: int, *, within: Path | None = None) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    A symbolic link is followed only when its final target lies inside ``within`` (default: the folder
    holding ``path``); nothing of a refused file is read.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        raise FileProblem("E005", path) from None
    except OSError as exc:
        raise FileProblem("E008", path, reason=exc.strerror or str(exc)) from None
    if stat.S_ISLNK(info.st_mode):
        folder = (within or path.parent).resolve()
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise FileProblem("E006", path, what="指向不存在的文件（或循环）的符号链接") from None
        if not _inside(target, folder):
            raise FileProblem("E007", path, folder=folder.as_posix())
    try:
        descriptor = os.open(path, os.O_RDONLY | NONBLOCK | CLOEXEC | BINARY)
    except OSError as exc:
        raise FileProblem("E008", path, reason=exc.strerror or str(exc)) from None
    try:
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode):
            raise FileProblem("E006", path, what=_kind_of(opened.st_mode))
        chunks, size = [], 0
        while size <= limit:  # counted while reading: stat says 0 for /dev/zero and /proc files
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        raise FileProblem("E008", path, reason=exc.strerror or str(exc)) from None
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise FileProblem("E001", path, limit=f"{limit:,}")
    return data


def _kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "目录"
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISSOCK(mode):
        return "套接字"
    return "特殊文件"


# --- writing -------------------------------------------------------------------------------------

Content = bytes | Callable[[BinaryIO], None]


def _temporary_stem(target: Path) -> str:
    return _TEMPORARY_PREFIX + hashlib.sha256(target.name.encode("utf-8", "surrogateescape")).hexdigest()[:12] + "-"


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _create_parents(target: Path) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise FileProblem("E306", target, reason="上级路径中有同名的文件，不是目录") from None
    except OSError as exc:
        raise FileProblem("E303", target, reason=exc.strerror or str(exc)) from None


class _Temporary:
    """An open temporary file; closing is idempotent, so no descriptor number is ever closed twice."""

    def __init__(self, descriptor: int, path: Path) -> None:
        self.descriptor: int | None = descriptor
        self.path = path

    def close(self) -> None:
        if self.descriptor is not None:
            descriptor, self.descriptor = self.descriptor, None
            os.close(descriptor)


def open_temporary_beside(target: Path) -> tuple[int, Path]:
    """A new file of ours beside ``target`` (created with O_EXCL, never through a link, mode 0600), open
    for writing and locked while this run holds it; a problem creating it is E303 for ``target``."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC | BINARY
    for _attempt in range(8):
        path = target.with_name(_temporary_stem(target) + secrets.token_hex(6) + _TEMPORARY_SUFFIX)
        try:
            descriptor = os.open(path, flags, 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise FileProblem("E303", target, reason=exc.strerror or str(exc)) from None
        break
    else:  # pragma: no cover - eight random 48-bit names all taken
        raise FileProblem("E303", target, reason="无法创建临时文件")
    try:
        if fcntl is not None:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
    except BaseException:
        os.close(descriptor)
        with suppress(OSError):
            os.unlink(path)
        raise
    return descriptor, path


def temporaries_beside(target: Path) -> list[os.DirEntry[str]]:
    """The entries named as our temporaries for ``target`` in its folder (none when it cannot be read)."""
    stem = _temporary_stem(target)
    try:
        return [e for e in os.scandir(target.parent) if e.name.startswith(stem) and e.name.endswith(_TEMPORARY_SUFFIX)]
    except OSError:
        return []


def held_by_a_live_run(path: Path) -> bool:
    """Whether a live run holds our temporary ``path`` locked (only where there are locks, HAS_LOCKS:
    callers without them decide otherwise)."""
    assert fcntl is not None
    descriptor = os.open(path, os.O_RDONLY | NOFOLLOW | CLOEXEC)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(descriptor)
    return False


@contextmanager
def _exclusive_temporary(target: Path) -> Iterator[_Temporary]:
    """A new file beside ``target``, created with O_EXCL and without following links, locked while it
    is written; removed on any failure or interruption (SIGINT, SIGTERM and SIGHUP included)."""
    temporary = _Temporary(*open_temporary_beside(target))
    try:
        yield temporary
        temporary.close()
    except BaseException:
        with suppress(OSError):
            temporary.close()
        with suppress(OSError):
            os.unlink(temporary.path)
        raise


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove what a killed run left beside ``target``: our temporaries for that name that no live run
    holds locked (without locks: those older than a day)."""
    removed: list[Path] = []
    for entry in temporaries_beside(target):
        path = Path(entry.path)
        with suppress(OSError):
            if not entry.is_file(follow_symlinks=False):
                if entry.is_symlink():  # a link planted under our name is never ours to follow
                    path.unlink()
                    removed.append(path)
                continue
            if fcntl is None:
                if time.time() - entry.stat(follow_symlinks=False).st_mtime > 86_400:
                    path.unlink()
                    removed.append(path)
                continue
            if held_by_a_live_run(path):
                continue  # a live run is writing it
            path.unlink()
            removed.append(path)
    return removed


def _write_all(descriptor: int, content: Content) -> None:
    stream = os.fdopen(descriptor, "wb", closefd=False)
    try:
        if isinstance(content, bytes):
            stream.write(content)
        else:
            content(stream)
        stream.flush()
        os.fsync(descriptor)
    finally:
        stream.close()


def _sync_folder(folder: Path) -> None:
    with suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_file(target: Path, content: Content, *, replace: bool = False) -> Path:
    """Write ``content`` (bytes, or a function that writes to a binary stream) to ``target`` atomically.

    ``replace`` lets a regular file at ``target`` be replaced (a rebuilt document, keeping its
    permissions); without it an existing entry of any kind is left alone and refused. A symbolic link or
    a directory at ``target`` is always refused. Returns the absolute path written.
    """
    target = Path(os.path.abspath(target))
    _create_parents(target)
    try:
        existing = target.lstat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise FileProblem("E303", target, reason=exc.strerror or str(exc)) from None
    if existing is not None:
        if stat.S_ISLNK(existing.st_mode):
            raise FileProblem("E307", target)
        if stat.S_ISDIR(existing.st_mode):
            raise FileProblem("E300", target)
        if not replace or not stat.S_ISREG(existing.st_mode):
            raise FileProblem("E308", target)
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~umask()
    with _exclusive_temporary(target) as temporary:
        assert temporary.descriptor is not None
        try:
            _write_all(temporary.descriptor, content)
            if fcntl is not None:
                # Kept open (and locked) through the rename, so no other run takes it for a stale one.
                os.fchmod(temporary.descriptor, mode)
            if fcntl is None:  # pragma: no cover - Windows renames only closed files (and has no flock)
                temporary.close()
                os.chmod(temporary.path, mode)
        except OSError as exc:
            raise FileProblem("E303", target, reason=exc.strerror or str(exc)) from exc
        _commit(temporary.path, target, replace)
    _sync_folder(target.parent)
    return target


def _commit(temporary: Path, target: Path, replace: bool) -> None:
    try:
        if replace:
            os.replace(temporary, target)
            return
        try:
            # A hard link never replaces anything: an entry created meanwhile (even a dangling link) wins.
            os.link(temporary, target, follow_symlinks=False)
        except FileExistsError:
            raise FileProblem("E308", target) from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                raise
            if os.path.lexists(target):  # a file system without hard links: check, then rename
                raise FileProblem("E308", target) from None
            os.rename(temporary, target)
            return
        os.unlink(temporary)
    except PermissionError as exc:
        # Windows refuses to replace a file that Word or WPS holds open.
        raise FileProblem("E305", target, reason=exc.strerror or str(exc)) from exc
    except OSError as exc:
        raise FileProblem("E303", target, reason=exc.strerror or str(exc)) from exc


def write_text_file(target: Path, text: str, *, replace: bool = False) -> Path:
    """``write_file`` for UTF-8 text with LF line ends."""
    return write_file(target, text.encode("utf-8"), replace=replace)
