"""Folders made for the files perfsheet creates (init, import): every level a real folder, never reached
through a symbolic link, and what a failed run made removed again."""

from __future__ import annotations

import os
import stat
from contextlib import suppress
from pathlib import Path

from perfsheet.files.safe import CLOEXEC, NOFOLLOW, FileProblem, write_text_file

# The reason E306 gives when a path that should be a folder is a file.
NOT_A_FOLDER = "不是目录"


def _missing_ancestors(folder: Path) -> list[Path]:
    """The folders ``folder`` needs that do not exist yet, outermost first."""
    missing = []
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate):
            break
        missing.append(candidate)
    return missing[::-1]


_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | CLOEXEC
# Where the system opens a name relative to an open folder (POSIX); elsewhere each level is checked by path.
_BY_DESCRIPTOR = {os.open, os.mkdir, os.stat} <= os.supports_dir_fd


def _not_a_real_folder(path: Path, part: str, parent: int | None) -> FileProblem:
    info = os.lstat(part, dir_fd=parent) if parent is not None else os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        return FileProblem("E044", path)
    return FileProblem("E306", path, reason=NOT_A_FOLDER)


def _made(path: Path, name: str | Path, parent: int | None = None) -> bool:
    """Whether the folder ``path`` (``name`` in the open folder ``parent``) was created here (False:
    something is there already)."""
    try:
        os.mkdir(name, dir_fd=parent)
    except FileExistsError:
        return False
    except OSError as exc:
        raise FileProblem("E306", path, reason=exc.strerror or str(exc)) from None
    return True


def _real_folders(folder: Path, within: Path, created: list[Path]) -> None:
    """Make every folder from ``within`` down to ``folder`` exist as a real folder, never a symbolic link
    (one planted as ``.github -> ../elsewhere`` would take the files out of the repository): each level
    is created if missing and opened without following links, relative to the level above it, so no
    path is looked up twice. ``within`` itself is what the user named and may be reached through links.
    Folders this call creates are added to ``created``."""
    for missing in _missing_ancestors(within):
        if _made(missing, missing):
            created.append(missing)
    parts = folder.relative_to(within).parts
    if not _BY_DESCRIPTOR:  # pragma: no cover - Windows
        current = within
        for part in parts:
            current = current / part
            if _made(current, current):
                created.append(current)
            if not stat.S_ISDIR(current.lstat().st_mode):
                raise _not_a_real_folder(current, part, None)
        return
    try:
        descriptor = os.open(within, _FOLDER_FLAGS)
    except OSError as exc:
        raise FileProblem("E306", within, reason=exc.strerror or NOT_A_FOLDER) from None
    current = within
    try:
        for part in parts:
            current = current / part
            if _made(current, part, descriptor):
                created.append(current)
            try:
                inner = os.open(part, _FOLDER_FLAGS | NOFOLLOW, dir_fd=descriptor)
            except OSError:
                raise _not_a_real_folder(current, part, descriptor) from None
            os.close(descriptor)
            descriptor = inner
    finally:
        os.close(descriptor)


def create_files(files: dict[Path, str], *, within: Path) -> list[Path]:
    """Create every file (UTF-8 text) below the folder ``within``, never over an existing one and never
    through a folder that is a symbolic link; on a failure remove what this call created, files and
    folders, and raise the problem, so that a run that fails leaves nothing half made."""
    within = Path(os.path.abspath(within))
    written: list[Path] = []
    created: list[Path] = []
    try:
        for target in files:
            _real_folders(Path(os.path.abspath(target)).parent, within, created)
        for target, text in files.items():
            written.append(write_text_file(target, text))
    except FileProblem:
        for path in written:
            path.unlink(missing_ok=True)
        for folder in reversed(created):
            with suppress(OSError):
                folder.rmdir()
        raise
    return written
