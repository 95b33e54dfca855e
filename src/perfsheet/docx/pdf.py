"""PDF through LibreOffice, treated as an untrusted helper.

No user text reaches its command line: the document is copied into a private folder under a fixed name,
every path is absolute, and LibreOffice gets its own profile there (concurrent runs on one profile fail
silently). It runs in a process group of its own, which is ended on timeout, on error, on interruption
and after a normal exit, so that no ``soffice.bin`` or listener outlives perfsheet.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from contextlib import suppress
from pathlib import Path

from perfsheet.diagnostics import fill, phrases
from perfsheet.resources import data_dir
from perfsheet.safe_files import write_file

DEFAULT_TIMEOUT_SECONDS = 180
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
    """The conversion's time limit: PERFSHEET_PDF_TIMEOUT when it is a positive number of seconds."""
    try:
        chosen = float(os.environ.get(TIMEOUT_VARIABLE, ""))
    except ValueError:
        return DEFAULT_TIMEOUT_SECONDS
    return chosen if chosen > 0 else DEFAULT_TIMEOUT_SECONDS


def _environment(work: Path) -> dict[str, str]:
    """LibreOffice's environment, with fontconfig told which installed faces stand for 宋体 and 黑体
    (templates/pdf/fonts.conf), unless the user chose a fontconfig file of their own."""
    environment = dict(os.environ)
    environment.setdefault("FONTCONFIG_FILE", str(data_dir("templates") / "pdf" / "fonts.conf"))
    environment["HOME"] = str(work)  # nothing it writes lands in the user's home
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


def convert_to_pdf(docx: Path, target: Path, soffice: str) -> None:
    """Convert ``docx`` to ``target`` (written atomically, replacing an earlier PDF)."""
    limit = timeout_seconds()
    with tempfile.TemporaryDirectory(prefix="perfsheet-pdf-") as folder:
        work = Path(folder).resolve()
        source, outdir = work / _INPUT_NAME, work / "out"
        shutil.copyfile(docx, source)
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
