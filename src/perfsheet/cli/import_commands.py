"""Word forms and workbooks in (import), workbooks out (export)."""

from pathlib import Path
from typing import Annotated

import typer

from perfsheet.cli.language import ChineseCommand, words
from perfsheet.cli.options import FILE, FOLDER, OutputFormat, ReportFormat
from perfsheet.cli.output import chosen_format, print_report, remember_written, require_existing, shown
from perfsheet.cli.reporters import format_text
from perfsheet.cli.root import app
from perfsheet.cli.running import EXIT_INVALID, EXIT_OK, report_bugs
from perfsheet.cli.typer_api import click as _click
from perfsheet.diagnostics import Diagnostic, Report, fill, visible


@app.command("import", cls=ChineseCommand, short_help="把 Word 申报表读成项目 YAML 文件。")
@report_bugs
def import_(
    sources: Annotated[
        list[Path],
        typer.Argument(
            help="Word 申报表、监控表或自评表（.docx），可以写几个文件。", show_default=False, metavar=f"{FILE}…"
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="写入项目文件的新目录（不能已有同名文件）。", metavar=FOLDER),
    ] = None,
    into: Annotated[
        Path | None,
        typer.Option(
            "--into",
            help="把监控表、自评表读出的「监控」「自评」部分并入这个目录中同名的项目文件（不写新文件）。",
            metavar=FOLDER,
        ),
    ] = None,
    partial: Annotated[
        bool, typer.Option("--partial", help="有文档或表格读不出时，仍写出读出的那些（默认什么也不写）。")
    ] = False,
) -> None:
    """把 Word 文档中的每一张申报表读成一个项目 YAML 文件，另加 perfsheet.yaml；也读 Excel 工作簿（.xlsx）。

    监控表和自评表也能读，读成项目文件末尾的「监控」「自评」部分；同名项目的申报表一起导入时，合为一个文件。
    用 --into 则把它们并入已有的项目文件：申报的部分一字不动，git 里只多出「监控」或「自评」一段。

    按标签和内容读取，不按位置；读不出的表格和行会标明所在的表、行、列，不会编造，也不会悄悄跳过。

    工作簿（perfsheet export 导出的，或手工做的指标表）按表头读取；--into 把其中的项目作为新文件加入已有的目录。

    示例：perfsheet import 2025年绩效目标.docx 2025年绩效自评.docx -o projects/2025/
    """
    from perfsheet.importer.run import import_forms
    from perfsheet.spreadsheet.reading import WORKBOOK_SUFFIXES

    if (output is None) == (into is None):
        raise _click.exceptions.UsageError(words().import_one_target)
    require_existing(sources)
    target = output if output is not None else into
    assert target is not None
    if any(path.suffix.lower() in WORKBOOK_SUFFIXES for path in sources):
        if len(sources) > 1:
            raise _click.exceptions.UsageError(words().import_one_workbook)
        _import_workbook(sources[0], target, into=into is not None)
    run = import_forms(sources, target, into=into is not None, partial=partial, on_written=remember_written)
    result = run.result
    report = import_report(result.diagnostics, run.written)
    declarations = result.forms - result.evaluation_forms - result.monitoring_forms
    if declarations:
        imported = result.imported - result.evaluations - result.monitorings
        typer.echo(fill(words().import_found, forms=declarations, imported=imported), err=True)
    if result.monitoring_forms:
        found = fill(words().import_monitorings, forms=result.monitoring_forms, imported=result.monitorings)
        merged = fill(words().import_monitoring_merged, merged=result.monitoring_merged)
        typer.echo(found + (merged if result.monitoring_merged else ""), err=True)
    if result.evaluation_forms:
        found = fill(words().import_evaluations, forms=result.evaluation_forms, imported=result.evaluations)
        merged = fill(words().import_merged, merged=result.merged) if result.merged else ""
        typer.echo(found + merged, err=True)
    if run.written:
        typer.echo(fill(words().import_check_next, path=visible(str(target))), err=True)
    elif result.imported and not result.complete:
        typer.echo(words().import_wrote_nothing, err=True)
    raise typer.Exit(EXIT_OK if run.written and not report.has_errors else EXIT_INVALID)


def import_report(diagnostics: list[Diagnostic], written: list[Path]) -> Report:
    """What an import says: its diagnostics, then the project files written (not the editor schemas)."""
    report = Report(diagnostics)
    if report.diagnostics:
        typer.echo(format_text(report), err=True)
    for path in written:
        if not path.name.endswith(".schema.json"):
            typer.echo(shown(path))
    return report


def _import_workbook(path: Path, target: Path, *, into: bool) -> None:
    """import of one workbook: its projects to a new folder (-o), or as new files of a collection (--into)."""
    from perfsheet.spreadsheet.run import import_workbook_to

    run = import_workbook_to(path, target, into=into, on_written=remember_written)
    read = run.read
    report = import_report(read.diagnostics, run.written)
    if not read.unreadable:
        typer.echo(
            fill(words().import_workbook, projects=read.projects, sheets=read.sheets_read, rows=read.rows_read),
            err=True,
        )
    if run.written:
        typer.echo(fill(words().import_check_next, path=visible(str(target))), err=True)
    raise typer.Exit(EXIT_OK if run.written and not report.has_errors else EXIT_INVALID)


@app.command(cls=ChineseCommand, short_help="把一个或几个单位的项目导出为一个 Excel 工作簿。")
@report_bugs
def export(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="汇总表目录（含 perfsheet.yaml），可以写几个单位的目录。", show_default=False, metavar=f"{FOLDER}…"
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的 .xlsx 文件（已有时替换）。", metavar=FILE)],
    output_format: ReportFormat = None,
) -> None:
    """先校验，再把各目录的项目写成一个 Excel 工作簿：汇总（每个项目一行，合计用公式）、指标（每个三级指标一行）、
    有「自评」时再加自评、自评指标两张表。

    金额是带千位分隔符的数字，日期是日期；同样的项目文件总是得到同样的文件。有错误时不写文件，原有的输出保持不变。

    示例：perfsheet export projects/2026/单位甲 projects/2026/单位乙 -o 2026年度项目汇总.xlsx
    """
    from perfsheet.spreadsheet.export import export as export_workbook

    require_existing(paths)
    result = export_workbook(paths, output)
    print_report(result.check, output_format)
    if result.path is not None:
        typer.echo(shown(result.path), err=chosen_format(output_format) is OutputFormat.json)
    raise typer.Exit(EXIT_OK if result.path is not None else EXIT_INVALID)
