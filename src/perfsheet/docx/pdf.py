"""PDF through LibreOffice: its own profile directory (concurrent runs on one profile fail silently),
a timeout, and a check that the PDF really exists."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from perfsheet.resources import data_dir

TIMEOUT_SECONDS = 180


class PdfError(Exception):
    """LibreOffice is missing or failed; ``code`` is the diagnostic's catalogue code."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _environment() -> dict[str, str]:
    """LibreOffice's environment, with fontconfig told which installed faces stand for 宋体 and 黑体
    (templates/pdf/fonts.conf), unless the user chose a fontconfig file of their own."""
    environment = dict(os.environ)
    environment.setdefault("FONTCONFIG_FILE", str(data_dir("templates") / "pdf" / "fonts.conf"))
    return environment


def convert_to_pdf(docx: Path, target: Path) -> None:
    """Convert ``docx`` to ``target`` (written atomically)."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError("E310")
    with tempfile.TemporaryDirectory(prefix="perfsheet-pdf-") as work:
        profile = Path(work) / "profile"
        outdir = Path(work) / "out"
        command = [
            soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to", "pdf", "--outdir", str(outdir), str(docx),
        ]  # fmt: skip
        try:
            completed = subprocess.run(
                command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False, env=_environment()
            )
        except subprocess.TimeoutExpired:
            raise PdfError("E311", f"超过 {TIMEOUT_SECONDS} 秒") from None
        produced = outdir / (docx.stem + ".pdf")
        if completed.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = completed.stderr.decode("utf-8", "replace").strip()[-300:]
            raise PdfError("E311", detail or f"退出码 {completed.returncode}")
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(produced, temporary)
        os.replace(temporary, target)
