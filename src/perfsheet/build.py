"""``build``: check, lay out, write. With errors nothing is written and an earlier output stays."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from perfsheet.check import CheckResult, check_paths
from perfsheet.collection import Collection, Progress
from perfsheet.diagnostics import from_catalogue
from perfsheet.discovery import snapshot
from perfsheet.docx import PdfError, convert_to_pdf, find_soffice, write_docx
from perfsheet.gc_pause import paused_gc
from perfsheet.layout import Block, iter_blocks
from perfsheet.layout.cover import cover_title
from perfsheet.safe_files import FileProblem, file_diagnostic, remove_stale_temporaries, safe_file_name


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
    collection = checked_collection(result, path, strict)
    if collection is None:
        return result
    return write_document(result, collection, output, document_title(collection), iter_blocks(collection), pdf=pdf)


def checked_collection(result: BuildResult, path: Path, strict: bool) -> Collection | None:
    """The collection to write a document from, or None (with the reason reported) when it failed."""
    report = result.check.report
    if report.failed(strict):
        return None
    collection = result.check.collections[0]
    if collection.settings is None or not collection.valid_projects:
        report.add(from_catalogue("E304", str(path), None))
        return None
    return collection


def write_document(
    result: BuildResult,
    collection: Collection,
    output: Path | None,
    title: str,
    blocks: Iterable[Block],
    *,
    pdf: bool,
) -> BuildResult:
    """Write ``blocks`` as the .docx titled ``title`` (and its PDF), never over an input, never half."""
    report = result.check.report
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
