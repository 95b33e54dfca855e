"""The command line: parse arguments, call the library, print the report, map the result to an exit code.

Exit codes: 0 clean (or warnings only), 1 errors in the input (or warnings with ``--strict``), 2 usage,
3 an internal error, which is a bug in perfsheet and keeps its traceback.
"""

from __future__ import annotations

import functools
import io
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO, TypeVar

import typer

from perfsheet import __version__
from perfsheet.check import CheckResult, check_paths
from perfsheet.cli_language import ChineseCommand, ChineseGroup, words
from perfsheet.diagnostics import Diagnostic, Report, fill, from_catalogue, listing, visible
from perfsheet.reporters import REPORTERS, format_summary, format_text, shielded_from_workflow_commands
from perfsheet.typer_api import click as _click

# build, import, init, new, schema and rules import what they need when they run: `validate`, run
# before every commit, should not pay for the Word writer and the templates.

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
# What the help shows in place of an argument's value.
FOLDER, FILE, FORMAT = "目录", "文件", "格式"
# Stopped by a signal: 128 + its number, as a shell reports it (130 Ctrl+C, 143 SIGTERM, 129 SIGHUP).
EXIT_INTERRUPTED_BASE = 128

app = typer.Typer(
    cls=ChineseGroup,
    help="perfsheet：把 YAML 写成的财政项目支出绩效目标申报表校验并生成 Word 文档。",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


def _ignore(_unraisable: object) -> None:
    pass


def _quiet_finalizers() -> None:
    """A stop lands anywhere, even inside a library's ``__init__`` (``zipfile.ZipFile``'s): the object it
    left half made fails in its finalizer later. That is the stop's doing, not a bug, so say nothing."""
    sys.unraisablehook = _ignore


# The files this run has finished writing (fix, import): a stop that comes after says so.
_written: list[str] = []


def _stop_message(unchanged: str) -> str:
    """What a stop did: nothing to the user's files, or (once they are all written) nothing more."""
    return fill(words().stopped_after_writing, files=listing(_written)) if _written else unchanged


def _report_bugs(command: F) -> F:
    """An unexpected exception is perfsheet's bug: keep the traceback, say so, exit 3."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit, _click.exceptions.UsageError):
            raise  # a usage error is the user's: Click shows it in Chinese (cli_language) and exits 2
        except KeyboardInterrupt:
            _quiet_finalizers()
            typer.echo(_stop_message(words().interrupted), err=True)
            raise typer.Exit(EXIT_INTERRUPTED_BASE + signal.SIGINT) from None
        except Stopped as stop:
            _quiet_finalizers()
            typer.echo(_stop_message(words().stopped), err=True)
            raise typer.Exit(EXIT_INTERRUPTED_BASE + stop.signum) from None
        except Exception:
            traceback.print_exc()
            # Not from templates/: a broken data file may be the very bug being reported.
            typer.echo(
                "perfsheet 内部错误：这是 perfsheet 的缺陷，不是你的文件的问题。请把以上信息报告给维护者。",
                err=True,
            )
            raise typer.Exit(EXIT_BUG) from None

    return wrapper  # type: ignore[return-value]


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


ReportFormat = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format", help="诊断报告格式：text、json 或 github（GitHub Actions 中默认为 github）。", metavar=FORMAT
    ),
]
# build and evaluate take the same collection folder and write their document the same way.
CollectionFolder = Annotated[
    Path, typer.Argument(help="汇总表目录（含 perfsheet.yaml）。", show_default=False, metavar=FOLDER)
]
AlsoPdf = Annotated[bool, typer.Option("--pdf", help="同时用 LibreOffice 生成 PDF。")]
StrictWriting = Annotated[bool, typer.Option("--strict", help="有警告时也不生成。")]


# validate and fix take the same paths: collection folders, or files of a collection, or project files.
CollectionPaths = Annotated[
    list[Path],
    typer.Argument(help="汇总表目录（含 perfsheet.yaml）或其中的 YAML 文件。", show_default=False, metavar="路径…"),
]


def _chosen_format(requested: OutputFormat | None) -> OutputFormat:
    """Unless asked otherwise, GitHub Actions gets annotations (and the text report beside them)."""
    if requested is not None:
        return requested
    return OutputFormat.github if _under_github_actions() else OutputFormat.text


def _under_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"perfsheet {__version__}")
        raise typer.Exit()


class Stopped(BaseException):
    """SIGTERM or SIGHUP, raised where the program is, so that every temporary is removed on the way out
    (a BaseException, like KeyboardInterrupt, so no ``except Exception`` swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, _frame: object) -> None:
    raise Stopped(signum)


def _handle_stop_signals() -> None:
    """CI cancellation, ``timeout``, a closed terminal and ``docker stop`` end a run as Ctrl+C does."""
    if threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, _stop)


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号后退出。")
    ] = False,
) -> None:
    """perfsheet：财政项目支出绩效目标申报表的校验与生成。"""
    _written.clear()
    _handle_stop_signals()


