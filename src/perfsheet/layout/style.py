"""The look of the document as typed data (``templates/form.yaml``), and jinja2 for its sentences. What
each form prints, and its column widths, are the forms' definitions (``templates/forms/``)."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any, Literal

import jinja2
from pydantic import BaseModel, ConfigDict, Field

from perfsheet.typed_data import load_model

_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Page(_Frozen):
    """A4 portrait and its margins, in twips; the footer's page number text ({PAGE} is the field)."""

    width: int
    height: int
    margin_top: int
    margin_bottom: int
    margin_left: int
    margin_right: int
    header: int
    footer: int
    footer_text: str


class Fonts(_Frozen):
    """Typefaces (East Asian and Latin) and sizes in points."""

    body_east_asia: str
    body_latin: str
    title_east_asia: str
    title_latin: str
    body_size: float
    title_size: float
    cover_title_size: float
    subtitle_size: float
    cover_table_size: float
    footer_size: float


class TableLook(_Frozen):
    """Cell margin, border width (eighths of a point) and minimum row height; and for the page-break
    estimate, a line's height (times the font size), a row's padding and the share of a page kept free."""

    cell_margin: int
    border_size: int
    min_row_height: int
    line_height: float = Field(gt=1)
    row_padding: int = Field(ge=0)
    page_reserve: float = Field(ge=0, lt=0.5)


class Role(_Frozen):
    """How a kind of cell is set: alignment and weight."""

    align: Literal["left", "center", "right", "both"]
    bold: bool = False
    # The cell's shading as RRGGBB (the 监控表's lights); always beside a word, for black-and-white prints.
    fill: str | None = Field(None, pattern="^[0-9A-F]{6}$")


class LatinWidths(_Frozen):
    """Widths of Latin characters, in ems, to size columns by their content."""

    digit: float
    punctuation: float
    hyphen: float
    other: float


class Style(_Frozen):
    """``templates/form.yaml``."""

    page: Page
    fonts: Fonts
    table: TableLook
    roles: dict[str, Role]
    latin_widths: LatinWidths


@cache
def style() -> Style:
    """The look of the document, read once."""
    return load_model("templates", "form.yaml", Style)


@cache
def _template(source: str) -> jinja2.Template:
    return _ENV.from_string(source)


def render(source: str, **values: Any) -> str:
    """Fill a title or sentence template; a missing variable is an error, never a blank."""
    if all(type(value) in (str, int) for value in values.values()):
        return _rendered(source, tuple(values.items()))
    return _template(source).render(**values)


# A thousand forms print the same year line: filled once (a render costs a jinja2 context each time).
@lru_cache(maxsize=1 << 8)
def _rendered(source: str, values: tuple[tuple[str, str | int], ...]) -> str:
    return _template(source).render(**dict(values))
