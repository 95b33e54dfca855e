import codecs
from pathlib import Path

import pytest

from perfsheet.source import load_text, loader
from perfsheet.source.decoding import MAX_FILE_BYTES, decode
from perfsheet.source.loader import load_file


def codes_of(text: str) -> list[str]:
    return [d.code for d in load_text(text, "t.yaml").diagnostics]


@pytest.mark.parametrize(
    "scalar", ["no", "yes", "010", "1:20", "12.50", "0x1F", "2026-01-01", "~", "null", "1e3", ".inf"]
)
def test_every_scalar_stays_the_string_the_user_typed(scalar: str) -> None:
    loaded = load_text(f"a: {scalar}\n", "t.yaml")
    assert loaded.ok
    assert loaded.data == {"a": scalar}


def test_an_empty_value_is_a_blank_cell_but_quoted_empty_is_text() -> None:
    assert load_text('a:\nb: ""\n', "t.yaml").data == {"a": None, "b": ""}


def test_positions_are_kept_for_keys_and_values() -> None:
    loaded = load_text("a:\n  b: x\n  c:\n    - d: ≥1(场)\n", "t.yaml")
    assert loaded.positions.key(("a", "c")).line == 3
    item = loaded.positions.value(("a", "c", 0, "d"))
    assert (item.line, item.column) == (4, 10)
    # A path with no position of its own falls back to its nearest located ancestor.
    assert loaded.positions.value(("a", "c", 0, "missing")).line == 4


def test_duplicate_key_is_an_error_at_the_second_occurrence() -> None:
    loaded = load_text("a: 1\nb:\n  x: 1\n  x: 2\n", "t.yaml")
    assert [(d.code, d.line) for d in loaded.diagnostics] == [("E010", 4)]
    assert "第 3 行" in loaded.diagnostics[0].message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A value typed starting with & ! * is a typing mistake to a budget officer: quote it.
        ("a: &x 1\nb: *x\n", ["E023@1:4", "E023@2:4"]),
        ("a: !!str 1\n", ["E023@1:4"]),
        ("a: !!python/object:os.system {}\n", ["E023@1:4"]),
        # Anchors and tags where no typing slip explains them are refused as YAML features.
        ("- &x {a: 1}\n", ["E011@1:3"]),
        ("[!!str a]\n", ["E011@1:2"]),
        ("base: {x: 1}\nother:\n  <<: {x: 1}\n", ["E011@3:3"]),
    ],
)
def test_anchors_tags_and_merge_keys_are_refused(text: str, expected: list[str]) -> None:
    loaded = load_text(text, "t.yaml")
    assert [f"{d.code}@{d.line}:{d.column}" for d in loaded.diagnostics] == expected
    assert all(d.code != "E011" or "不支持 YAML" in d.message for d in loaded.diagnostics)


def test_several_documents_are_refused() -> None:
    assert codes_of("a: 1\n---\nb: 2\n") == ["E012"]


def test_syntax_error_is_located_where_it_was_typed_in_chinese() -> None:
    loaded = load_text("a: 1\nb: [1, 2\nc: 3\n", "t.yaml")
    assert [f"{d.code}@{d.line}:{d.column}" for d in loaded.diagnostics] == ["E023@2:4"]
    assert loaded.diagnostics[0].hint.startswith('「>=」请写成「≥」，其他情况请给取值加上引号。改成：b: "[1, 2"')


def test_a_problem_no_typing_mistake_explains_is_described_in_chinese() -> None:
    loaded = load_text("a:\n  - b\n  c: 1\n", "t.yaml")
    [only] = loaded.diagnostics
    assert only.code == "E009" and only.line == 3
    assert only.message == "这里的写法 YAML 读不懂：列表项的缩进不一致"


def test_deep_nesting_is_refused_without_recursion() -> None:
    text = "[" * 10000 + "]" * 10000
    assert codes_of(text) in (["E013"], ["E009"])


def test_utf8_with_bom_is_read() -> None:
    decoded = decode(codecs.BOM_UTF8 + "a: 值\n".encode(), "t.yaml")
    assert decoded.ok and decoded.text == "a: 值\n"


def test_gbk_is_named_with_how_to_resave() -> None:
    decoded = decode("项目名称: 测试\n".encode("gbk"), "t.yaml")
    assert [d.code for d in decoded.diagnostics] == ["E002"]
    assert "GBK" in decoded.diagnostics[0].message
    assert "UTF-8" in decoded.diagnostics[0].hint


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_is_named(encoding: str) -> None:
    decoded = decode("a: 值\n".encode(encoding), "t.yaml")
    assert [d.code for d in decoded.diagnostics] == ["E002"]
    assert "UTF-16" in decoded.diagnostics[0].message


def test_control_and_invisible_characters_are_located() -> None:
    decoded = decode("a: 1\nb: x\x07y\nc: 名\u200b称\n".encode(), "t.yaml")
    assert [(d.code, d.line, d.column) for d in decoded.diagnostics] == [("E003", 2, 5), ("E004", 3, 5)]


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    loaded = load_file(big)
    assert [d.code for d in loaded.diagnostics] == ["E001"]
    assert loaded.data is None


# Six texts with a trace of a typing mistake; three without (a dash inside a value is no list item).
_TRACES = [
    *["a：b\n", "a:\u3000b\n", "a: b\u00a0\n", "－ 名称: x\n", "  • x\n", "- a:b\n"],
    *["a: 甲—乙\n", "a: http://x\n", "a: b\n"],
]


def test_the_quick_look_for_a_typing_mistake_sees_what_the_whole_pattern_sees() -> None:
    repository = Path(__file__).resolve().parents[2]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(repository.glob("tests/**/*.yaml"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(repository.glob("examples/**/*.yaml"))]
    for text in [*_TRACES, *texts]:
        assert loader._traces_a_mistake(text) == bool(loader._TRACE_OF_A_MISTAKE.search(text)), text[:40]
    assert [loader._traces_a_mistake(text) for text in _TRACES] == [True] * 6 + [False] * 3
