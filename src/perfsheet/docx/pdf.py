"""PDF through LibreOffice, treated as an untrusted helper.

No user text reaches its command line: the document is copied into a private folder under a fixed name,
every path is absolute, and LibreOffice gets its own profile there (concurrent runs on one profile fail
silently). It runs in a process group of its own, which is ended on timeout, on error, on interruption
and after a normal exit, so that no ``soffice.bin`` or listener outlives perfsheet; its temporary files go
to the private folder, removed with it; a watchdog does both if perfsheet itself is killed.
"""

from __future__ import annotations

import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from perfsheet.diagnostics import fill, phrases
from perfsheet.files.safe import write_file
from perfsheet.resources import data_dir

DEFAULT_TIMEOUT_SECONDS = 180
MAX_TIMEOUT_SECONDS = 86_400  # a day: more than any document needs, and a wait every platform can time
TIMEOUT_VARIABLE = "PERFSHEET_PDF_TIMEOUT"
_INPUT_NAME = "document.docx"


class PdfError(Exception):
    """LibreOffice is missing or failed; ``code`` is the diagnostic's catalogue code."""

    def __init__(self, code: str, **params: str) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def find_soffice() -> str | None:
    """The absolute path of LibreOffice's launcher on PATH, if any."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return os.path.abspath(found) if found else None


def timeout_seconds() -> float:
    """The conversion's time limit: PERFSHEET_PDF_TIMEOUT (seconds), or the default when it is unset or
    empty. Anything but a finite number above 0 and at most MAX_TIMEOUT_SECONDS is refused (E045) rather
    than replaced: ``inf`` or ``1e308`` would overflow the wait, ``nan`` never times out."""
    written = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not written:
        return DEFAULT_TIMEOUT_SECONDS
    try:
        chosen = float(written)
    except ValueError:
        chosen = math.nan
    if not (0 < chosen <= MAX_TIMEOUT_SECONDS):  # also false for nan
        raise PdfError("E045", variable=TIMEOUT_VARIABLE, value=written, limit=f"{MAX_TIMEOUT_SECONDS:,}")
    return chosen


def _environment(work: Path) -> dict[str, str]:
    """LibreOffice's environment, with fontconfig told which installed faces stand for 宋体 and 黑体
    (templates/pdf/fonts.conf), unless the user chose a fontconfig file of their own."""
    environment = dict(os.environ)
    environment.setdefault("FONTCONFIG_FILE", str(data_dir("templates") / "pdf" / "fonts.conf"))
    environment["HOME"] = str(work)  # nothing it writes lands in the user's home
    # Nor in the system's temporary folder: its lu*.tmp files go where the folder's removal takes them.
    for name in ("TMPDIR", "TMP", "TEMP"):
        environment[name] = str(work / "tmp")
    return environment


def _end_group(process: subprocess.Popen[bytes]) -> None:
    """Kill every process of LibreOffice's group, the launcher's children included."""
    kill_group = getattr(os, "killpg", None)  # POSIX; on Windows the launcher alone is killed
    if kill_group is not None:
        with suppress(ProcessLookupError, PermissionError):
            kill_group(process.pid, signal.SIGKILL)
    with suppress(ProcessLookupError):
        process.kill()
    process.wait()


@contextmanager
def _watchdog(work: Path) -> Iterator[Callable[[int], None]]:
    """A watchdog (``watchdog.py``) that ends LibreOffice's group and removes ``work`` if perfsheet dies
    without doing so itself (SIGKILL): yields the function that tells it the group. Leaving the block
    tells it that perfsheet has cleaned up. POSIX only (elsewhere there are no process groups to end)."""
    if os.name != "posix":
        yield lambda _group: None
        return
    reading, writing = os.pipe()
    try:
        watchdog = subprocess.Popen(
            [sys.executable, "-I", str(Path(__file__).with_name("watchdog.py")), str(reading), str(work)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            pass_fds=(reading,),
        )
    except BaseException:
        os.close(writing)
        raise
    finally:
        os.close(reading)
    try:
        yield lambda group: _tell(writing, f"{group}\n")
    finally:
        _tell(writing, "done\n")
        os.close(writing)
        watchdog.wait()


def _tell(descriptor: int, message: str) -> None:
    with suppress(OSError):  # a watchdog that is gone has nothing left to do
        os.write(descriptor, message.encode("ascii"))


def convert_to_pdf(docx: Path, target: Path, soffice: str) -> None:
    """Convert ``docx`` to ``target`` (written atomically, replacing an earlier PDF)."""
    limit = timeout_seconds()
    try:
        work = Path(tempfile.mkdtemp(prefix="perfsheet-pdf-")).resolve()
    except OSError as exc:  # a full or unwritable temporary folder: the conversion cannot start
        raise PdfError("E311", detail=exc.strerror or str(exc)) from None
    with _watchdog(work) as watch_group:
        try:
            _convert(docx, target, soffice, work, limit, watch_group)
        finally:
            shutil.rmtree(work, ignore_errors=True)


def _convert(
    docx: Path, target: Path, soffice: str, work: Path, limit: float, watch_group: Callable[[int], None]
) -> None:
    source, outdir = work / _INPUT_NAME, work / "out"
    try:
        (work / "tmp").mkdir()
        shutil.copyfile(docx, source)
    except OSError as exc:  # no room for LibreOffice's private copy
        raise PdfError("E311", detail=exc.strerror or str(exc)) from None
    command = [
        soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--convert-to", "pdf", "--outdir", str(outdir), str(source),
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        cwd=work,
        env=_environment(work),
        start_new_session=True,
    )
    try:
        watch_group(process.pid)
        _out, errors = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        raise PdfError("E312", seconds=f"{limit:g}") from None
    finally:
        _end_group(process)
    produced = outdir / (source.stem + ".pdf")
    if process.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
        detail = errors.decode("utf-8", "replace").strip()[-300:]
        raise PdfError("E311", detail=detail or fill(phrases().exit_code, code=process.returncode))
    write_file(target, produced.read_bytes(), replace=True)
