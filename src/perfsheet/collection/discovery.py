"""Which files make up a collection, in which order, and how files are named.

A directory is a collection; a single project file is checked with the ``perfsheet.yaml`` beside it,
when there is one. Projects are ordered by file name, with numbers compared as numbers (``2-`` before
``10-``), so the budget officer controls the order by naming the files. Entries that look meant as
projects but are not named ``*.yaml`` are reported, never skipped.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from perfsheet.diagnostics import Diagnostic, fill, from_catalogue, phrases
from perfsheet.files.names import MAX_NAME_BYTES, safe_file_name

SETTINGS_FILE = "perfsheet.yaml"

_ASCII_NUMBER = re.compile(r"([0-9]+)")


def natural_key(name: str) -> list[tuple[int, str]]:
    """``2-x`` sorts before ``10-x``: runs of ASCII digits compare as numbers (other digits, such as
    ``²`` or ``①``, as text, so no name can fail to sort)."""
    return [(int(part), part) if index % 2 else (0, part) for index, part in enumerate(_ASCII_NUMBER.split(name))]


def real_path(path: Path) -> Path:
    """``path`` absolute with its symbolic links followed, as far as they lead: a loop (``ln -s a a``)
    stops there instead of raising (``Path.resolve`` raises RuntimeError), and the loader then reports
    the file it cannot read (E006)."""
    return Path(os.path.realpath(path))


PROJECT_SUFFIX = ".yaml"
# Names that were clearly meant as project files but that a collection does not read as such.
_LOOKS_LIKE_PROJECT = re.compile(r"\.ya?ml\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class FolderEntries:
    """What a collection folder holds: the project files in print order, and entries that look like
    project files but will not be read (each reported, never skipped in silence)."""

    projects: list[Path]
    misnamed: list[Path]


def project_paths(directory: Path) -> FolderEntries:
    """The project files of a collection directory, in the order the forms are printed.

    Every ``*.yaml`` entry counts, whatever it is (a broken link, a FIFO or a folder is then reported by
    the loader); hidden entries (editors' swap files, ``.perfsheet/``) are not the budget officer's.
    """
    projects, misnamed = [], []
    for entry in directory.iterdir():
        name = entry.name
        if name == SETTINGS_FILE or name.startswith("."):
            continue
        if name.endswith(PROJECT_SUFFIX):
            projects.append(entry)
        elif _LOOKS_LIKE_PROJECT.search(name):
            misnamed.append(entry)
    order = lambda p: natural_key(p.name)  # noqa: E731
    return FolderEntries(sorted(projects, key=order), sorted(misnamed, key=order))


def project_file_name(number: int, name: str, taken: set[str]) -> str:
    """``NN-<项目名称>.yaml``, safe on Linux and Windows and short enough for both, unique among
    ``taken`` (the full name always stays inside the file)."""
    prefix = f"{number:02d}-"
    # Room for the prefix and for a "-NN" that keeps two equal (or equally cut) names apart.
    budget = MAX_NAME_BYTES - len(prefix.encode("utf-8")) - len(PROJECT_SUFFIX) - 4
    base = safe_file_name(name, "", fallback="项目", max_bytes=budget)
    candidate, suffix = f"{prefix}{base}{PROJECT_SUFFIX}", 2
    while candidate in taken:
        candidate, suffix = f"{prefix}{base}-{suffix}{PROJECT_SUFFIX}", suffix + 1
    return candidate


def misnamed_diagnostic(path: Path) -> Diagnostic:
    """E232 for a file that was meant as a project but is not named ``*.yaml``."""
    stem = _LOOKS_LIKE_PROJECT.sub("", path.name).rstrip()
    return from_catalogue(
        "E232", path.as_posix(), None,
        name=path.name, reason=phrases().wrong_suffix,
        fix=fill(phrases().rename_to, name=stem + PROJECT_SUFFIX),
    )  # fmt: skip


@dataclass(frozen=True)
class CollectionFiles:
    """Which files make up the collection named by a path: a directory, or one project file with the
    perfsheet.yaml beside it (naming perfsheet.yaml itself means its directory)."""

    root: Path
    settings: Path
    projects: list[Path]
    is_directory: bool
    misnamed: list[Path] = field(default_factory=list)


def collection_files(path: Path) -> CollectionFiles:
    if path.name == SETTINGS_FILE:
        path = path.parent
    if path.is_dir():
        entries = project_paths(path)
        return CollectionFiles(path, path / SETTINGS_FILE, entries.projects, True, entries.misnamed)
    return CollectionFiles(path.parent, path.parent / SETTINGS_FILE, [path], False)


def snapshot(path: Path) -> dict[str, tuple[int, int]]:
    """Modification time and size of every file of a collection, to notice an edit (``build --watch``)."""
    found = collection_files(path)
    state = {}
    for file in [*found.projects, found.settings]:
        try:
            info = file.stat()
        except OSError:
            try:  # a link to nowhere or in a loop is a file of the collection too: its coming and going counts
                info = file.lstat()
            except OSError:
                continue
        state[file.as_posix()] = (info.st_mtime_ns, info.st_size)
    return state
