"""Security of what perfsheet writes and what it starts: user text never becomes a path, an option or a
shell word; temporaries are exclusive; LibreOffice never outlives a run. LibreOffice is replaced here by
a fake ``soffice`` on PATH that records its argument vector (and, for one test, hangs)."""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet import cli
from perfsheet.files.identity import is_one_of
from perfsheet.files.safe import _temporary_stem
from tests.conftest import CLEAN_PROJECT, EXAMPLES, fake_program, write_collection

runner = CliRunner()

FAKE_SOFFICE = """\
#!{python}
# A stand-in for LibreOffice: records its arguments, then writes a small PDF where --outdir says.
import json, os, sys, time
with open(os.environ["FAKE_SOFFICE_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if os.environ.get("FAKE_SOFFICE_HANG"):
    import subprocess
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    with open(os.environ["FAKE_SOFFICE_HANG"], "w") as pids:
        pids.write(f"{{os.getpid()}} {{child.pid}}")
    time.sleep(600)
outdir = sys.argv[sys.argv.index("--outdir") + 1]
source = sys.argv[-1]
os.makedirs(outdir, exist_ok=True)
name = os.path.splitext(os.path.basename(source))[0] + ".pdf"
with open(os.path.join(outdir, name), "wb") as pdf:
    pdf.write(b"%PDF-1.4 fake")
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake soffice first on PATH; returns the log of argument vectors it was called with."""
    folder = tmp_path / "bin"
    fake_program(folder, "soffice", FAKE_SOFFICE)
    log = tmp_path / "soffice-calls.jsonl"
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    return log


def _calls(log: Path) -> list[list[str]]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def _collection_with_unit(root: Path, unit: str) -> Path:
    settings = f"年度: 2026\n编报单位: {json.dumps(unit, ensure_ascii=False)}\n主管部门: 上海市某某局\n"
    return write_collection(root, {"01-x.yaml": CLEAN_PROJECT}, settings)


HOSTILE_UNITS = [
    "--accept=socket,host=127.0.0.1,port=20031;urp;",
    "-x",
    "--",
    "a;b|c$(touch pwned)`id`",
    "../../x",
    "/srv/elsewhere/x",
    "a/b",
    ".hidden",
    "CON",
    "长" * 300,
]


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_a_hostile_unit_name_is_never_a_path_or_an_option(
    unit: str, tmp_path: Path, fake_soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    root = _collection_with_unit(tmp_path / "c", unit)
    result = runner.invoke(cli.app, ["build", str(root), "--pdf"])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in work.iterdir())
    [docx] = [name for name in written if name.endswith(".docx")]
    assert written == [docx, docx[: -len(".docx")] + ".pdf"], "both land in the working directory, nothing else"
    assert not docx.startswith(("-", ".")) and len(docx.encode("utf-8")) <= 255
    assert not any(char in docx for char in '/\\:*?"<>|')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "c", "soffice-calls.jsonl", "work"]
    [argv] = _calls(fake_soffice)
    # No user text reaches LibreOffice's command line: the input is a copy under a fixed, absolute name.
    assert argv[-1].endswith("/document.docx") and os.path.isabs(argv[-1])
    assert os.path.isabs(argv[argv.index("--outdir") + 1])
    assert unit not in argv and not any(len(unit) > 2 and unit in argument for argument in argv)
    assert not any(argument.startswith("--accept") for argument in argv)


