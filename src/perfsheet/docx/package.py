"""The .docx package: the parts rendered from ``templates/docx/``, zipped deterministically, written
atomically (a temporary file renamed into place), so a failed run never leaves half a document and never
destroys an earlier good one."""

from __future__ import annotations

import os
import tempfile
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from perfsheet.docx.emit import body_xml
from perfsheet.layout.model import Document
from perfsheet.layout.style import style
from perfsheet.resources import data_dir

# Fixed member timestamps: the same input gives the same bytes.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates") / "docx")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _half_points(points: float) -> int:
    return round(float(points) * 2)


def _footer_parts(text: str) -> list[str]:
    head, marker, tail = text.partition("{PAGE}")
    return [head, marker, tail]


def _static(name: str) -> str:
    return (data_dir("templates") / "docx" / name).read_text(encoding="utf-8")


def document_parts(document: Document, title: str) -> dict[str, str]:
    """Every part of the package as text, by its name in the zip, in a stable order."""
    look = style()
    env = _environment()
    values: dict[str, Any] = {
        "fonts": look["fonts"],
        "table": look["table"],
        "page": look["page"],
        "half": _half_points,
    }
    return {
        "[Content_Types].xml": _static("content_types.xml"),
        "_rels/.rels": _static("package.rels"),
        "docProps/core.xml": env.get_template("core.xml.j2").render(title=title, creator="perfsheet"),
        "docProps/app.xml": _static("app.xml"),
        "word/_rels/document.xml.rels": _static("document.xml.rels"),
        "word/document.xml": env.get_template("document.xml.j2").render(
            body=Markup(body_xml(document.blocks, look)), **values
        ),
        "word/styles.xml": env.get_template("styles.xml.j2").render(**values),
        "word/settings.xml": _static("settings.xml"),
        "word/footer1.xml": env.get_template("footer.xml.j2").render(parts=_footer_parts(look["page"]["footer_text"])),
    }


def _umask() -> int:
    """The process umask: a temporary file is created 0600, the document should be an ordinary file."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_docx(document: Document, title: str, target: Path) -> None:
    """Write the package next to ``target`` and rename it into place; raises ``OSError`` on failure."""
    parts = document_parts(document, title)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in parts.items():
                info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, text.encode("utf-8"))
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
