"""How the perfsheet program ends (``perfsheet.cli.root.run``), run as a real process: every kind of end
keeps its exit code, the output and the exit handlers are kept, a thread still running is waited for,
and the millions of objects of a big run are left to the operating system instead of freed one by one."""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from perfsheet.cli import running
from perfsheet.cli.language import words
from perfsheet.diagnostics import fill, listing
from tests.conftest import EXAMPLES, write_collection

PROBE = """
import atexit, sys, threading, time
from pathlib import Path

marker, mode = Path(sys.argv[1]), sys.argv[2]


class Noisy:
    def __del__(self):
        sys.stdout.write("freed\\n")


kept = Noisy()
if mode == "handler":
    atexit.register(lambda: print("exit handler ran"))
elif mode == "late output":
    atexit.register(lambda: print("written by an exit handler"))
elif mode == "thread":
    def late():
        time.sleep(0.5)
        marker.write_text("written")
    threading.Thread(target=late).start()
sys.argv = ["perfsheet", *sys.argv[3:]]
from perfsheet.cli import run
run()
"""


def _run(tmp_path: Path, mode: str, *arguments: str, shell_redirect: str = "") -> subprocess.CompletedProcess[str]:
    """The probe in ``mode``; with ``shell_redirect``, started by a shell that applies it (``>&-``)."""
    command = [sys.executable, "-c", PROBE, str(tmp_path / "marker"), mode, *arguments]
    if shell_redirect:
        command = ["sh", "-c", f'"$@" {shell_redirect}', "sh", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_each_kind_of_end_keeps_its_exit_code(tmp_path: Path) -> None:
    broken = write_collection(tmp_path / "broken", {"01-x.yaml": "项目名称: [\n"})
    assert _run(tmp_path, "plain", "validate", str(EXAMPLES)).returncode == 0
    assert _run(tmp_path, "plain", "validate", str(broken)).returncode == 1
    assert _run(tmp_path, "plain", "no-such-command").returncode == 2
    assert _run(tmp_path, "plain", "--version").returncode == 0


def test_the_objects_are_not_freed_one_by_one_at_the_end(tmp_path: Path) -> None:
    ended = _run(tmp_path, "plain", "validate", str(EXAMPLES))
    assert ended.returncode == 0
    assert "freed" not in ended.stdout
    # The report is all there: nothing buffered was lost.
    assert ended.stderr.rstrip().endswith("1 条提示。")


def test_exit_handlers_run_and_what_they_print_is_kept(tmp_path: Path) -> None:
    ended = _run(tmp_path, "handler", "validate", str(EXAMPLES))
    assert ended.returncode == 0
    assert ended.stdout == "exit handler ran\n"


def test_a_thread_still_running_is_waited_for(tmp_path: Path) -> None:
    ended = _run(tmp_path, "thread", "validate", str(EXAMPLES))
    assert ended.returncode == 0
    assert (tmp_path / "marker").read_text() == "written"


def test_a_closed_output_is_no_crash(tmp_path: Path) -> None:
    # Started with its standard output closed (``perfsheet … >&-``), Python gives it no sys.stdout.
    closed = _run(tmp_path, "plain", "validate", str(EXAMPLES), shell_redirect=">&-")
    assert closed.returncode == 0, closed.stderr
    assert "Traceback" not in closed.stderr
    assert closed.stderr.rstrip().endswith("1 条提示。")


def test_an_output_whose_reader_went_away_ends_quietly(tmp_path: Path) -> None:
    # ``perfsheet validate --format json … | head -c 0``: the pipe is closed before anything is written.
    reading, writing = os.pipe()
    os.close(reading)
    try:
        command = [sys.executable, "-c", PROBE, str(tmp_path / "marker"), "plain"]
        command += ["validate", "--format", "json", str(EXAMPLES)]
        ended = subprocess.run(command, stdout=writing, stderr=subprocess.PIPE, text=True, timeout=120, check=False)
    finally:
        os.close(writing)
    assert ended.returncode == 128 + 13, ended.stderr
    assert ended.stderr == ""


FULL_DEVICE = "/dev/full"


@pytest.mark.skipif(not os.path.exists(FULL_DEVICE), reason="needs a device that is always full")
@pytest.mark.parametrize(
    "arguments",
    [["validate", "--format", "json", str(EXAMPLES)], ["rules"], ["--help"], ["--version"]],
    ids=["a command's output", "a listing", "click's help", "click's version"],
)
def test_a_full_disk_under_the_output_is_said_not_called_a_bug(tmp_path: Path, arguments: list[str]) -> None:
    # ``perfsheet … > report.json`` on a full disk: the officer is told, in Chinese, and nothing else.
    with open(FULL_DEVICE, "w", encoding="utf-8") as full:
        ended = subprocess.run(
            [sys.executable, "-c", PROBE, str(tmp_path / "marker"), "plain", *arguments],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
        )  # fmt: skip
    said = fill(words().output_failed, reason=os.strerror(errno.ENOSPC))
    assert (ended.returncode, ended.stderr) == (running.EXIT_INVALID, said + "\n")


@pytest.mark.skipif(not os.path.exists(FULL_DEVICE), reason="needs a device that is always full")
def test_output_that_fails_only_at_the_end_is_said_too(tmp_path: Path) -> None:
    # What an exit handler prints stays in the buffer of a redirected output (unless the environment asks
    # for unbuffered output) and is flushed by the program's end, after the command: the same message.
    buffered = {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}
    with open(FULL_DEVICE, "w", encoding="utf-8") as full:
        ended = subprocess.run(
            [sys.executable, "-c", PROBE, str(tmp_path / "marker"), "late output", "validate", str(EXAMPLES)],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, check=False, env=buffered,
        )  # fmt: skip
    said = fill(words().output_failed, reason=os.strerror(errno.ENOSPC))
    assert (ended.returncode, ended.stderr.splitlines()[-1]) == (running.EXIT_INVALID, said)


@pytest.mark.skipif(not os.path.exists(FULL_DEVICE), reason="needs a device that is always full")
def test_a_full_standard_error_leaves_the_output_whole(tmp_path: Path) -> None:
    # Nothing can be said when standard error itself cannot be written: the exit code tells, and the
    # report on standard output is kept whole.
    target = tmp_path / "out.docx"
    arguments = ["build", str(EXAMPLES), "-o", str(target), "--format", "json"]
    with open(FULL_DEVICE, "w", encoding="utf-8") as full:
        ended = subprocess.run(
            [sys.executable, "-c", PROBE, str(tmp_path / "marker"), "plain", *arguments],
            stdout=subprocess.PIPE, stderr=full, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert ended.returncode == running.EXIT_INVALID
    findings = json.loads(ended.stdout)
    assert findings and {finding["severity"] for finding in findings} <= {"warning", "info"} and target.is_file()


@pytest.mark.skipif(not os.path.exists(FULL_DEVICE), reason="needs a device that is always full")
def test_files_written_before_the_output_failed_are_named(tmp_path: Path) -> None:
    # ``fix`` has changed a file when its report cannot be written: the officer is told which. (The
    # examples' one respelling is in a declared part, their 申报表 submitted: --declared asks for it.)
    collection = tmp_path / "c"
    shutil.copytree(EXAMPLES, collection)
    before = {path.name: path.read_bytes() for path in collection.iterdir()}
    with open(FULL_DEVICE, "w", encoding="utf-8") as full:
        ended = subprocess.run(
            [sys.executable, "-c", PROBE, str(tmp_path / "marker"), "plain", "fix", "--declared", str(collection)],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
        )  # fmt: skip
    changed = sorted(path for path in collection.iterdir() if path.read_bytes() != before[path.name])
    assert changed, "test setup: the examples have something fix changes"
    said = fill(words().output_failed, reason=os.strerror(errno.ENOSPC))
    listed = fill(words().written_before_failure, files=listing([str(path) for path in changed]))
    assert (ended.returncode, ended.stderr) == (running.EXIT_INVALID, f"{said}\n{listed}\n")


def test_only_the_output_failing_for_want_of_room_is_no_bug() -> None:
    # A refused permission or a missing file inside a command is not the output failing: still a bug.
    for name in ("EACCES", "ENOENT", "EINVAL"):
        assert running.output_failure_exit(OSError(getattr(errno, name), "x")) is None
    # A file's own write names the file (and is reported as that file's problem): not the output.
    assert running.output_failure_exit(OSError(errno.ENOSPC, "x", "/tmp/perfsheet-pdf-1/document.docx")) is None
    assert running.output_failure_exit(ValueError("x")) is None


def test_a_windows_pipe_gone_is_told_from_another_invalid_argument(monkeypatch: pytest.MonkeyPatch) -> None:
    # On Windows a write to a pipe whose reader went away fails with EINVAL, not as a broken pipe.
    class Gone(io.StringIO):
        def flush(self) -> None:
            raise OSError(errno.EINVAL, "Invalid argument")

    invalid = OSError(errno.EINVAL, "Invalid argument")
    monkeypatch.setattr(running.sys, "stdout", Gone())
    assert running._output_went_away(invalid, windows=True)
    assert not running._output_went_away(invalid, windows=False)
    monkeypatch.setattr(running.sys, "stdout", io.StringIO())
    assert not running._output_went_away(invalid, windows=True), "the output is still there: a bug"
    assert running._output_went_away(BrokenPipeError(), windows=False)
    assert not running._output_went_away(ValueError("x"), windows=True)


def test_a_profiler_gets_its_profile(tmp_path: Path) -> None:
    # A tool that finishes its work at exit (cProfile writes its file then) sees the ordinary end, both
    # for the installed program (run) and for ``python -m perfsheet``.
    probe = tmp_path / "probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    for profiled in ([str(probe), str(tmp_path / "marker"), "plain"], ["-m", "perfsheet"]):
        written = tmp_path / "profile.out"
        command = [sys.executable, "-m", "cProfile", "-o", str(written), *profiled, "--version"]
        ended = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        assert ended.returncode == 0, ended.stderr
        assert written.stat().st_size > 0
        written.unlink()
