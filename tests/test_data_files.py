"""perfsheet's own data files are read the way project files are: every scalar a string, an empty value
None, and a repeated key, an anchor or a syntax error an error naming the file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

import perfsheet.resources as resources


def _read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> tuple[object, resources.KeyPositions]:
    (tmp_path / "templates").mkdir(exist_ok=True)
    (tmp_path / "templates" / "t.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(resources, "data_dir", lambda folder: tmp_path / folder)
    return resources.read_data("templates", "t.yaml")


def test_scalars_stay_text_and_keys_keep_their_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data, keys = _read(tmp_path, monkeypatch, "开关: no\n编号: 010\n空:\n列表:\n  - 甲\n  - 乙: 1.0\n引号: ''\n")
    assert data == {"开关": "no", "编号": "010", "空": None, "列表": ["甲", {"乙": "1.0"}], "引号": ""}
    assert keys == {("开关",): (1, 1), ("编号",): (2, 1), ("空",): (3, 1), ("列表",): (4, 1),
                    ("列表", 1, "乙"): (6, 5), ("引号",): (7, 1)}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("甲: 1\n乙: 2\n甲: 3\n", "templates/t.yaml:3:1: 甲: repeated key"),
        ("甲: &a 1\n乙: *a\n", "templates/t.yaml:1:4: anchors are not used in data files"),
        ("甲: [1\n", "templates/t.yaml:2:1: "),
        ("甲: 1\n---\n乙: 2\n", "templates/t.yaml:2:1: one document expected"),
        ("甲: \x07\n", "templates/t.yaml:1:1: "),
    ],
)
def test_a_broken_data_file_is_located(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str
) -> None:
    with pytest.raises(resources.DataFileError) as raised:
        _read(tmp_path, monkeypatch, text)
    assert str(raised.value).startswith(expected)


def test_every_data_file_reads() -> None:
    for folder in ("templates", "schemas"):
        for path in sorted(resources.data_dir(folder).glob("*.yaml")):
            data, keys = resources.read_data(folder, path.name)
            assert isinstance(data, dict) and keys, path.name


@pytest.mark.parametrize("key", ["数量前用语", "完成数结尾", "分配用语"])
@pytest.mark.parametrize("words", [[], [""]])
def test_a_word_list_the_rules_search_for_is_never_empty(key: str, words: list[str]) -> None:
    # Searched for in texts, an empty list or an empty word would be found in every goal or name.
    from pydantic import ValidationError

    from perfsheet.model.vocabulary import Vocabulary

    data, _keys = resources.read_data("schemas", "review.yaml")
    assert isinstance(data, dict)
    Vocabulary.model_validate(data)
    with pytest.raises(ValidationError):
        Vocabulary.model_validate({**data, key: words})


@pytest.mark.parametrize("key", ["代码", "名称"])
def test_each_light_is_told_apart_by_its_code_and_by_its_word(key: str) -> None:
    # A light is printed as its word and shaded by its code: two lights with one of either could not be.
    from pydantic import ValidationError

    from perfsheet.model.monitoring import MonitoringScheme

    data, _keys = resources.read_data("schemas", "monitoring.yaml")
    assert isinstance(data, dict)
    scheme = MonitoringScheme.model_validate(data)
    assert [scheme.light_code(scheme.light_name(light.code)) for light in scheme.lights] == [
        light.code for light in scheme.lights
    ]
    twin = [*data["灯"], {**data["灯"][0], "代码" if key == "名称" else "名称": "另一个"}]
    with pytest.raises(ValidationError, match="重复"):
        MonitoringScheme.model_validate({**data, "灯": twin})
