from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet.cli import app
from perfsheet.diagnostics import catalogue
from perfsheet.rules import listing
from tests.rules.test_review import CASES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_docs_rules_md_is_fresh() -> None:
    assert DOCS.read_text(encoding="utf-8") == listing.as_markdown(), "run `make docs`"


def test_every_review_rule_has_a_source_and_a_test_case() -> None:
    review = {code for code in catalogue() if code.startswith("R")}
    assert review - set(CASES) == {"R358"}, "R358 is tested across a collection in test_review.py"
    assert all(catalogue()[code].source for code in review)


def test_rules_command_lists_the_catalogue() -> None:
    result = CliRunner().invoke(app, ["rules"])
    assert result.exit_code == 0
    assert "R303  警告  缺少成本指标" in result.stdout
    assert "上海市财政局 2025-01-02" in result.stdout
    markdown = CliRunner().invoke(app, ["rules", "--format", "markdown"])
    assert markdown.stdout == DOCS.read_text(encoding="utf-8")


def test_perfsheet_s_own_data_files_have_no_duplicate_keys() -> None:
    # PyYAML keeps the last of two equal keys without a word: our own loader refuses them.
    from perfsheet.source import load_file
    from tests.conftest import REPO

    for path in [*(REPO / "templates").glob("*.yaml"), *(REPO / "schemas").glob("*.yaml")]:
        duplicates = [d for d in load_file(path).diagnostics if d.code == "E010"]
        assert duplicates == [], (path.name, [d.message for d in duplicates])


def test_every_review_code_is_declared_by_exactly_one_rule() -> None:
    from perfsheet.rules.registry import COLLECTION_RULES, PROJECT_RULES

    declared = [code for rule in (*PROJECT_RULES, *COLLECTION_RULES) for code in rule.codes]  # type: ignore[attr-defined]
    review_codes = sorted(code for code in catalogue() if code.startswith("R"))
    assert sorted(declared) == review_codes, "each R code in the catalogue, once"


def test_a_rule_reporting_a_code_it_does_not_declare_is_a_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    import perfsheet.rules.registry as registry
    from perfsheet.collection.loading import load_collection
    from perfsheet.rules import run_rules
    from perfsheet.rules.context import emits
    from tests.conftest import EXAMPLES

    @emits("R301")
    def sloppy(ctx):  # type: ignore[no-untyped-def]
        yield ctx.report("R302", ("绩效指标",))

    monkeypatch.setattr(registry, "PROJECT_RULES", (sloppy,))
    with pytest.raises(AssertionError, match="sloppy reported R302"):
        run_rules(load_collection(EXAMPLES))


def test_no_message_sends_the_officer_to_a_file_of_this_repository() -> None:
    # An officer's repository holds their own years, not perfsheet's examples or docs.
    for code, entry in catalogue().items():
        for text in (entry.message, entry.hint or ""):
            assert "examples/" not in text and "docs/" not in text, code
