"""The commands that write the officer's own files: fix, init, new, schema; and rules, the catalogue."""

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from perfsheet.cli.language import ChineseCommand, words
from perfsheet.cli.options import FOLDER, FORMAT, CollectionPaths
from perfsheet.cli.output import require_existing, shown
from perfsheet.cli.reporters import format_text
from perfsheet.cli.root import app
from perfsheet.cli.running import EXIT_INVALID, EXIT_OK, report_bugs, written_files
from perfsheet.diagnostics import Report, fill, from_catalogue, visible


@app.command(cls=ChineseCommand, short_help="自动改正只有一种改法的输入错误。")
@report_bugs
def fix(
    paths: CollectionPaths,
    diff: Annotated[bool, typer.Option("--diff", help="只显示会做的改动（统一差异格式），不写入文件。")] = False,
    declared: Annotated[
        bool,
        typer.Option(
            "--declared", help="已有「监控」或「自评」的文件，也改写申报部分中取值的写法（默认不动已上报的内容）。"
        ),
    ] = False,
) -> None:
    """自动改正只有一种改法的错误：中文冒号、全角空格、中文破折号、>=、指标值和金额的写法……

    其余内容（注释、空行、顺序、引号、换行符）一字不动；改后不能读、或会多出问题的文件不改。

    退出码：0 没有需要改的；1 改了（或 --diff 下将要改），或还剩不能自动改正的错误。

    示例：perfsheet fix 2027 --diff
    """
    from perfsheet.workspace.fixing import fix_paths

    require_existing(paths)
    run = fix_paths(paths, diff=diff, declared=declared, written=written_files)
    for result in run.pending:
        typer.echo(result.diff(), nl=False)
    for result in run.repaired:
        for change in result.changes:
            old, new = visible(change.old.strip()), visible(change.new.strip())
            typer.echo(f"{visible(result.display)}:{change.line}: {old} → {new}")
    if run.problems.diagnostics:
        typer.echo(format_text(run.problems), err=True)
    if run.held:
        typer.echo(fill(words().fix_held, held=run.held), err=True)
    if diff:
        typer.echo(fill(words().fix_would_change, changed=run.changed, remaining=run.remaining), err=True)
    else:
        typer.echo(fill(words().fix_changed, changed=run.changed, remaining=run.remaining), err=True)
    raise typer.Exit(EXIT_INVALID if run.changed or run.remaining or run.problems.has_errors else EXIT_OK)


class CatalogueFormat(StrEnum):
    text = "text"
    markdown = "markdown"


@app.command(cls=ChineseCommand, short_help="列出全部检查规则。")
@report_bugs
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
@report_bugs
def schema(
    directory: Annotated[Path, typer.Option("--dir", help="写入的目录。", metavar=FOLDER)] = Path("schemas"),
) -> None:
    """生成编辑器用的 JSON Schema（project.schema.json 与 collection.schema.json）。

    在 YAML 文件第一行写「# yaml-language-server: $schema=…/project.schema.json」，
    VS Code 等编辑器即可提示键名、标出错误。

    示例：perfsheet schema --dir schemas
    """
    from perfsheet.files.safe import FileProblem, file_diagnostic, write_text_file
    from perfsheet.model.json_schema import schema_files

    for path, text in schema_files(directory).items():
        try:
            write_text_file(path, text, replace=True)
        except FileProblem as problem:
            typer.echo(format_text(Report([file_diagnostic(problem)])), err=True)
            raise typer.Exit(EXIT_INVALID) from None
        typer.echo(str(path))


def _scaffolded(write: Callable[[], Any]) -> Any:
    """Run an init/new step; what it refuses to do is reported and exits 1."""
    from perfsheet.workspace.scaffold import ScaffoldError

    try:
        return write()
    except ScaffoldError as exc:
        typer.echo(format_text(Report([exc.diagnostic])), err=True)
        raise typer.Exit(EXIT_INVALID) from None


@app.command(cls=ChineseCommand, short_help="新建一份汇总表目录及其配置文件。")
@report_bugs
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
    from perfsheet.workspace import scaffold

    result = _scaffolded(lambda: scaffold.init_collection(directory, year, unit, department, source))
    for path in result.paths:
        typer.echo(shown(path))
    for note in result.notes:
        typer.echo(
            format_text(Report([from_catalogue(note.code, str(note.path), None, path=str(note.path))])), err=True
        )
        if note.snippet:
            typer.echo(note.snippet, err=True)


@app.command(cls=ChineseCommand, short_help="按模板新建一个项目文件。")
@report_bugs
def new(
    name: Annotated[str, typer.Argument(help="项目名称，也用作文件名。", show_default=False, metavar="项目名称")],
    directory: Annotated[Path, typer.Option("--dir", help="汇总表目录。", metavar=FOLDER)] = Path("."),
) -> None:
    """按模板新建一个项目文件，编号接在已有文件之后（如 04-项目名称.yaml）。

    文件中待填的项用 perfsheet validate 可以逐一列出。

    示例：perfsheet new 青年科技人才服务 --dir 2027
    """
    from perfsheet.workspace import scaffold

    written = _scaffolded(lambda: scaffold.new_project(directory, name, date.today().year + 1))
    typer.echo(str(written.paths[0]))