@pytest.mark.parametrize("name", ["-x.docx", "--accept=socket,port=1;urp;.docx", "a;b $(id).docx"])
def test_an_explicit_output_reaches_libreoffice_only_as_a_private_copy(
    name: str, tmp_path: Path, fake_soffice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli.app, ["build", str(EXAMPLES), "-o", name, "--pdf"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).is_file() and (tmp_path / name).with_suffix(".pdf").read_bytes() == b"%PDF-1.4 fake"
    [argv] = _calls(fake_soffice)
    # No argument names the user's file (a random private folder may well contain 「-x」 by chance).
    stem = name.removesuffix(".docx")
    assert not any(part.startswith(stem) for argument in argv for part in Path(argument).parts)


def test_a_hanging_libreoffice_is_stopped_with_all_its_children(tmp_path: Path, fake_soffice: Path) -> None:
    pids_file = tmp_path / "pids"
    environment = dict(os.environ, FAKE_SOFFICE_HANG=str(pids_file), PERFSHEET_PDF_TIMEOUT="2")
    completed = subprocess.run(
        [sys.executable, "-m", "perfsheet", "build", str(EXAMPLES), "-o", str(tmp_path / "out.docx"), "--pdf"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 1
    assert "E312" in completed.stderr and "2 秒" in completed.stderr
    assert (tmp_path / "out.docx").is_file() and not (tmp_path / "out.pdf").exists()
    for pid in map(int, pids_file.read_text().split()):
        assert not _alive(pid), f"process {pid} outlived perfsheet"


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for a reaper counts as ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_planted_symlinks_are_never_followed(tmp_path: Path, fake_soffice: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.docx"
    # The names the old code used, and one shaped like ours, all pointing at the victim.
    for name in (".report.pdf.tmp", ".report.docx.tmp", _temporary_stem(target) + "0000.tmp"):
        (out / name).symlink_to(victim)
    result = runner.invoke(cli.app, ["build", str(EXAMPLES), "-o", str(target), "--pdf"])
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "precious"
    assert zipfile.is_zipfile(target) and (out / "report.pdf").read_bytes() == b"%PDF-1.4 fake"
    # A link at the output itself is refused, not followed.
    (out / "report.pdf").unlink()
    (out / "report.pdf").symlink_to(victim)
    result = runner.invoke(cli.app, ["build", str(EXAMPLES), "-o", str(target), "--pdf"])
    assert result.exit_code == 1 and "E307" in result.output and "Traceback" not in result.output
    assert victim.read_text(encoding="utf-8") == "precious"


def test_a_directory_where_the_pdf_goes_is_a_message(tmp_path: Path, fake_soffice: Path) -> None:
    (tmp_path / "out.pdf").mkdir()
    result = runner.invoke(cli.app, ["build", str(EXAMPLES), "-o", str(tmp_path / "out.docx"), "--pdf"])
    assert result.exit_code == 1 and "E300" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "out.docx", "out.pdf", "soffice-calls.jsonl"]


def test_two_concurrent_builds_to_one_output_do_not_collide(tmp_path: Path, fake_soffice: Path) -> None:
    target = tmp_path / "out" / "same.docx"
    command = [sys.executable, "-m", "perfsheet", "build", str(EXAMPLES), "-o", str(target), "--pdf"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = [(run.wait(timeout=120), run.stderr.read() if run.stderr else b"") for run in runs]
    assert [code for code, _err in results] == [0, 0], results
    assert sorted(p.name for p in target.parent.iterdir()) == ["same.docx", "same.pdf"]
    assert zipfile.ZipFile(target).testzip() is None


def test_a_locked_output_is_a_message_and_nothing_is_lost(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"earlier")

    def locked(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")

    monkeypatch.setattr("perfsheet.files.safe.os.replace", locked)
    result = runner.invoke(cli.app, ["build", str(EXAMPLES), "-o", str(target)])
    assert result.exit_code == 1 and "E305" in result.output and "WPS" in result.output
    assert target.read_bytes() == b"earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_a_rebuilt_document_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    assert runner.invoke(cli.app, ["build", str(EXAMPLES), "-o", str(target)]).exit_code == 0
    target.chmod(0o640)
    assert runner.invoke(cli.app, ["build", str(EXAMPLES), "-o", str(target)]).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_an_output_name_of_250_bytes_is_written(tmp_path: Path) -> None:
    name = "名" * 82 + ".docx"  # 246 + 5 bytes: the temporary's own name stays short
    assert len(name.encode("utf-8")) == 251
    result = runner.invoke(cli.app, ["build", str(EXAMPLES), "-o", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_json_output_keeps_stdout_valid_json(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["build", str(EXAMPLES), "-o", str(tmp_path / "x.docx"), "--format", "json"])
    assert result.exit_code == 0
    assert isinstance(json.loads(result.stdout), list)
    assert "x.docx" in result.stderr


def test_a_temporary_left_by_a_killed_run_is_removed_by_the_next(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    stale = tmp_path / (_temporary_stem(target) + "abcdef012345.tmp")
    stale.write_bytes(b"half a document")
    unrelated = tmp_path / ".perfsheet-000000000000-abcdef012345.tmp"
    unrelated.write_bytes(b"another output's")
    assert runner.invoke(cli.app, ["build", str(EXAMPLES), "-o", str(target)]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [unrelated.name, "out.docx"]


SIGNALLED_BUILD = """\
import sys
sys.argv = ["perfsheet", "build", sys.argv[1], "-o", sys.argv[2]]
from perfsheet.cli import main
main()
"""

# The same build, stopped at a moment made certain: once the temporary exists and its writing begins, the
# run says so on stdout and waits for the signal (the stop lands inside the write, as a real one can).
BUILD_STOPPED_WHILE_WRITING = """\
import os, signal, sys
import perfsheet.files.safe as safe_files
write_all = safe_files._write_all
def announced_write(descriptor, content):
    os.write(1, b"writing\\n")
    signal.pause()
    write_all(descriptor, content)
safe_files._write_all = announced_write
sys.argv = ["perfsheet", "build", sys.argv[1], "-o", sys.argv[2]]
from perfsheet.cli import main
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL, signal.SIGINT])
def test_a_build_stopped_mid_write_keeps_the_old_output(signum: int, tmp_path: Path) -> None:
    collection = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    out = tmp_path / "out"
    out.mkdir()
    target = out / "big.docx"
    target.write_bytes(b"earlier good output")
    run = subprocess.Popen(
        [sys.executable, "-c", BUILD_STOPPED_WHILE_WRITING, str(collection), str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert run.stdout is not None and run.stdout.readline() == b"writing\n", "the build ended before writing"
    assert [p.name.endswith(".tmp") for p in out.iterdir()].count(True) == 1
    run.send_signal(signum)
    code = run.wait(timeout=60)
    assert code == (128 + signum if signum != signal.SIGKILL else -signal.SIGKILL)
    assert b"Traceback" not in (run.stderr.read() if run.stderr else b"")
    assert target.read_bytes() == b"earlier good output"
    if signum != signal.SIGKILL:
        assert [p.name for p in out.iterdir()] == ["big.docx"], "the temporary is removed on the way out"
    # The next run (here a small one, to the same output) leaves no temporary of ours behind.
    small = write_collection(tmp_path / "small", {"01-x.yaml": CLEAN_PROJECT})
    completed = subprocess.run(
        [sys.executable, "-c", SIGNALLED_BUILD, str(small), str(target)], capture_output=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert [p.name for p in out.iterdir()] == ["big.docx"]
    assert zipfile.is_zipfile(target)


# A stop at another certain moment: the stop arrives inside the real ZipFile.__init__,
# after it took the stream and before it set ``_writing``, which its finalizer then reads.
STOPPED_WHILE_OPENING_THE_ARCHIVE = """\
import signal, sys, zipfile
class StopWhenNamed:
    @property
    def name(self):
        signal.raise_signal(signal.SIGTERM)
class Interrupted(zipfile.ZipFile):
    def __init__(self, file, *args, **kwargs):
        super().__init__(StopWhenNamed(), *args, **kwargs)
import perfsheet.docx.package
perfsheet.docx.package.zipfile.ZipFile = Interrupted
sys.argv = ["perfsheet", "build", sys.argv[1], "-o", sys.argv[2]]
from perfsheet.cli import main
main()
"""


def test_a_stop_inside_a_half_made_archive_shows_no_traceback(tmp_path: Path) -> None:
    collection = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    target = tmp_path / "out.docx"
    target.write_bytes(b"earlier good output")
    completed = subprocess.run(
        [sys.executable, "-c", STOPPED_WHILE_OPENING_THE_ARCHIVE, str(collection), str(target)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    stderr = completed.stderr.decode("utf-8")
    assert completed.returncode == 128 + signal.SIGTERM, stderr
    assert stderr == "perfsheet：收到停止信号，未完成的文件已删除，原有的文件保持不变。\n"
    assert target.read_bytes() == b"earlier good output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "out.docx"], "the temporary is removed"


@pytest.mark.parametrize(("command", "suffix", "code"), [("build", ".docx", "E301"), ("export", ".xlsx", "E522")])
@pytest.mark.parametrize(
    "make_name", [os.symlink, os.link], ids=["a symbolic link", "a hard link (no path comparison sees it)"]
)
def test_an_input_under_another_name_is_never_the_output(
    tmp_path: Path, command: str, suffix: str, code: str, make_name: Callable[[Path, Path], None]
) -> None:
    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    target = tmp_path / f"out{suffix}"
    make_name(root / "01-x.yaml", target)
    result = runner.invoke(cli.app, [command, str(root), "-o", str(target)])
    assert result.exit_code == 1 and code in result.output
    assert (root / "01-x.yaml").read_text(encoding="utf-8") == CLEAN_PROJECT


def test_a_file_system_without_file_numbers_compares_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Some Windows volumes number no file (0 for all): the output would look like every input.
    project = tmp_path / "01-x.yaml"
    project.write_text(CLEAN_PROJECT, encoding="utf-8")
    elsewhere, link = tmp_path / "out.docx", tmp_path / "link.docx"
    elsewhere.write_bytes(b"")
    link.symlink_to(project)
    real_stat = os.stat

    def unnumbered(path: Path) -> os.stat_result:
        found = real_stat(path)
        return os.stat_result((found.st_mode, 0, *tuple(found)[2:]))

    assert is_one_of(elsewhere, [project]) is False and is_one_of(link, [project]) is True
    monkeypatch.setattr(os, "stat", unnumbered)
    assert is_one_of(elsewhere, [project]) is False, "not every file is the input"
    assert is_one_of(link, [project]) is True


@pytest.mark.parametrize("failing", ["tempfile.mkdtemp", "shutil.copyfile"])
def test_no_room_for_libreoffices_copy_is_a_message(
    tmp_path: Path, fake_soffice: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    # A full temporary folder: the conversion cannot start, the Word document is there (E311), and it is
    # not taken for the output failing (the error names a file).
    def no_room(*arguments: object, **_options: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(arguments[0]) if arguments else None)

    module, name = failing.split(".")
    monkeypatch.setattr(f"perfsheet.docx.pdf.{module}.{name}", no_room)
    target = tmp_path / "out.docx"
    result = runner.invoke(cli.app, ["build", str(EXAMPLES), "-o", str(target), "--pdf"])
    assert result.exit_code == 1 and "E311" in result.output and os.strerror(errno.ENOSPC) in result.output
    assert target.is_file() and not target.with_suffix(".pdf").exists()
