"""validate, and the documents of the year: build (申报表), evaluate (自评表), monitor (监控表)."""

import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from perfsheet.cli.language import ChineseCommand, words
from perfsheet.cli.options import (
    FILE,
    AlsoPdf,
    CollectionFolder,
    CollectionPaths,
    OutputFormat,
    ReportFormat,
    StrictWriting,
)
from perfsheet.cli.output import chosen_format, print_report, remember_written, require_existing, shown
from perfsheet.cli.progress import ProgressBar, wants_progress
from perfsheet.cli.reporters import format_text
from perfsheet.cli.root import app
from perfsheet.cli.running import EXIT_INVALID, EXIT_OK, EXIT_USAGE, report_bugs
from perfsheet.diagnostics import Report, fill, from_catalogue


@app.command(cls=ChineseCommand, short_help="检查申报表，指出每个问题所在的文件、行和列。")
@report_bugs
def validate(
    paths: CollectionPaths,
    strict: Annotated[bool, typer.Option("--strict", help="有警告时也以失败退出。")] = False,
    output: ReportFormat = None,
) -> None:
    """像财政局审核人员一样检查申报表，报告每个问题所在的文件和行。

    示例：perfsheet validate examples/2026
    """
    from perfsheet.rules.check import check_paths

    require_existing(paths)
    result = check_paths(paths)
    print_report(result, output)
    raise typer.Exit(EXIT_INVALID if result.report.failed(strict) else EXIT_OK)


@app.command(cls=ChineseCommand, short_help="校验后生成 Word 文档（可同时生成 PDF）。")
@report_bugs
def build(
    path: CollectionFolder,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="输出的 .docx 文件；默认为当前目录下以汇总表标题命名的文件。", metavar=FILE
        ),
    ] = None,
    pdf: AlsoPdf = False,
    strict: StrictWriting = False,
    watch: Annotated[bool, typer.Option("--watch", help="生成后继续监视，文件一有改动就重新生成。")] = False,
    output_format: ReportFormat = None,
) -> None:
    """先校验，再生成 Word 文档：汇总表在前，每个项目一张申报表。

    有错误时不写任何文件，原有的输出保持不变。

    示例：perfsheet build examples/2026 -o 2026年度绩效目标.docx --pdf
    """
    from perfsheet.documents.build import watch_collection

    require_existing([path])
    _pdf_time_limit(pdf)
    failed = _build_once(path, output, strict=strict, pdf=pdf, output_format=output_format)
    if not watch:
        raise typer.Exit(EXIT_INVALID if failed else EXIT_OK)
    typer.echo(words().watching, err=True)

    def rebuild() -> None:
        typer.echo(fill(words().rebuilding, time=time.strftime("%H:%M:%S")), err=True)
        _build_once(path, output, strict=strict, pdf=pdf, output_format=output_format)

    try:
        watch_collection(path, rebuild, WATCH_INTERVAL_SECONDS)
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_OK) from None


@app.command(cls=ChineseCommand, short_help="年度结束后：按「自评」计分，生成绩效自评表。")
@report_bugs
def evaluate(
    path: CollectionFolder,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="输出的 .docx 文件；默认为当前目录下以自评汇总表标题命名的文件。", metavar=FILE
        ),
    ] = None,
    pdf: AlsoPdf = False,
    strict: StrictWriting = False,
    output_format: ReportFormat = None,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft-from-monitoring",
            help="不生成文档，而是给有「监控」、还没有「自评」的项目起草「自评」部分（取全年预计），加在文件末尾。",
        ),
    ] = False,
) -> None:
    """先校验，再按各项目的「自评」计分，生成 Word 文档：自评汇总表在前，每个项目一张绩效自评表。

    计分按财预〔2020〕10号：预算执行率 10 分，产出 50 分，效益 30 分，满意度 10 分。
    没有「自评」部分的项目不参加评价，会逐个列出。有错误时不写任何文件。

    年末可以先用 --draft-from-monitoring 从「监控」起草「自评」：全年执行数取全年预计执行数，每个指标的实际完成值
    取全年预计；已经有「自评」的文件不改。草稿要按年末的实际情况改写。

    示例：perfsheet evaluate examples/2026 -o 2026年度绩效自评.docx
    """
    require_existing([path])
    if draft:
        _draft_evaluations(path)
    _pdf_time_limit(pdf)
    failed = _build_once(path, output, strict=strict, pdf=pdf, output_format=output_format, evaluation=True)
    raise typer.Exit(EXIT_INVALID if failed else EXIT_OK)


