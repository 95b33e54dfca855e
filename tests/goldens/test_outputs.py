"""The safety net under every refactoring of layout, import and reporting: what build, evaluate, import
and validate give today, kept as golden files, on the examples, on every case of the corpus of bad
inputs, on hand-made Word forms and on a thousand generated projects. A change to any output shows in
review as a diff of these files. After an intended change:
``pytest tests/goldens --update-goldens`` and read the diff."""

from __future__ import annotations

import hashlib
import json
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from perfsheet.cli import app
from perfsheet.documents.build import build
from perfsheet.documents.evaluate import evaluate
from perfsheet.importer import ImportResult, import_docx
from tests.conftest import EXAMPLES, REPO
from tests.corpus.test_corpus import CASES, _prepare
from tests.importer.test_evaluation_import import INDICATORS, TOP, _handmade
from tests.importer.test_handmade import make_handmade

sys.path.insert(0, str(REPO / "benchmarks"))
from bench import generate  # noqa: E402

GOLDENS = Path(__file__).parent / "files"
GENERATED = 1000
runner = CliRunner()


def _check_golden(name: str, actual: str, request: pytest.FixtureRequest) -> None:
    golden = GOLDENS / name
    if request.config.getoption("--update-goldens"):
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden {name}: run pytest {__file__} --update-goldens"
    assert actual == golden.read_text(encoding="utf-8"), f"{name} changed: review, then --update-goldens"


def _pretty(xml: bytes) -> str:
    """One element a line: a change is one line of the diff, not the whole part."""
    tree = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    return etree.tostring(tree, pretty_print=True, encoding="unicode")


def _digests(docx: Path) -> str:
    """Every member of the package and the SHA-256 of its bytes: byte-identical output or a diff."""
    with zipfile.ZipFile(docx) as archive:
        return "".join(
            f"{hashlib.sha256(archive.read(name)).hexdigest()}  {name}\n" for name in sorted(archive.namelist())
        )


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """build's and evaluate's documents of the examples."""
    work = tmp_path_factory.mktemp("examples")
    declared, evaluated = work / "申报.docx", work / "自评.docx"
    assert build(EXAMPLES, declared).docx and evaluate(EXAMPLES, evaluated).docx
    return {"build": declared, "evaluate": evaluated}


@pytest.mark.parametrize("command", ["build", "evaluate"])
def test_the_examples_documents_are_the_golden_ones(
    command: str, documents: dict[str, Path], request: pytest.FixtureRequest
) -> None:
    """Byte for byte; the 自评表's document.xml also one element a line (the 申报表's is in tests/docx)."""
    docx = documents[command]
    if command == "evaluate":
        with zipfile.ZipFile(docx) as archive:
            _check_golden("examples-evaluate.document.xml", _pretty(archive.read("word/document.xml")), request)
    _check_golden(f"examples-{command}.sha256", _digests(docx), request)


def _imported(result: ImportResult) -> str:
    """What import gives: every file it would write, then every diagnostic, in order."""
    files = "".join(f"=== {name}\n{text}" for name, text in sorted(result.files.items()) if ".perfsheet" not in name)
    found = "".join(f"{d.code}@{d.line}:{d.column} {d.message}\n" for d in result.diagnostics)
    counts = f"forms {result.forms}, imported {result.imported}, 自评表 {result.evaluations}, merged {result.merged}\n"
    return files + "=== diagnostics\n" + found + counts


def test_import_of_the_examples_documents_is_the_golden_one(
    documents: dict[str, Path], request: pytest.FixtureRequest
) -> None:
    text = "".join(f"##### {name}\n{_imported(import_docx(path))}" for name, path in sorted(documents.items()))
    _check_golden("examples-import.txt", text, request)


def test_import_of_hand_made_forms_is_the_golden_one(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    declaration = make_handmade(tmp_path / "手工申报表.docx")
    evaluation = _handmade(tmp_path / "手工自评表.docx", TOP, INDICATORS)
    text = "".join(f"##### {path.name}\n{_imported(import_docx(path))}" for path in (declaration, evaluation))
    _check_golden("handmade-import.txt", text, request)


def _validate(arguments: list[str]) -> str:
    result = runner.invoke(app, ["validate", *arguments])
    assert "Traceback" not in result.output
    return f"exit {result.exit_code}\n{result.output}"


@pytest.mark.parametrize("form", ["text", "json"])
def test_validate_on_the_examples_is_the_golden_output(
    form: str, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    monkeypatch.chdir(REPO)
    output = _validate(["--format", form, EXAMPLES.relative_to(REPO).as_posix()])
    if form == "json":
        json.loads(output.split("\n", 1)[1])
    _check_golden(f"examples-validate.{form}", output, request)


@pytest.mark.parametrize("form", ["text", "json"])
def test_validate_on_the_corpus_is_the_golden_output(
    form: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    """Each case of tests/corpus/cases.yaml (its file named as the user would, relative to the folder)."""
    monkeypatch.chdir(tmp_path)
    sections: list[str] = []
    for name in sorted(CASES):
        case_dir = tmp_path / str(len(sections))
        case_dir.mkdir()
        source, _output = _prepare(name, CASES[name], case_dir)
        monkeypatch.chdir(case_dir)
        sections.append(f"##### {name}\n{_validate(['--format', form, source.name])}")
    _check_golden(f"corpus-validate.{form}", "".join(sections), request)


def test_build_of_the_corpus_is_the_golden_document(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Every case that builds: its document byte for byte."""
    sections: list[str] = []
    for name in sorted(CASES):
        if CASES[name]["exit"] != 0:
            continue
        case_dir = tmp_path / str(len(sections))
        case_dir.mkdir()
        source, _output = _prepare(name, CASES[name], case_dir)
        result = build(source, case_dir / "out.docx")
        assert result.docx is not None, name
        sections.append(f"##### {name}\n{_digests(result.docx)}")
    assert sections
    _check_golden("corpus-build.sha256", "".join(sections), request)


def test_a_thousand_generated_projects_build_and_evaluate_to_the_golden_documents(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The benchmark's generator (seeded: the same thousand projects every run), with their 自评."""
    collection = tmp_path / "generated"
    generate(collection, GENERATED, evaluated=True)
    assert len(list(collection.glob("*-项目.yaml"))) == GENERATED
    declared = build(collection, tmp_path / "申报.docx").docx
    evaluated = evaluate(collection, tmp_path / "自评.docx").docx
    assert declared is not None and evaluated is not None
    text = f"##### build\n{_digests(declared)}##### evaluate\n{_digests(evaluated)}"
    for name, docx in (("build", declared), ("evaluate", evaluated)):
        imported = _imported(import_docx(docx)).encode("utf-8")
        text += f"##### import of {name}\n{hashlib.sha256(imported).hexdigest()}\n"
    _check_golden("generated-1000.sha256", text, request)
