"""The real-forms figures (recall per kind and per code) in the terminal summary of any run that
measures them."""

from __future__ import annotations

import pytest

_SUMMARY: list[str] = []


@pytest.fixture
def real_forms_summary() -> list[str]:
    return _SUMMARY


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    for text in _SUMMARY:
        terminalreporter.write_sep("-", "real published forms")
        terminalreporter.write_line(text)
