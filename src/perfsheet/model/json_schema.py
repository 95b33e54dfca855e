"""JSON Schemas for editors (yaml-language-server), generated from the models and the vocabularies.

The models give the fields, aliases and descriptions; what pydantic cannot see is added here: the
indicator tree's 一级/二级 enums, the short form of an indicator, the 指标值 grammar as a pattern, and
the vocabularies as suggestions. Editors parse ``450000`` or ``2026`` as numbers, so those fields accept
numbers as well as strings.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from perfsheet.diagnostics import catalogue, fill, listing, phrases
from perfsheet.model import CollectionSettings, Project, labels
from perfsheet.model.fields import FLAG_WORDS, TRUE_WORDS, YEAR_PATTERN
from perfsheet.model.forms import forms
from perfsheet.model.framework import framework
from perfsheet.model.values import (
    DATE_PATTERN,
    MONEY_PATTERN,
    TARGET_PATTERN_QUALITATIVE,
    TARGET_PATTERN_QUANTITATIVE,
    TARGET_PATTERN_TIME,
)
from perfsheet.model.vocabulary import SEVERITY_WORDS, vocabulary

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILES = {"project.schema.json": "project", "collection.schema.json": "collection"}


# Years in the examples of editor messages (a schema is the same for every collection).
EXAMPLE_YEAR = 2026


def editor_message(code: str, **params: Any) -> str:
    """A catalogue entry as the editor shows it under a value: its title and its hint, in validate's words."""
    entry = catalogue()[code]
    return f"{entry.title}：{entry.hint.format(**params)}" if entry.hint else entry.title


def _target_message() -> str:
    return editor_message("E133") + "；" + catalogue()["E131"].hint.format(fixed="≥90.00(%)")


def _target_value() -> dict[str, Any]:
    message = _target_message()
    return {
        "title": labels.INDICATOR_VALUE,
        "description": "定量：比较符 数值(单位)，如 ≥1.00(场)、=100.00(%)；定性：状态词，如 及时、有效提升",
        "type": "string",
        "errorMessage": message,
        "anyOf": [
            {"pattern": TARGET_PATTERN_QUANTITATIVE, "patternErrorMessage": message},
            {"pattern": TARGET_PATTERN_QUALITATIVE, "patternErrorMessage": message},
            {"pattern": TARGET_PATTERN_TIME, "patternErrorMessage": message},
        ],
    }


def _editor_keys(node: Any) -> None:
    """For editors: an unknown key is named in validate's words (E102 with the keys allowed there), and a
    missing field is left to validate, which lists them all, so that a misspelt key is one finding."""
    if isinstance(node, dict):
        if node.get("additionalProperties") is False and "properties" in node:
            del node["additionalProperties"]
            allowed = list(node["properties"])
            node["propertyNames"] = {
                "enum": allowed,
                "errorMessage": fill(phrases().unknown_key, keys=listing(allowed)),
            }
        if "properties" in node and isinstance(node.get("required"), list):
            del node["required"]
        for value in node.values():
            _editor_keys(value)
    elif isinstance(node, list):
        for value in node:
            _editor_keys(value)


def _cases(words: tuple[str, ...]) -> list[str]:
    """Words validate compares in lower case, as an editor's enum must list them (off, OFF, Off)."""
    return sorted({variant for word in words for variant in (word, word.upper(), word.capitalize())})


def _with_messages(node: Any) -> None:
    """Chinese messages under the values whose grammar is a pattern (money, dates, the year)."""
    if isinstance(node, dict):
        pattern = node.get("pattern")
        if pattern == MONEY_PATTERN:
            node["patternErrorMessage"] = node["errorMessage"] = editor_message("E120")
        elif pattern == DATE_PATTERN:
            node["patternErrorMessage"] = node["errorMessage"] = editor_message("E140", year=EXAMPLE_YEAR)
        elif pattern == YEAR_PATTERN:
            node["patternErrorMessage"] = node["errorMessage"] = editor_message("E150", year=EXAMPLE_YEAR)
        for value in node.values():
            _with_messages(value)
    elif isinstance(node, list):
        for value in node:
            _with_messages(value)


