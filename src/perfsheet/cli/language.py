"""The command line in Chinese: help, usage lines and usage errors, which Typer and its Click write in
English. The words are data (``templates/cli.yaml``); this module only puts them where Typer's own go:
command classes that format usage and help in Chinese, and one place that shows a usage error.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import typer
import typer.core

from perfsheet.cli.typer_api import click as _click
from perfsheet.cli.typer_api import translate_typer_messages
from perfsheet.diagnostics import listing, visible
from perfsheet.resources import load_table


@dataclass(frozen=True)
class CliWords:
    """``templates/cli.yaml``: the command line's own words in Chinese."""

    usage: str = field(metadata={"alias": "用法"})
    options_placeholder: str = field(metadata={"alias": "选项占位"})
    command_placeholder: str = field(metadata={"alias": "命令占位"})
    sections: dict[str, str] = field(metadata={"alias": "分节"})
    builtin_options: dict[str, str] = field(metadata={"alias": "内置选项"})
    error_prefix: str = field(metadata={"alias": "错误前缀"})
    see_help: str = field(metadata={"alias": "查看帮助"})
    parameter_kinds: dict[str, str] = field(metadata={"alias": "参数类型"})
    missing: str = field(metadata={"alias": "缺少"})
    no_such_option: str = field(metadata={"alias": "没有选项"})
    possible_options: str = field(metadata={"alias": "可能的选项"})
    no_such_command: str = field(metadata={"alias": "没有命令"})
    did_you_mean: str = field(metadata={"alias": "是不是命令"})
    extra_arguments: str = field(metadata={"alias": "多余参数"})
    bad_value: str = field(metadata={"alias": "取值不对"})
    option_needs_value: str = field(metadata={"alias": "选项需要值"})
    not_a_choice: str = field(metadata={"alias": "不在列表中"})
    integer_expected: str = field(metadata={"alias": "应为整数"})
    does_not_exist: str = field(metadata={"alias": "不存在"})
    other_usage_error: str = field(metadata={"alias": "其他用法错误"})
    interrupted: str = field(metadata={"alias": "已中断"})
    stopped: str = field(metadata={"alias": "收到停止信号"})
    stopped_after_writing: str = field(metadata={"alias": "写完后被停止"})
    output_failed: str = field(metadata={"alias": "输出无法写出"})
    written_before_failure: str = field(metadata={"alias": "输出无法写出前已写好"})
    not_found: str = field(metadata={"alias": "找不到"})
    watching: str = field(metadata={"alias": "开始监视"})
    rebuilding: str = field(metadata={"alias": "重新生成"})
    reading_progress: str = field(metadata={"alias": "读取进度"})
    fix_would_change: str = field(metadata={"alias": "需要改正"})
    fix_changed: str = field(metadata={"alias": "改正了"})
    fix_held: str = field(metadata={"alias": "申报部分未改写"})
    import_found: str = field(metadata={"alias": "读出申报表"})
    import_evaluations: str = field(metadata={"alias": "读出自评表"})
    import_merged: str = field(metadata={"alias": "并入申报表"})
    import_monitorings: str = field(metadata={"alias": "读出监控表"})
    import_monitoring_merged: str = field(metadata={"alias": "监控表并入申报表"})
    import_check_next: str = field(metadata={"alias": "请检查"})
    import_one_target: str = field(metadata={"alias": "导入目标二选一"})
    import_wrote_nothing: str = field(metadata={"alias": "什么也没写"})
    import_one_workbook: str = field(metadata={"alias": "只导入一个工作簿"})
    import_workbook: str = field(metadata={"alias": "读出工作簿"})


@cache
def words() -> CliWords:
    return load_table("templates", "cli.yaml", CliWords)


def _translate(message: str) -> str:
    """Typer's own gettext strings (section titles, "required", "Aborted!" …) in Chinese."""
    return str(words().sections.get(message, message))


# Typer formats section titles and a few notes through gettext; these are its words, in Chinese.
translate_typer_messages(_translate)