def _draft_evaluations(path: Path) -> None:
    """evaluate --draft-from-monitoring: the drafts written, what was said of each file."""
    from perfsheet.cli.import_commands import import_report
    from perfsheet.files.edits import stops_held
    from perfsheet.workspace.draft import draft_evaluations

    with stops_held():
        result = draft_evaluations(path)
        remember_written(result.written)
    report = import_report(result.diagnostics, result.written)
    raise typer.Exit(EXIT_INVALID if report.has_errors else EXIT_OK)


@app.command(cls=ChineseCommand, short_help="年中：按「监控」亮灯，生成绩效运行监控表。")
@report_bugs
def monitor(
    path: CollectionFolder,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="输出的 .docx 文件；默认为当前目录下以监控汇总表标题命名的文件。", metavar=FILE
        ),
    ] = None,
    pdf: AlsoPdf = False,
    strict: StrictWriting = False,
    output_format: ReportFormat = None,
) -> None:
    """先校验，再按各项目的「监控」给资金和每个指标亮灯，生成 Word 文档：监控汇总表在前，每个项目一张执行监控表。

    预警分档（默认 60、80、120）见 schemas/monitoring.yaml，可在 perfsheet.yaml 的「监控预警」中改写。
    没有「监控」部分的项目不列入，会逐个列出。有错误时不写任何文件。

    示例：perfsheet monitor 2026 -o 2026年度绩效运行监控.docx
    """
    require_existing([path])
    _pdf_time_limit(pdf)
    failed = _build_once(path, output, strict=strict, pdf=pdf, output_format=output_format, monitoring=True)
    raise typer.Exit(EXIT_INVALID if failed else EXIT_OK)


def _pdf_time_limit(pdf: bool) -> None:
    """A PERFSHEET_PDF_TIMEOUT that is no number of seconds is a usage error, found before anything is written."""
    if not pdf:
        return
    from perfsheet.docx.pdf import TIMEOUT_VARIABLE, PdfError, timeout_seconds

    try:
        timeout_seconds()
    except PdfError as problem:
        diagnostic = from_catalogue(problem.code, TIMEOUT_VARIABLE, None, None, None, **problem.params)
        typer.echo(format_text(Report([diagnostic])), err=True)
        raise typer.Exit(EXIT_USAGE) from None


WATCH_INTERVAL_SECONDS = 1.0


def _build_once(
    path: Path,
    output: Path | None,
    *,
    strict: bool,
    pdf: bool,
    output_format: OutputFormat | None,
    evaluation: bool = False,
    monitoring: bool = False,
) -> bool:
    """One build (the 申报表, with ``evaluation`` the 自评表, with ``monitoring`` the 监控表) with its
    report; True when it failed."""
    from perfsheet.documents.build import build as build_collection
    from perfsheet.documents.evaluate import evaluate as evaluate_collection
    from perfsheet.documents.monitor import monitor as monitor_collection

    write = monitor_collection if monitoring else evaluate_collection if evaluation else build_collection
    bar = ProgressBar() if wants_progress(sys.stderr, os.environ) else None
    try:
        result = write(path, output, strict=strict, pdf=pdf, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    print_report(result.check, output_format)
    # With --format json stdout is the report alone, so that it stays valid JSON.
    to_stderr = chosen_format(output_format) is OutputFormat.json
    for written in (result.docx, result.pdf):
        if written is not None:
            typer.echo(shown(written), err=to_stderr)
    return result.docx is None or result.check.report.failed(strict)
