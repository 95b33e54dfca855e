"""templates/form.yaml is read into a frozen, typed model: a typo in the file is an error naming the file,
the line and the field, raised when the file is read, never a KeyError in the middle of a build."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

import perfsheet.resources as resources
from perfsheet.layout.style import Style, style
from perfsheet.typed_data import load_model


def test_the_look_is_typed_and_frozen() -> None:
    look = style()
    assert look.fonts.cover_table_size == 9.0 and look.roles["header"].bold
    with pytest.raises(ValidationError):
        look.fonts.body_size = 12  # type: ignore[misc]


def test_a_typo_in_the_file_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = (resources.data_dir("templates") / "form.yaml").read_text(encoding="utf-8")
    (tmp_path / "templates").mkdir()
    broken = original.replace("  cover_table_size: 9", "  cover_tabel_size: 9")
    (tmp_path / "templates" / "form.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(resources, "data_dir", lambda folder: tmp_path / folder)
    with pytest.raises(resources.DataFileError) as raised:
        load_model("templates", "form.yaml", Style)
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if "cover_tabel_size" in text)
    assert str(raised.value).startswith(f"templates/form.yaml:{line}:3: fonts.cover_tabel_size: ")
