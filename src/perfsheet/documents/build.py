"""``build``: check, lay out, write. With errors nothing is written and an earlier output stays."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from perfsheet.collection.discovery import snapshot
from perfsheet.collection.gc_pause import paused_gc
from perfsheet.collection.loading import Collection, Progress
from perfsheet.diagnostics import Report, from_catalogue
from perfsheet.docx import PdfError, convert_to_pdf, find_soffice, write_docx
from perfsheet.files.identity import is_one_of
from perfsheet.files.names import safe_file_name
from perfsheet.files.safe import FileProblem, file_diagnostic, remove_stale_temporaries
from perfsheet.layout import Block, iter_blocks
from perfsheet.layout.cover import cover_title
from perfsheet.rules.check import CheckResult, check_paths


@dataclass
class BuildResult:
    check: CheckResult
    docx: Path | None = None
    pdf: Path | None = None


def document_title(collection: Collection) -> str:
    settings = collection.settings
    assert settings is not None
    return cover_title(settings)


def default_output(title: str) -> Path:
    """The document's default path: its title as a safe file name in the working directory (编报单位 is
    user text: it must not become a path, an option or a hidden file)."""
    return Path.cwd() / safe_file_name(title, ".docx", fallback="绩效目标汇总表")


def _output_problem(collection: Collection, target: Path) -> str | None:
    """The catalogue code of what is wrong with the output path, if anything."""
    if target.is_dir():
        return "E300"
    if is_one_of(target, collection.paths_read()):
        return "E301"
    if target.suffix.lower() != ".docx":
        return "E302"
    return None


# What a document holds once its collection has passed: its title and its blocks, or None when there is
# nothing to write (the reason added to the report). The 申报表 is one; evaluate's 自评表 another.
Compose = Callable[[Collection, Report, Path], tuple[str, Iterable[Block]] | None]


def declaration(collection: Collection, _report: Report, _path: Path) -> tuple[str, Iterable[Block]]:
    """The 申报表 document: the cover and one form per project."""
    return document_title(collection), iter_blocks(collection)


def build(
    path: Path,
    output: Path | None = None,
    *,
    strict: bool = False,
    pdf: bool = False,
    progress: Progress | None = None,
    compose: Compose = declaration,
) -> BuildResult:
    """Validate ``path`` and, when it passes, write the document ``compose`` makes of it as .docx (and
    the PDF with ``pdf``): never over an input, never half a file."""
    result = BuildResult(check_paths([path], progress))
    report = result.check.report
    if report.failed(strict):
        return result
    collection = result.check.collections[0]
    if collection.settings is None or not collection.valid_projects:
        report.add(from_catalogue("E304", str(path), None))
        return result
    document = compose(collection, report, path)
    if document is None:
        return result
    title, blocks = document
    # Made absolute here: nothing downstream ever sees a name that could read as an option.
    target = Path(os.path.abspath(output)) if output is not None else default_output(title)
    problem = _output_problem(collection, target)
    if problem is not None:
        report.add(from_catalogue(problem, str(target), None, path=str(target)))
        return result
    soffice = find_soffice() if pdf else None
    if pdf and soffice is None:
        report.add(from_catalogue("E310", str(target), None))
        return result
    remove_stale_temporaries(target)
    try:
        with paused_gc():
            result.docx = write_docx(blocks, title, target)
    except FileProblem as failure:
        report.add(file_diagnostic(failure))
        return result
    if soffice is not None:
        pdf_target = target.with_suffix(".pdf")
        remove_stale_temporaries(pdf_target)
        try:
            convert_to_pdf(result.docx, pdf_target, soffice)
        except PdfError as exc:
            report.add(from_catalogue(exc.code, str(target), None, None, None, **exc.params))
        except FileProblem as failure:
            report.add(file_diagnostic(failure))
        else:
            result.pdf = pdf_target
    return result


def watch_collection(
    path: Path,
    rebuild: Callable[[], None],
    interval: float,
    *,
    sleep: Callable[[float], None] = time.sleep,
    rounds: int | None = None,
) -> None:
    """Call ``rebuild`` each time a file of the collection changes (``build --watch``), looking every
    ``interval`` seconds; forever, or for ``rounds`` looks (tests pass their own ``sleep``)."""
    state = snapshot(path)
    looked = 0
    while rounds is None or looked < rounds:
        sleep(interval)
        looked += 1
        current = snapshot(path)
        if current != state:
            state = current
            rebuild()