def _indicator_tree() -> dict[str, Any]:
    fw = framework()
    level1: dict[str, Any] = {}
    for name, children in fw.levels.items():
        level1[name] = {
            "title": name,
            "description": fill(phrases().level1_description, name=name, children=listing(children)),
            # "object" alone: an editor completes property names only for an object.
            "type": "object",
            "propertyNames": {
                "enum": list(children),
                "errorMessage": fill(phrases().level2_choices, name=name, children=listing(children)),
            },
            "additionalProperties": {
                "title": "三级指标列表",
                "description": "每行一个三级指标：「- 名称: 指标值」",
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/$defs/IndicatorEntry"},
            },
        }
    return {
        "title": labels.INDICATORS,
        "description": "一级指标 → 二级指标 → 三级指标列表；按上海表格的顺序：成本、产出、效益、满意度",
        "type": "object",
        "minProperties": 1,
        "properties": level1,
        "propertyNames": {
            "enum": list(fw.levels),
            "errorMessage": fill(phrases().level1_choices, names=listing(fw.levels)),
        },
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
                "not": {"required": [labels.INDICATOR_NAME]},
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
    props[labels.NATURE] = _suggest(words.natures, props[labels.NATURE])
    props[labels.CATEGORY] = _suggest(words.categories, props[labels.CATEGORY])
    props[labels.INDICATORS] = _indicator_tree()
    defs = schema["$defs"]
    defs["IndicatorEntry"] = _indicator_entry()
    indicator = defs["Indicator"]
    value, qualitative = labels.INDICATOR_VALUE, labels.QUALITATIVE
    description = indicator["properties"][value]["description"]
    indicator["properties"][value] = {"title": value, "description": description, "type": "string"}
    indicator["properties"][qualitative] = {
        **indicator["properties"][qualitative],
        "type": ["boolean", "string"],
        "enum": [True, False, *_cases(FLAG_WORDS)],
    }
    # Marked 定性 (true), the value is words that may hold digits (进入全市前 3 名); otherwise its grammar.
    marked = {
        "properties": {
            qualitative: {"title": qualitative, "description": "标为定性", "enum": [True, *_cases(TRUE_WORDS)]}
        },
        "required": [qualitative],
    }
    indicator["if"] = marked
    indicator["else"] = {"properties": {value: _target_value()}}
    defs["Suppression"]["properties"][labels.SUPPRESSION_CODE]["enum"] = _review_codes()
    # 自评's indicators: 「名称: 96%」 is the short form of 「名称: {实际完成值: 96%}」 (a number is an actual too).
    # The same short form for 监控's: 「名称: 2 场」 is 「名称: {执行情况: 2 场}」.
    for section, entries, model, key in (
        ("SelfEvaluation", labels.EVALUATION_RESULTS, "IndicatorResult", labels.RESULT_ACTUAL),
        ("Monitoring", labels.MONITORING_RESULTS, "IndicatorProgress", labels.PROGRESS_CURRENT),
    ):
        short = {"type": ["string", "number"], "title": key}
        defs[section]["properties"][entries]["additionalProperties"] = {"anyOf": [short, {"$ref": f"#/$defs/{model}"}]}
        defs[model]["properties"][key].update(type=["string", "number"])
    _with_messages(schema)
    _editor_keys(schema)
    _printed_titles(schema)
    return {"$schema": DRAFT, "$id": "project.schema.json", **_titled(schema)}


def printed_labels() -> dict[str, str]:
    """Each field's label as the forms print it (the 申报表 first, then the 自评表), by its path of keys:
    年度资金.当年财政拨款 → 其中：当年财政拨款. The form definitions are the one place for these."""
    found: dict[str, str] = {}
    for form in (forms().declaration, forms().evaluation):
        for table in form.tables:
            for cell in table.cells():
                if cell.role == "label" and cell.text and cell.field:
                    found.setdefault(cell.field, " ".join(cell.text.split()).rstrip("：:"))
    return found


def _printed_titles(schema: dict[str, Any]) -> None:
    """A property the forms print takes the printed label as its title, so that the editor shows what the
    paper form says beside the key the officer types. A model used at two paths that print it differently
    keeps its key."""
    printed = printed_labels()
    defs = schema.get("$defs", {})
    # Each property (a model's, shared by every path that uses the model) with the titles its paths print.
    found: dict[int, tuple[str, dict[str, Any], set[str]]] = {}

    def visit(node: dict[str, Any], path: tuple[str, ...]) -> None:
        if "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[-1]]
        for key, prop in node.get("properties", {}).items():
            inner = next((option for option in prop.get("anyOf", ()) if "$ref" in option), prop)
            if "$ref" in inner or "properties" in inner:
                visit(inner, (*path, key))
            title = printed.get(".".join((*path, key)))
            if title is not None and title != key:
                found.setdefault(id(prop), (key, prop, set()))[2].add(title)

    visit(schema, ())
    for key, prop, titles in found.values():
        prop["title"] = titles.pop() if len(titles) == 1 else key


def _titled(schema: dict[str, Any]) -> dict[str, Any]:
    """Every property carries its label as title (pydantic leaves it off fields that are references)."""
    for node in [schema, *schema.get("$defs", {}).values()]:
        for key, prop in node.get("properties", {}).items():
            prop.setdefault("title", key)
    return schema


def _review_codes() -> list[str]:
    return sorted(code for code in catalogue() if code.startswith("R"))


def collection_schema() -> dict[str, Any]:
    schema = CollectionSettings.model_json_schema(by_alias=True)
    rules = schema["properties"][labels.RULES]
    rules.pop("anyOf", None)
    severities = _cases(tuple(SEVERITY_WORDS))
    rules.update(
        type="object",
        propertyNames={"enum": _review_codes(), "errorMessage": editor_message("E160")},
        additionalProperties={"enum": severities, "errorMessage": editor_message("E161")},
    )
    _with_messages(schema)
    _editor_keys(schema)
    return {"$schema": DRAFT, "$id": "collection.schema.json", **_titled(schema)}


# Where a collection keeps the schemas its files name on their first line (see SCHEMA_COMMENT).
EDITOR_FOLDER = ".perfsheet"
SCHEMA_COMMENT = "# yaml-language-server: $schema=" + EDITOR_FOLDER + "/{name}"


def schema_files(folder: Path) -> dict[Path, str]:
    """The one set of schema files every writer writes (``perfsheet schema``, ``init``/``new``, ``import``):
    path in ``folder`` → JSON text."""
    return {folder / name: text for name, text in render_schemas().items()}


def editor_schema_files(collection: Path) -> dict[Path, str]:
    """The schemas a collection's files name in their first-line comment, where that comment finds them."""
    return schema_files(collection / EDITOR_FOLDER)


def render_schemas() -> dict[str, str]:
    """File name → JSON text, as committed under ``schemas/``."""
    builders = {"project": project_schema, "collection": collection_schema}
    return {
        name: json.dumps(builders[kind](), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        for name, kind in SCHEMA_FILES.items()
    }
