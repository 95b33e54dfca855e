"""A command loads only what it uses (the start-up half of perfsheet's speed): ``--help`` none of the
stages, ``validate`` none of the document writers or readers. Checked in a fresh interpreter by the
modules it holds afterwards, so that it does not depend on the machine's speed (``make bench`` times it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples" / "2026"
sys.path.insert(0, str(REPO / "benchmarks"))
from bench import generate  # noqa: E402

PROBE = """
import json, sys
from typer.testing import CliRunner
from perfsheet.cli import app
result = CliRunner().invoke(app, sys.argv[1:])
print(json.dumps({"exit": result.exit_code, "modules": sorted(sys.modules)}))
"""


def _modules_after(*arguments: str) -> set[str]:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, *arguments], capture_output=True, text=True, timeout=120, check=True
    )
    found = json.loads(completed.stdout.strip().splitlines()[-1])
    return set(found["modules"])


def _stages(modules: set[str]) -> set[str]:
    return {name.split(".")[1] for name in modules if name.startswith("perfsheet.")}


def test_help_loads_no_stage_of_the_pipeline() -> None:
    modules = _modules_after("--help")
    assert _stages(modules) <= {"cli", "diagnostics", "resources", "text"}
    assert "perfsheet.cli.root" in modules, "the probe ran the command line"
    # Its words are a table read without pydantic, and no model is built: the help costs typer and PyYAML.
    assert "pydantic" not in modules and "perfsheet.typed_data" not in modules
    # The one-time token of the GitHub Actions shield is made when a report is shielded, not at start-up.
    assert "secrets" not in modules


def test_validate_loads_no_document_writer_or_reader() -> None:
    modules = _modules_after("validate", str(EXAMPLES))
    assert {"source", "model", "rules"} <= _stages(modules)
    assert _stages(modules) & {"layout", "docx", "documents", "importer", "spreadsheet", "workspace"} == set()
    assert {"jinja2", "lxml", "openpyxl", "docx"} & modules == set()


def test_validate_scores_and_lights_only_forms_that_have_a_self_evaluation_or_monitoring(tmp_path: Path) -> None:
    generate(tmp_path / "plain", 3)
    assert _stages(_modules_after("validate", str(tmp_path / "plain"))) & {"evaluation", "monitoring"} == set()
    generate(tmp_path / "evaluated", 3, evaluated=True)
    assert "evaluation" in _stages(_modules_after("validate", str(tmp_path / "evaluated")))
    generate(tmp_path / "monitored", 3, monitored=True)
    assert "monitoring" in _stages(_modules_after("validate", str(tmp_path / "monitored")))


def test_command_signatures_are_not_strings_to_evaluate() -> None:
    # Typer evaluates string annotations of every command on every run (see perfsheet/cli/__init__.py).
    import perfsheet.cli
    from perfsheet.cli.root import app

    declaring = {info.callback.__module__ for info in app.registered_commands if info.callback is not None}
    declaring |= {info.callback.__module__ for info in [app.registered_callback] if info and info.callback}
    assert declaring >= {"perfsheet.cli.document_commands", "perfsheet.cli.root"}
    for name in declaring:
        assert not getattr(sys.modules[name], "annotations", None), f"{name} postpones its annotations"
    assert perfsheet.cli.app is app


def test_build_loads_no_network_module(tmp_path: Path) -> None:
    # xml.sax.saxutils brought urllib.request, http.client and ssl into every build for its escape().
    modules = _modules_after("build", str(EXAMPLES), "-o", str(tmp_path / "out.docx"))
    assert "perfsheet.docx.emit" in modules, "the probe built the document"
    assert {"urllib.request", "http.client", "ssl", "xml.sax"} & modules == set()
