"""The look of the document as data (``templates/form.yaml``), and jinja2 for its sentences."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from perfsheet.resources import load_data

_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)


def style() -> dict[str, Any]:
    """The parsed ``templates/form.yaml``."""
    data: dict[str, Any] = load_data("templates", "form.yaml")
    return data


@cache
def _template(source: str) -> jinja2.Template:
    return _ENV.from_string(source)


def render(source: str, **values: Any) -> str:
    """Fill a title or sentence template; a missing variable is an error, never a blank."""
    return _template(source).render(**values)
