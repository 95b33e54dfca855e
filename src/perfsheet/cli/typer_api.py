"""The one door to Typer's private parts.

perfsheet's command line speaks Chinese by subclassing Typer's command classes and by giving Typer's
gettext hook our words. Both reach below Typer's public API: Click, which Typer vendors as ``typer._click``
since 0.26, and the ``_`` that ``typer.core`` formats its section titles with. Every use goes through this
module, so a Typer release that moves either breaks one import here (and ``tests/test_typer_api.py``),
never the command line in a budget officer's terminal.
"""

from __future__ import annotations

from collections.abc import Callable

import typer.core
from typer import _click as click

__all__ = ["click", "translate_typer_messages"]


def translate_typer_messages(translate: Callable[[str], str]) -> None:
    """Have Typer format its own words (section titles, "required", "Aborted!" …) through ``translate``."""
    if not callable(getattr(typer.core, "_", None)):
        raise RuntimeError("typer.core no longer formats its words through a module-level gettext `_`")
    setattr(typer.core, "_", translate)  # noqa: B010 (the gettext name is not an attribute mypy knows)
