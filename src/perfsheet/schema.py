"""JSON Schemas for editors (yaml-language-server), generated from the models and the vocabularies.

The models give the fields, aliases and descriptions; what pydantic cannot see is added here: the
indicator tree's 一级/二级 enums, the short form of an indicator, the 指标值 grammar as a pattern, and
the vocabularies as suggestions. Editors parse ``450000`` or ``2026`` as numbers, so those fields accept
numbers as well as strings.
"""

from __future__ import annotations

import json
from typing import Any

from perfsheet.diagnostics import catalog
from perfsheet.model import CollectionSettings, Project
from perfsheet.model.framework import framework
from perfsheet.model.values import TARGET_PATTERN_QUALITATIVE, TARGET_PATTERN_QUANTITATIVE
from perfsheet.rules.context import vocabulary
from perfsheet.rules.registry import SEVERITY_WORDS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILES = {"project.schema.json": "project", "collection.schema.json": "collection"}


def _target_value() -> dict[str, Any]:
    return {
        "title": "指标值",
        "description": "定量：比较符 数值(单位)，如 ≥1.00(场)、=100.00(%)；定性：状态词，如 及时、有效提升",
        "type": "string",
        "anyOf": [{"pattern": TARGET_PATTERN_QUANTITATIVE}, {"pattern": TARGET_PATTERN_QUALITATIVE}],
    }


def _indicator_tree() -> dict[str, Any]:
    fw = framework()
    level1: dict[str, Any] = {}
    for name, children in fw.levels.items():
        level1[name] = {
            "title": name,
            "description": f"一级指标「{name}」：其下的二级指标为 {'、'.join(children)}",
            "type": ["object", "null"],
            "propertyNames": {"enum": list(children)},
            "additionalProperties": {
                "title": "三级指标列表",
                "description": "每行一个三级指标：「- 名称: 指标值」",
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/$defs/IndicatorEntry"},
            },
        }
    return {
        "title": "绩效指标",
        "description": "一级指标 → 二级指标 → 三级指标列表；按上海表格的顺序：成本、产出、效益、满意度",
        "type": "object",
        "minProperties": 1,
        "properties": level1,
        "additionalProperties": False,
    }


def _indicator_entry() -> dict[str, Any]:
    return {
        "title": "三级指标",
        "description": "简写「- 名称: 指标值」，或展开写法「- {名称: …, 指标值: …, 定性: true}」",
        "anyOf": [
            {"$ref": "#/$defs/Indicator"},
            {
                "type": "object",
                "minProperties": 1,
                "maxProperties": 1,
                "not": {"required": ["名称"]},
                "additionalProperties": _target_value(),
            },
        ],
    }


def _suggest(values: tuple[str, ...], base: dict[str, Any]) -> dict[str, Any]:
    """Offer the usual values in the editor without forbidding an unusual one (that is a warning)."""
    return {**base, "type": "string", "examples": list(values), "anyOf": [{"enum": list(values)}, {"type": "string"}]}


def project_schema() -> dict[str, Any]:
    schema = Project.model_json_schema(by_alias=True)
    words = vocabulary()
    props = schema["properties"]
    props["项目性质"] = _suggest(words.natures, props["项目性质"])
    props["项目类别"] = _suggest(words.categories, props["项目类别"])
    props["绩效指标"] = _indicator_tree()
    defs = schema["$defs"]
    defs["IndicatorEntry"] = _indicator_entry()
    defs["Indicator"]["properties"]["指标值"] = {
        **_target_value(),
        "description": defs["Indicator"]["properties"]["指标值"]["description"],
    }
    defs["Indicator"]["properties"]["定性"]["type"] = ["boolean", "string"]
    defs["Suppression"]["properties"]["代码"]["enum"] = _review_codes()
    return {"$schema": DRAFT, "$id": "project.schema.json", **_titled(schema)}


def _titled(schema: dict[str, Any]) -> dict[str, Any]:
    """Every property carries its label as title (pydantic leaves it off fields that are references)."""
    for node in [schema, *schema.get("$defs", {}).values()]:
        for key, prop in node.get("properties", {}).items():
            prop.setdefault("title", key)
    return schema


def _review_codes() -> list[str]:
    return sorted(code for code in catalog() if code.startswith("R"))


def collection_schema() -> dict[str, Any]:
    schema = CollectionSettings.model_json_schema(by_alias=True)
    rules = schema["properties"]["规则"]
    rules.pop("anyOf", None)
    rules.update(
        type=["object", "null"],
        propertyNames={"enum": _review_codes()},
        additionalProperties={"enum": list(SEVERITY_WORDS)},
    )
    return {"$schema": DRAFT, "$id": "collection.schema.json", **_titled(schema)}


def render_schemas() -> dict[str, str]:
    """File name → JSON text, as committed under ``schemas/``."""
    builders = {"project": project_schema, "collection": collection_schema}
    return {
        name: json.dumps(builders[kind](), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        for name, kind in SCHEMA_FILES.items()
    }
