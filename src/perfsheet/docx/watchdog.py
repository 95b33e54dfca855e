"""Ends LibreOffice and removes perfsheet's private folder when perfsheet dies without cleaning up (SIGKILL,
the OOM killer), so that no ``soffice.bin`` spins on and no ``perfsheet-pdf-*`` folder stays.

Started as a script (``python -I watchdog.py FD FOLDER``), importing nothing of perfsheet. FD is the
reading end of a pipe whose writing end only perfsheet holds. perfsheet writes LibreOffice's process
group once started, and ``done`` once it has cleaned up itself; end of file without ``done`` means
perfsheet is gone: the group is killed and FOLDER removed. It keeps perfsheet's standard error open until
then, so whoever reads perfsheet's output sees its end only once nothing is left behind.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import sys
from contextlib import suppress

DONE = b"done"


def _wait_for_end(pid: int) -> None:
    """Until LibreOffice's launcher has ended (so that it writes nothing more into the folder), where
    the system can say so (a pidfd becomes readable when its process exits)."""
    with suppress(AttributeError, OSError):
        descriptor = os.pidfd_open(pid)
        try:
            select.select([descriptor], [], [], 10)
        finally:
            os.close(descriptor)


def main(descriptor: int, folder: str) -> int:
    # Ctrl+C and a closed terminal reach the whole foreground group: perfsheet handles them and says done.
    for name in ("SIGINT", "SIGHUP", "SIGTERM"):
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    received = b""
    while chunk := os.read(descriptor, 4096):  # returns b"" at end of file: perfsheet closed it, or died
        received += chunk
    words = received.split()
    if DONE in words:
        return 0
    group = next((int(word) for word in words if word.isdigit()), None)
    if group is not None:
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(group, signal.SIGKILL)
            _wait_for_end(group)
    shutil.rmtree(folder, ignore_errors=True)
    return 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]), sys.argv[2]))
