"""The 自评表 and the 监控表 are composed the same way: the projects that have the section, each one
without named, nothing written when none has it."""

from __future__ import annotations

from pathlib import Path

from perfsheet.collection.loading import load_collection
from perfsheet.diagnostics import Report
from perfsheet.documents.cards import CardDocument
from perfsheet.documents.evaluate import self_evaluation
from perfsheet.documents.monitor import monitoring_document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "2026"
OUTPUT = Path("out.docx")


def test_the_projects_with_a_self_evaluation_are_scored_and_the_others_named() -> None:
    collection = load_collection(EXAMPLES)
    projects = [project for _file, project in collection.valid_projects]
    with_section = [p.name for p in projects if p.self_evaluation is not None]
    without = [p.name for p in projects if p.self_evaluation is None]
    assert with_section and without, "the examples have both kinds"
    report = Report()
    carded = self_evaluation.projects(collection, report)
    assert [project.name for project, card in carded if card.total is not None] == with_section
    assert [d.code for d in report.diagnostics] == ["E415"] * len(without)
    assert [name in d.message for name, d in zip(without, report.diagnostics, strict=True)] == [True] * len(without)
    composed = self_evaluation(collection, Report(), OUTPUT)
    assert composed is not None and "自评" in composed[0]
    assert isinstance(self_evaluation, CardDocument) and isinstance(monitoring_document, CardDocument)


def test_projects_without_the_section_are_named_and_nothing_is_composed() -> None:
    collection = load_collection(EXAMPLES)
    if any(file.project is not None and file.project.monitoring for file in collection.projects):
        collection.projects = [file for file in collection.projects if not (file.project and file.project.monitoring)]
    report = Report()
    assert monitoring_document(collection, report, OUTPUT) is None
    names = [project.name for _file, project in collection.valid_projects]
    assert [(d.code, d.file.endswith(".yaml")) for d in report.diagnostics] == [("E572", True)] * len(names) + [
        ("E573", False)
    ]
    assert all(name in d.message for name, d in zip(names, report.diagnostics, strict=False))
