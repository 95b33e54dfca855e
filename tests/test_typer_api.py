"""What perfsheet takes from below Typer's public API, asserted, so that a Typer release that moves it fails
here and in `make test-latest`, never in a budget officer's terminal."""

from __future__ import annotations

import inspect

import pytest
import typer.core

from perfsheet.cli import language as cli_language
from perfsheet.cli import typer_api
from perfsheet.cli.typer_api import click


def test_typer_s_commands_are_the_click_classes_the_adapter_names() -> None:
    assert issubclass(typer.core.TyperCommand, click.Command)
    assert issubclass(typer.core.TyperGroup, click.Command)
    assert issubclass(cli_language.ChineseCommand, click.Command)


@pytest.mark.parametrize(
    "name", ["get_params", "collect_usage_pieces", "format_usage", "get_usage", "get_help", "main"]
)
def test_every_method_the_chinese_mixin_overrides_still_exists_upstream(name: str) -> None:
    # The mixin calls super() for each of these; a renamed method would silently lose the Chinese.
    assert callable(getattr(typer.core.TyperCommand, name))
    assert getattr(cli_language.ChineseCommand, name) is getattr(cli_language._Chinese, name)


def test_main_still_takes_the_arguments_the_mixin_passes_on() -> None:
    parameters = inspect.signature(typer.core.TyperCommand.main).parameters
    for name in ["args", "prog_name", "complete_var", "standalone_mode", "windows_expand_args"]:
        assert name in parameters, name


def test_the_click_names_perfsheet_uses_are_there() -> None:
    for name in ["NoArgsIsHelpError", "ClickException", "UsageError", "BadParameter"]:
        assert isinstance(getattr(click.exceptions, name), type), name
    assert callable(click.echo)
    assert isinstance(click.Context, type)
    assert isinstance(click.HelpFormatter, type)


def test_typer_formats_its_words_through_our_translation() -> None:
    # Importing the command line installs the translation; Typer looks `_` up in its module at call time.
    assert typer.core._("Options") == cli_language.words().sections["Options"]
    assert typer.core._("Options") != "Options"


def test_the_adapter_refuses_a_typer_without_the_gettext_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(typer.core, "_")
    with pytest.raises(RuntimeError, match="gettext"):
        typer_api.translate_typer_messages(str)
