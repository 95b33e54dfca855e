"""--pdf leaves nothing behind: a PERFSHEET_PDF_TIMEOUT that is no number of seconds is a usage error,
and after a timeout, SIGINT, SIGTERM, SIGHUP or even SIGKILL of perfsheet no LibreOffice process, no
``perfsheet-pdf-*`` folder and none of LibreOffice's ``lu*.tmp`` files remain. LibreOffice is a fake
here (it tells the test through a FIFO when it runs, so nothing waits on a clock), and the real one once."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet import cli
from perfsheet.docx import find_soffice
from tests.conftest import EXAMPLES, fake_program, require

runner = CliRunner()

HANGING_SOFFICE = """\
#!{python}
# A LibreOffice that leaves a temporary file where LibreOffice does, starts a child, says so, and hangs.
import os, subprocess, sys, tempfile, time
tempfile.NamedTemporaryFile(prefix="lu", suffix=".tmp", delete=False).close()
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
with open(os.environ["FAKE_SOFFICE_READY"], "w") as ready:
    ready.write(f"{{os.getpid()}} {{child.pid}}")
time.sleep(600)
"""


@pytest.mark.parametrize("value", ["inf", "1e308", "nan", "-5", "0", "abc", "86401"])
def test_a_time_limit_that_is_no_number_of_seconds_is_a_usage_error(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PERFSHEET_PDF_TIMEOUT", value)
    for command in ("build", "evaluate"):
        result = runner.invoke(cli.app, [command, str(EXAMPLES), "-o", str(tmp_path / "out.docx"), "--pdf"])
        assert result.exit_code == 2, result.output
        assert "error[E045]" in result.output and f"「{value}」" in result.output
        assert list(tmp_path.iterdir()) == []


def _ended(pid: int) -> bool:
    """Whether process ``pid`` ends (a zombie counts as ended) within a minute: waited on through a
    pidfd, which the kernel makes readable when the process exits."""
    try:
        descriptor = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _w, _x = select.select([descriptor], [], [], 60)
    finally:
        os.close(descriptor)
    return bool(readable)


@pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="waits on processes through pidfds (Linux)")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL, None])
def test_nothing_outlives_a_conversion_stopped_by_a_signal_or_its_time_limit(
    signum: signal.Signals | None, tmp_path: Path
) -> None:
    folder = tmp_path / "bin"
    fake_program(folder, "soffice", HANGING_SOFFICE)
    ready = tmp_path / "ready"
    os.mkfifo(ready)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    out = tmp_path / "out"
    environment = dict(
        os.environ,
        PATH=f"{folder}{os.pathsep}{os.environ['PATH']}",
        FAKE_SOFFICE_READY=str(ready),
        TMPDIR=str(temporary),
        PERFSHEET_PDF_TIMEOUT="600" if signum is not None else "1",
    )
    command = [sys.executable, "-m", "perfsheet", "build", str(EXAMPLES), "-o", str(out / "x.docx"), "--pdf"]
    run = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        with open(ready, encoding="utf-8") as told:  # opens once the fake runs, reads once it has written
            pids = [int(pid) for pid in told.read().split()]
        if signum is not None:
            run.send_signal(signum)
        # Its output ends when perfsheet and its watchdog are both done: the event to wait on.
        _stdout, stderr = run.communicate(timeout=120)
    finally:
        run.kill()
    if signum is None:
        assert run.returncode == 1 and "error[E312]" in stderr
    else:
        assert run.returncode == (-signal.SIGKILL if signum == signal.SIGKILL else 128 + signum), stderr
        assert "Traceback" not in stderr
    assert [pid for pid in pids if not _ended(pid)] == [], "LibreOffice outlived perfsheet"
    assert list(temporary.iterdir()) == [], "nothing left in TMPDIR (perfsheet-pdf-*, lu*.tmp)"
    assert sorted(p.name for p in out.iterdir()) == ["x.docx"], "no temporary left beside the output"


def test_the_real_libreoffice_leaves_nothing_in_tmpdir(tmp_path: Path) -> None:
    soffice = find_soffice()
    require(soffice is not None, "LibreOffice (Debian: apt-get install libreoffice-writer-nogui)")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    for limit in ("0.5", "300"):  # stopped while it starts, and a whole conversion
        environment = dict(os.environ, TMPDIR=str(temporary), PERFSHEET_PDF_TIMEOUT=limit)
        command = [sys.executable, "-m", "perfsheet", "build", str(EXAMPLES), "-o", str(tmp_path / "x.docx"), "--pdf"]
        completed = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=600)
        assert completed.returncode in (0, 1) and "Traceback" not in completed.stderr, completed.stderr
        assert list(temporary.iterdir()) == [], (limit, list(temporary.iterdir()))
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")
