"""Where the data folders live: beside the package in a wheel, at the repository root in a checkout.

Labels, messages, vocabularies and fonts are data under ``templates/`` and ``schemas/`` so that a change
of wording is not a change of code.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder ``name`` (``templates`` or ``schemas``), installed or in the source tree."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"perfsheet data folder {name!r} is missing from the installation")


@cache
def load_data(folder: str, filename: str) -> Any:
    """Parse one of perfsheet's own YAML data files (trusted input, so the plain safe loader)."""
    text = (data_dir(folder) / filename).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
