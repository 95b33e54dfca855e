"""``build``: check, lay out, write. With errors nothing is written and an earlier output stays."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from perfsheet.check import CheckResult, check_paths
from perfsheet.collection import Collection, Progress
from perfsheet.diagnostics import make
from perfsheet.docx import PdfError, convert_to_pdf, write_docx
from perfsheet.layout import iter_blocks
from perfsheet.layout.cover import cover_title
from perfsheet.speed import paused_gc


@dataclass
class BuildResult:
    check: CheckResult
    docx: Path | None = None
    pdf: Path | None = None


def document_title(collection: Collection) -> str:
    settings = collection.settings
    assert settings is not None
    return cover_title(settings)


def _output_problem(collection: Collection, target: Path) -> str | None:
    """The catalogue code of what is wrong with the output path, if anything."""
    if target.is_dir():
        return "E300"
    inputs = [p.source.path for p in collection.projects]
    if collection.settings_source is not None:
        inputs.append(collection.settings_source.path)
    resolved = target.resolve()
    if any(resolved == p.resolve() for p in inputs):
        return "E301"
    if target.suffix.lower() != ".docx":
        return "E302"
    return None


def build(
    path: Path,
    output: Path | None = None,
    *,
    strict: bool = False,
    pdf: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Validate ``path`` and, when it passes, write the .docx (and the PDF with ``pdf``)."""
    result = BuildResult(check_paths([path], progress))
    report = result.check.report
    if report.failed(strict):
        return result
    collection = result.check.collections[0]
    if collection.settings is None or not collection.valid_projects:
        report.add(make("E304", str(path), None))
        return result
    title = document_title(collection)
    target = output if output is not None else Path(f"{title}.docx")
    problem = _output_problem(collection, target)
    if problem is not None:
        report.add(make(problem, str(target), None, path=str(target)))
        return result
    try:
        with paused_gc():
            write_docx(iter_blocks(collection), title, target)
    except OSError as exc:
        report.add(make("E303", str(target), None, path=str(target), reason=exc.strerror or str(exc)))
        return result
    result.docx = target
    if pdf:
        pdf_target = target.with_suffix(".pdf")
        try:
            convert_to_pdf(target, pdf_target)
        except PdfError as exc:
            report.add(make(exc.code, str(target), None, detail=exc.detail))
        else:
            result.pdf = pdf_target
    return result