class _Chinese:
    """Usage line and built-in option help in Chinese (mixed into Typer's command and group)."""

    def get_params(self, ctx: _click.Context) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        builtin = words().builtin_options
        for param in params:
            if param.name in builtin:
                param.help = builtin[param.name]
        return params

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        table = words()
        return [
            table.options_placeholder
            if piece == "[OPTIONS]"
            else table.command_placeholder
            if piece == "COMMAND [ARGS]..."
            else piece
            for piece in pieces
        ]

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=words().usage)

    def get_usage(self, ctx: _click.Context) -> str:
        return _plain_metavars(super().get_usage(ctx))  # type: ignore[misc]

    def get_help(self, ctx: _click.Context) -> str:
        return _plain_metavars(super().get_help(ctx))  # type: ignore[misc]

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Typer's main, with usage errors shown in Chinese (and the same exit codes)."""
        standalone = standalone_mode
        try:
            result = super().main(  # type: ignore[misc]
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except _click.exceptions.NoArgsIsHelpError as error:
            _click.echo(error.format_message(), err=True)
            return _finish(standalone, error.exit_code)
        except _click.exceptions.ClickException as error:
            if not standalone:
                raise
            show_usage_error(error)
            return _finish(standalone, error.exit_code)
        except typer.Abort:
            if not standalone:
                raise
            _click.echo(_translate("Aborted!"), err=True)
            return _finish(standalone, 1)
        return _finish(standalone, result if isinstance(result, int) else 0) if standalone else result


# Typer shows a required argument as {名称}, a list as {名称}..., and its Python type as <path>: our
# metavars already say what to type, in Chinese.
_BRACED = re.compile(r"\{([^{}\s]+)\}(?:\.\.\.)?")
_PYTHON_TYPE = re.compile(r" <[A-Za-z_\[\]|, ]+>")


_SECTION = re.compile(r"^(\S+):$", re.M)


def _plain_metavars(text: str) -> str:
    """Metavars as typed, and section titles with a Chinese colon."""
    return _SECTION.sub(r"\1：", _PYTHON_TYPE.sub("", _BRACED.sub(r"\1", text)))


def _finish(standalone: bool, code: int) -> int:
    if standalone:
        sys.exit(code)
    return code


class ChineseGroup(_Chinese, typer.core.TyperGroup):
    """The ``perfsheet`` group."""


class ChineseCommand(_Chinese, typer.core.TyperCommand):
    """Every ``perfsheet`` command."""


def _parameter_name(error: _click.exceptions.BadParameter, ctx: _click.Context | None) -> str:
    param = error.param
    if param is None:
        return str(error.param_hint or "")
    if getattr(param, "param_type_name", "") == "option":
        return " / ".join(param.opts)
    return str(param.metavar or param.name)


# The English of Click's usage errors that are not exception types of their own.
_PATTERNS = (
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$"), "extra_arguments"),
    (re.compile(r"^Option '(?P<name>[^']+)' requires an argument\.?$"), "option_needs_value"),
    (re.compile(r"^(?P<name>[^']*?)\s*requires an argument\.?$"), "option_needs_value"),
)
_SUGGESTION = re.compile(r"^(?P<head>.*?)\.? Did you mean (?P<names>.+)\?$", re.S)
_CHOICE = re.compile(r"^'?(?P<value>.*?)'? is not one of (?P<choices>.+)\.$|^'?(?P<value2>.*?)'? is not a valid")


def usage_error_message(error: _click.exceptions.ClickException) -> str:
    """The Chinese sentence for a usage error (never Click's English)."""
    table = words()
    ctx = getattr(error, "ctx", None)
    if isinstance(error, _click.exceptions.MissingParameter):
        kind_name = str(error.param_type or getattr(error.param, "param_type_name", ""))
        kind = table.parameter_kinds.get(kind_name, table.parameter_kinds["parameter"])
        return table.missing.format(kind=kind, name=_parameter_name(error, ctx))
    if isinstance(error, _click.exceptions.NoSuchOption):
        message = table.no_such_option.format(name=error.option_name)
        if error.possibilities:
            message += table.possible_options.format(names=listing(sorted(error.possibilities)))
        return message
    if isinstance(error, _click.exceptions.BadParameter):
        return table.bad_value.format(name=_parameter_name(error, ctx), detail=_detail(error.message))
    text = error.message
    suggestion = _SUGGESTION.match(text)
    if suggestion:
        names = listing(suggestion.group("names").replace("'", "").split(", "))
        return suggestion.group("head").rstrip("。.") + "。" + table.did_you_mean.format(names=names)
    for pattern, key in _PATTERNS:
        match = pattern.match(text)
        if match:
            return str(getattr(table, key)).format(**match.groupdict())
    if re.search(r"[\u4e00-\u9fff]", text):  # already ours (Typer's translated gettext)
        return text
    return table.other_usage_error


def _detail(message: str) -> str:
    table = words()
    message = re.sub(r"^Value error, ", "", message)
    if message.startswith("Input should be a valid integer"):
        return table.integer_expected
    # Before the choices: Click up to typer 0.26 says "'abc' is not a valid integer." (later, pydantic's words).
    if "is not a valid integer" in message:
        return table.integer_expected
    choice = _CHOICE.match(message)
    if choice and choice.group("choices"):
        return table.not_a_choice.format(value=choice.group("value"), choices=choice.group("choices").replace("'", ""))
    if choice:
        return table.not_a_choice.format(value=choice.group("value2"), choices="见 --help")
    if "does not exist" in message:
        return table.does_not_exist.format(value=message.split("'")[1] if "'" in message else message)
    return message if re.search(r"[\u4e00-\u9fff]", message) else table.other_usage_error


def show_usage_error(error: _click.exceptions.ClickException) -> None:
    """Usage line, where to find help, and the error: all in Chinese, on stderr."""
    table = words()
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        _click.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            hint = table.see_help.format(command=ctx.command_path, option=ctx.help_option_names[0])
            _click.echo(hint, err=True)
        _click.echo(err=True)
    _click.echo(table.error_prefix + visible(usage_error_message(error)), err=True)
