"""The committed JSON Schemas: fresh, valid, accepting the examples and rejecting bad files as an editor would."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from perfsheet.model.json_schema import render_schemas
from perfsheet.model.values import (
    TARGET_PATTERN_QUALITATIVE,
    TARGET_PATTERN_QUANTITATIVE,
    TARGET_PATTERN_TIME,
    ValueProblem,
    parse_target,
)
from tests.conftest import CLEAN_PROJECT, EXAMPLES, SETTINGS, variant

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: numbers are numbers, but no timestamps."""


EditorLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _errors(name: str, text: str) -> list[Any]:
    return list(_validator(name).iter_errors(yaml.load(text, Loader=EditorLoader)))


def test_committed_schemas_are_fresh() -> None:
    for name, text in render_schemas().items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, f"{name} is stale: run `make schema`"


def test_every_example_validates_and_names_its_schema() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        name = "collection.schema.json" if path.name == "perfsheet.yaml" else "project.schema.json"
        assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../schemas/{name}"
        assert _errors(name, text) == [], path.name


def test_every_field_has_a_chinese_title_and_description() -> None:
    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, child in node.get("properties", {}).items():
                assert child.get("title") and child.get("description"), f"{where}.{key}"
                assert re.search(r"[\u4e00-\u9fff]", child["description"]), f"{where}.{key}"
            for key, child in node.items():
                walk(child, f"{where}.{key}")
        elif isinstance(node, list):
            for child in node:
                walk(child, where)

    for name in ("project.schema.json", "collection.schema.json"):
        walk(json.loads((SCHEMAS / name).read_text(encoding="utf-8")), name)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("项目类别: 特定目标类", "项目类型: 特定目标类"),
        ("    社会效益指标:", "    数量指标:"),
        ("  效益指标:", "  效益指示:"),
        ("参会人员满意度: ≥90.00(%)", "参会人员满意度: 90%"),
        ("参会人员满意度: ≥90.00(%)", "参会人员满意度: 90"),
        ("年度资金申请总额: 450,000.00", "年度资金申请总额: 45万元"),
        ("    时效指标:\n      - 各项工作完成及时性: 及时\n", "    时效指标: []\n"),
    ],
)
def test_bad_project_files_fail(old: str, new: str) -> None:
    assert _errors("project.schema.json", CLEAN_PROJECT) == []
    assert _errors("project.schema.json", variant(old, new)) != []


def test_bad_settings_fail() -> None:
    assert _errors("collection.schema.json", SETTINGS + "规则:\n  R303: 关闭\n") == []
    assert _errors("collection.schema.json", SETTINGS + "规则:\n  R999: 关闭\n") != []
    assert _errors("collection.schema.json", SETTINGS + "规则:\n  R303: 严重\n") != []
    assert _errors("collection.schema.json", SETTINGS.replace("年度", "年份")) != []


def _matches_schema(text: str) -> bool:
    patterns = (TARGET_PATTERN_QUANTITATIVE, TARGET_PATTERN_QUALITATIVE, TARGET_PATTERN_TIME)
    return any(re.search(pattern, text) for pattern in patterns)


def _parses(text: str) -> bool:
    try:
        parse_target(text)
    except ValueProblem:
        return False
    return True


@given(st.text(alphabet="≥≤=<>0123456789.%(（)） 场人次个及时提升率ab年月日前全-", min_size=1, max_size=12))
def test_the_schema_pattern_and_the_parser_agree(text: str) -> None:
    assert _matches_schema(text) == _parses(text), text


def test_a_field_the_forms_print_is_titled_as_printed() -> None:
    """The editor shows the form's own wording beside the key: the titles come from the form definitions."""
    from perfsheet.model.json_schema import printed_labels, project_schema

    schema = project_schema()
    funds = schema["$defs"]["AnnualFunds"]["properties"]
    assert printed_labels()["年度资金.当年财政拨款"] == "其中：当年财政拨款"
    assert funds["当年财政拨款"]["title"] == "其中：当年财政拨款"
    assert funds["上年结转资金"]["title"] == "上年结转资金"
    assert schema["properties"]["项目名称"]["title"] == "项目名称"
