"""Whether a path names a file a run has just read, whatever the name: the output of a command may never
be one of its inputs."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def is_one_of(target: Path, inputs: Iterable[Path]) -> bool:
    """Whether writing ``target`` would write one of ``inputs`` (the files a run just read), by a link or
    another name: compared by the file itself (device and file number), one stat each, where resolving
    each input's path walked every folder above it. A file system that numbers no file (0 for all, as
    some network and FAT volumes on Windows) has the paths compared where they lead instead."""
    try:
        wanted = os.stat(target)
    except OSError:
        return False  # nothing there, or nothing reachable: not a file that was just read
    if not wanted.st_ino:
        resolved = os.path.realpath(target)
        return any(resolved == os.path.realpath(path) for path in inputs)
    for path in inputs:
        try:
            if os.path.samestat(wanted, os.stat(path)):
                return True
        except OSError:
            continue  # gone since it was read: it cannot be the target
    return False