def _shown(path: Path) -> str:
    """A written file as the user would name it: relative to the working directory when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _existing(paths: list[Path]) -> None:
    # A link that leads nowhere (or in a loop) exists: the loader says what it is (E006).
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        for path in missing:
            typer.echo(fill(words().not_found, path=visible(str(path))), err=True)
        raise typer.Exit(EXIT_USAGE)


def _print_for_programs(text: str) -> None:
    """JSON and workflow annotations are read by programs: UTF-8 whatever the console's code page (a GBK
    console would write GBK, and fail on a character GBK lacks)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        typer.echo(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8") + b"\n")
    buffer.flush()


def _print_report(result: CheckResult, requested: OutputFormat | None) -> None:
    output = _chosen_format(requested)
    if output is OutputFormat.json:
        _print_for_programs(REPORTERS["json"](result.report))
        return
    if output is OutputFormat.github:
        # GitHub shows only the first annotations of a step: the full text report follows on stderr.
        annotations = REPORTERS["github"](result.report)
        if annotations:
            _print_for_programs(annotations)
    text = format_text(result.report)
    if text and _under_github_actions():
        # Messages quote user text: in a CI log none of it may act as a workflow command.
        text = shielded_from_workflow_commands(text)
    if text:
        typer.echo(text, err=True)
    typer.echo(format_summary(result.report, result.files_read), err=True)


@app.command(cls=ChineseCommand, short_help="检查申报表，指出每个问题所在的文件、行和列。")
@_report_bugs
def validate(
    paths: CollectionPaths,
    strict: Annotated[bool, typer.Option("--strict", help="有警告时也以失败退出。")] = False,
    output: ReportFormat = None,
) -> None:
    """像财政局审核人员一样检查申报表，报告每个问题所在的文件和行。

    示例：perfsheet validate examples/2026
    """
    _existing(paths)
    result = check_paths(paths)
    _print_report(result, output)
    raise typer.Exit(EXIT_INVALID if result.report.failed(strict) else EXIT_OK)


@app.command(cls=ChineseCommand, short_help="校验后生成 Word 文档（可同时生成 PDF）。")
@_report_bugs
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
    from perfsheet.build import watch_collection

    _existing([path])
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
@_report_bugs
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
    _existing([path])
    if draft:
        _draft_evaluations(path)
    _pdf_time_limit(pdf)
    failed = _build_once(path, output, strict=strict, pdf=pdf, output_format=output_format, evaluation=True)
    raise typer.Exit(EXIT_INVALID if failed else EXIT_OK)


def _draft_evaluations(path: Path) -> None:
    """evaluate --draft-from-monitoring: the drafts written, what was said of each file."""
    from perfsheet.edits import stops_held
    from perfsheet.monitoring.draft import draft_evaluations

    with stops_held():
        result = draft_evaluations(path)
        _written.extend(_shown(written) for written in result.written)
    report = _import_report(result.diagnostics, result.written)
    raise typer.Exit(EXIT_INVALID if report.has_errors else EXIT_OK)


@app.command(cls=ChineseCommand, short_help="年中：按「监控」亮灯，生成绩效运行监控表。")
@_report_bugs
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
    _existing([path])
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
# Fewer projects than this build in well under a second: a bar would only flicker.
PROGRESS_MIN_PROJECTS = 20


def wants_progress(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """A progress bar only for a person at a terminal: never in CI, pipes or files."""
    return stream.isatty() and environ.get("CI") != "true" and environ.get("GITHUB_ACTIONS") != "true"


class _ProgressBar:
    """Shown on stderr once a collection turns out to be large."""

    def __init__(self) -> None:
        self._bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_MIN_PROJECTS:
            return
        if self._bar is None:
            self._bar = typer.progressbar(length=total, label=words().reading_progress, file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


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
    from perfsheet.build import build as build_collection
    from perfsheet.evaluate import evaluate as evaluate_collection
    from perfsheet.monitor import monitor as monitor_collection

    write = monitor_collection if monitoring else evaluate_collection if evaluation else build_collection
    bar = _ProgressBar() if wants_progress(sys.stderr, os.environ) else None
    try:
        result = write(path, output, strict=strict, pdf=pdf, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    _print_report(result.check, output_format)
    # With --format json stdout is the report alone, so that it stays valid JSON.
    to_stderr = _chosen_format(output_format) is OutputFormat.json
    for written in (result.docx, result.pdf):
        if written is not None:
            typer.echo(_shown(written), err=to_stderr)
    return result.docx is None or result.check.report.failed(strict)


@app.command(cls=ChineseCommand, short_help="自动改正只有一种改法的输入错误。")
@_report_bugs
def fix(
    paths: CollectionPaths,
    diff: Annotated[bool, typer.Option("--diff", help="只显示会做的改动（统一差异格式），不写入文件。")] = False,
    declared: Annotated[
        bool,
        typer.Option("--declared", help="已有「自评」的文件，也改写申报部分中取值的写法（默认不动已上报的内容）。"),
    ] = False,
) -> None:
    """自动改正只有一种改法的错误：中文冒号、全角空格、中文破折号、>=、指标值和金额的写法……

    其余内容（注释、空行、顺序、引号、换行符）一字不动；改后不能读、或会多出问题的文件不改。

    退出码：0 没有需要改的；1 改了（或 --diff 下将要改），或还剩不能自动改正的错误。

    示例：perfsheet fix 2027 --diff
    """
    from perfsheet.edits import leftover_copies, stops_held
    from perfsheet.fix import FileFix, errors_left, files_to_fix, fix_file, write_fixes
    from perfsheet.safe_files import FileProblem, file_diagnostic

    _existing(paths)
    files, refused = files_to_fix(paths)
    problems = Report([*refused, *leftover_copies(files)])
    changed = held = 0
    pending: list[FileFix] = []
    repaired: list[FileFix] = []
    for path in files:
        result = fix_file(path, declared=declared)
        if result.refused is not None:
            problems.add(result.refused)
            continue
        held += result.held
        if not result.changes:
            continue
        if diff:
            changed += 1
            typer.echo(result.diff(), nl=False)
            pending.append(result)
            continue
        repaired.append(result)
    with stops_held():
        try:
            # All the files or none: a stop signal or a file that cannot be written puts every file back.
            write_fixes(repaired)
        except FileProblem as failure:
            problems.add(file_diagnostic(failure))
            repaired = []
        _written.extend(visible(result.display) for result in repaired)
    for result in repaired:
        changed += 1
        for change in result.changes:
            old, new = visible(change.old.strip()), visible(change.new.strip())
            typer.echo(f"{visible(result.display)}:{change.line}: {old} → {new}")
    # What validate would still report, once the repairs are made (written, or pending under --diff).
    remaining = errors_left(paths, pending)
    if problems.diagnostics:
        typer.echo(format_text(problems), err=True)
    if held:
        typer.echo(fill(words().fix_held, held=held), err=True)
    if diff:
        typer.echo(fill(words().fix_would_change, changed=changed, remaining=remaining), err=True)
    else:
        typer.echo(fill(words().fix_changed, changed=changed, remaining=remaining), err=True)
    raise typer.Exit(EXIT_INVALID if changed or remaining or problems.has_errors else EXIT_OK)


class CatalogueFormat(StrEnum):
    text = "text"
    markdown = "markdown"


@app.command(cls=ChineseCommand, short_help="列出全部检查规则。")
@_report_bugs
def rules(
    output_format: Annotated[
        CatalogueFormat, typer.Option("--format", help="text 或 markdown（即 docs/rules.md）。", metavar=FORMAT)
    ] = CatalogueFormat.text,
) -> None:
    """列出全部检查规则：代码、默认级别、消息和来源。

    示例：perfsheet rules --format markdown > docs/rules.md
    """
    from perfsheet.rules import listing

    typer.echo(listing.as_markdown() if output_format is CatalogueFormat.markdown else listing.as_text(), nl=False)
    if output_format is CatalogueFormat.text:
        typer.echo()


@app.command(cls=ChineseCommand, short_help="生成编辑器用的 JSON Schema。")
@_report_bugs
def schema(
    directory: Annotated[Path, typer.Option("--dir", help="写入的目录。", metavar=FOLDER)] = Path("schemas"),
) -> None:
    """生成编辑器用的 JSON Schema（project.schema.json 与 collection.schema.json）。

    在 YAML 文件第一行写「# yaml-language-server: $schema=…/project.schema.json」，
    VS Code 等编辑器即可提示键名、标出错误。

    示例：perfsheet schema --dir schemas
    """
    from perfsheet.safe_files import FileProblem, file_diagnostic, write_text_file
    from perfsheet.schema import schema_files

    for path, text in schema_files(directory).items():
        try:
            write_text_file(path, text, replace=True)
        except FileProblem as problem:
            typer.echo(format_text(Report([file_diagnostic(problem)])), err=True)
            raise typer.Exit(EXIT_INVALID) from None
        typer.echo(str(path))


def _scaffolded(write: Callable[[], Any]) -> Any:
    """Run an init/new step; what it refuses to do is reported and exits 1."""
    from perfsheet.scaffold import ScaffoldError

    try:
        return write()
    except ScaffoldError as exc:
        typer.echo(format_text(Report([exc.diagnostic])), err=True)
        raise typer.Exit(EXIT_INVALID) from None


@app.command(cls=ChineseCommand, short_help="新建一份汇总表目录及其配置文件。")
@_report_bugs
def init(
    directory: Annotated[Path, typer.Argument(help="要创建的汇总表目录。", show_default=False, metavar=FOLDER)],
    year: Annotated[int, typer.Option("--year", help="预算年度；默认为明年。", metavar="年份")] = date.today().year + 1,
    unit: Annotated[str, typer.Option("--unit", help="编报单位。", metavar="单位")] = "",
    department: Annotated[str, typer.Option("--department", help="主管部门。", metavar="部门")] = "",
    source: Annotated[
        str,
        typer.Option(
            "--source",
            help="CI 从哪里安装 perfsheet：贵单位的 git 仓库地址、.whl 文件或软件包索引地址。",
            metavar="来源",
        ),
    ] = "",
) -> None:
    """新建一份汇总表：目录中写 perfsheet.yaml，git 仓库根目录写 pre-commit、CI 和编辑器的设置。

    已有的文件不会被覆盖：已有 .pre-commit-config.yaml 时给出要加入的几行。

    示例：perfsheet init 2027 --year 2027 --unit 上海市某某中心 --department 上海市某某局
    """
    from perfsheet import scaffold

    result = _scaffolded(lambda: scaffold.init_collection(directory, year, unit, department, source))
    for path in result.paths:
        typer.echo(_shown(path))
    for note in result.notes:
        typer.echo(
            format_text(Report([from_catalogue(note.code, str(note.path), None, path=str(note.path))])), err=True
        )
        if note.snippet:
            typer.echo(note.snippet, err=True)


@app.command(cls=ChineseCommand, short_help="按模板新建一个项目文件。")
@_report_bugs
def new(
    name: Annotated[str, typer.Argument(help="项目名称，也用作文件名。", show_default=False, metavar="项目名称")],
    directory: Annotated[Path, typer.Option("--dir", help="汇总表目录。", metavar=FOLDER)] = Path("."),
) -> None:
    """按模板新建一个项目文件，编号接在已有文件之后（如 04-项目名称.yaml）。

    文件中待填的项用 perfsheet validate 可以逐一列出。

    示例：perfsheet new 青年科技人才服务 --dir 2027
    """
    from perfsheet import scaffold

    written = _scaffolded(lambda: scaffold.new_project(directory, name, date.today().year + 1))
    typer.echo(str(written.paths[0]))


@app.command("import", cls=ChineseCommand, short_help="把 Word 申报表读成项目 YAML 文件。")
@_report_bugs
def import_(
    sources: Annotated[
        list[Path],
        typer.Argument(
            help="去年的 Word 申报表或自评表（.docx），可以写几个文件。", show_default=False, metavar=f"{FILE}…"
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="写入项目文件的新目录（不能已有同名文件）。", metavar=FOLDER),
    ] = None,
    into: Annotated[
        Path | None,
        typer.Option(
            "--into", help="把自评表的「自评」部分加到这个目录中同名的项目文件末尾（不写新文件）。", metavar=FOLDER
        ),
    ] = None,
    partial: Annotated[
        bool, typer.Option("--partial", help="有文档或表格读不出时，仍写出读出的那些（默认什么也不写）。")
    ] = False,
) -> None:
    """把 Word 文档中的每一张申报表读成一个项目 YAML 文件，另加 perfsheet.yaml；也读 Excel 工作簿（.xlsx）。

    自评表也能读，读成项目文件末尾的「自评」部分；同名项目的申报表一起导入时，二者合为一个文件。
    用 --into 则把自评表并入已有的项目文件：申报的部分一字不动，git 里只多出「自评」一段。

    按标签和内容读取，不按位置；读不出的表格和行会标明所在的表、行、列，不会编造，也不会悄悄跳过。

    工作簿（perfsheet export 导出的，或手工做的指标表）按表头读取；--into 把其中的项目作为新文件加入已有的目录。

    示例：perfsheet import 2025年绩效目标.docx 2025年绩效自评.docx -o projects/2025/
    """
    from perfsheet.edits import stops_held
    from perfsheet.importer import import_documents, write_files
    from perfsheet.importer.into import append_evaluations
    from perfsheet.spreadsheet.reading import WORKBOOK_SUFFIXES

    if (output is None) == (into is None):
        raise _click.exceptions.UsageError(words().import_one_target)
    _existing(sources)
    if any(path.suffix.lower() in WORKBOOK_SUFFIXES for path in sources):
        if len(sources) > 1:
            raise _click.exceptions.UsageError(words().import_one_workbook)
        _import_workbook(sources[0], output, into)
    result = import_documents([(path, str(path)) for path in sources])
    writable = result.imported > 0 and (result.complete or partial)
    target = output if output is not None else into
    assert target is not None
    with stops_held():
        if into is not None:
            written = append_evaluations(result, into, str(into)) if writable else []
        else:
            written = write_files(result, target, str(target)) if writable else []
        _written.extend(_shown(path) for path in written)
    report = _import_report(result.diagnostics, written)
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
    if written:
        typer.echo(fill(words().import_check_next, path=visible(str(target))), err=True)
    elif result.imported and not result.complete:
        typer.echo(words().import_wrote_nothing, err=True)
    raise typer.Exit(EXIT_OK if written and not report.has_errors else EXIT_INVALID)


def _import_report(diagnostics: list[Diagnostic], written: list[Path]) -> Report:
    """What an import says: its diagnostics, then the project files written (not the editor schemas)."""
    report = Report(diagnostics)
    if report.diagnostics:
        typer.echo(format_text(report), err=True)
    for path in written:
        if not path.name.endswith(".schema.json"):
            typer.echo(_shown(path))
    return report


def _import_workbook(path: Path, output: Path | None, into: Path | None) -> None:
    """import of one workbook: its projects to a new folder (-o), or as new files of a collection (--into)."""
    from perfsheet.edits import stops_held
    from perfsheet.importer import ImportResult, write_files
    from perfsheet.spreadsheet.into import add_projects
    from perfsheet.spreadsheet.reading import import_workbook

    read = import_workbook(path, str(path))
    written: list[Path] = []
    if not read.unreadable and read.projects:
        # As for Word files: a stop waits until the files are written, then says so.
        with stops_held():
            if into is not None:
                written = add_projects(read, into, str(into))
            else:
                assert output is not None
                result = ImportResult(files=read.files())
                written = write_files(result, output, str(output))
                read.diagnostics.extend(result.diagnostics)
            _written.extend(_shown(path) for path in written)
    report = _import_report(read.diagnostics, written)
    if not read.unreadable:
        typer.echo(
            fill(words().import_workbook, projects=read.projects, sheets=read.sheets_read, rows=read.rows_read),
            err=True,
        )
    if written:
        typer.echo(fill(words().import_check_next, path=visible(str(into or output))), err=True)
    raise typer.Exit(EXIT_OK if written and not report.has_errors else EXIT_INVALID)


@app.command(cls=ChineseCommand, short_help="把一个或几个单位的项目导出为一个 Excel 工作簿。")
@_report_bugs
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

    _existing(paths)
    result = export_workbook(paths, output)
    _print_report(result.check, output_format)
    if result.path is not None:
        typer.echo(_shown(result.path), err=_chosen_format(output_format) is OutputFormat.json)
    raise typer.Exit(EXIT_OK if result.path is not None else EXIT_INVALID)


def main() -> None:
    # A console whose code page lacks a character of a project's name (GBK has no 𠀀) shows it escaped,
    # as Python already does on stderr, instead of failing in the middle of the output.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")
    app(prog_name="perfsheet")


if __name__ == "__main__":  # pragma: no cover
    main()
