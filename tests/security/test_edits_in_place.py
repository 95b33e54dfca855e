"""``fix`` and ``import --into`` change the user's own files (issue 22, items 5–7): all of them or none,
also under Ctrl+C, SIGTERM and SIGHUP; in place, so owner, mode and hard links stay; never a read-only
file, never a file edited since it was read, never past the read limit; and what a SIGKILL leaves behind
is cleared or named by the next run, never read as a project."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from perfsheet import cli
from perfsheet.rules.check import check_paths
from perfsheet.source.decoding import MAX_FILE_BYTES
from perfsheet.workspace import fix as fix_module
from perfsheet.workspace import fixing
from tests.conftest import CLEAN_PROJECT, variant, write_collection
from tests.importer.test_evaluation_import import (  # noqa: F401 - documents is a fixture
    INDICATORS,
    TOP,
    _collection_before_year_end,
    _handmade,
    documents,
)

runner = CliRunner()

# Two files with a repair each: the full-width digit of 上年结转资金.
BROKEN = variant("上年结转资金: 50,000.00", "上年结转资金: ５0,000.00")


def _collection(tmp_path: Path) -> Path:
    return write_collection(tmp_path / "c", {"01-a.yaml": BROKEN, "02-b.yaml": BROKEN})


def _contents(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir())}


def test_a_fixed_file_keeps_its_inode_mode_and_hard_links(tmp_path: Path) -> None:
    root = _collection(tmp_path)
    path = root / "01-a.yaml"
    path.chmod(0o640)
    link = tmp_path / "elsewhere.yaml"
    os.link(path, link)
    inode = path.stat().st_ino
    result = runner.invoke(cli.app, ["fix", str(root)])
    assert "改正了 2 个文件" in result.output, result.output
    assert path.read_text(encoding="utf-8") == CLEAN_PROJECT == link.read_text(encoding="utf-8")
    assert path.stat().st_ino == inode and path.stat().st_nlink == 2
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in root.iterdir()) == ["01-a.yaml", "02-b.yaml", "perfsheet.yaml"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root")
def test_a_fixed_file_keeps_its_owner(tmp_path: Path) -> None:
    root = _collection(tmp_path)
    path = root / "01-a.yaml"
    os.chown(path, 4242, 4343)
    runner.invoke(cli.app, ["fix", str(root)])
    assert path.read_text(encoding="utf-8") == CLEAN_PROJECT
    assert (path.stat().st_uid, path.stat().st_gid) == (4242, 4343)


def test_a_read_only_file_is_refused_and_nothing_is_changed(tmp_path: Path) -> None:
    root = _collection(tmp_path)
    (root / "02-b.yaml").chmod(0o444)
    before = _contents(root)
    result = runner.invoke(cli.app, ["fix", str(root)])
    assert result.exit_code == 1
    assert "error[E062]" in result.output and "02-b.yaml" in result.output
    assert _contents(root) == before, "all or nothing: the writable file is not changed either"
    assert "改正了 0 个文件" in result.output


def test_a_linked_project_file_is_never_written_through(tmp_path: Path) -> None:
    root = _collection(tmp_path)
    (root / "real.yml").write_text(BROKEN, encoding="utf-8")
    (root / "03-c.yaml").symlink_to("real.yml")
    before = _contents(root)
    result = runner.invoke(cli.app, ["fix", str(root)])
    assert "error[E067]" in result.output
    assert _contents(root) == before and (root / "03-c.yaml").is_symlink()


def test_an_edit_saved_between_read_and_write_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _collection(tmp_path)
    real = fix_module.fix_file
    saved = BROKEN + "# 刚在编辑器里保存的一行\n"

    def then_the_user_saves(path: Path, **options: bool) -> fix_module.FileFix:
        result = real(path, **options)
        if path.name == "02-b.yaml":
            path.write_text(saved, encoding="utf-8")
        return result

    monkeypatch.setattr(fixing, "fix_file", then_the_user_saves)
    result = runner.invoke(cli.app, ["fix", str(root)])
    assert "error[E063]" in result.output and "02-b.yaml" in result.output
    assert (root / "02-b.yaml").read_text(encoding="utf-8") == saved
    assert (root / "01-a.yaml").read_text(encoding="utf-8") == BROKEN, "all or nothing"


def test_into_never_pushes_a_file_past_the_read_limit(documents: dict[str, Path], tmp_path: Path) -> None:  # noqa: F811
    root = _collection_before_year_end(tmp_path / "2026")
    first = root / "01-科技工作者系列服务.yaml"
    text = first.read_text(encoding="utf-8")
    padding = MAX_FILE_BYTES - 1_000 - len(text.encode("utf-8"))
    first.write_text(text + "# " + "x" * padding + "\n", encoding="utf-8")
    assert "E001" not in [d.code for d in check_paths([root]).report.diagnostics], "readable before"
    before = _contents(root)
    result = runner.invoke(cli.app, ["import", str(documents["evaluation"]), "--into", str(root)])
    assert result.exit_code == 1
    assert "error[E064]" in result.stderr
    assert _contents(root) == before


# The child says when it is about to write its n-th file (the copies of the old bytes come first, one
# per file), then waits for the parent: the signal is sent at that very moment, never after a sleep.
ANNOUNCED = """\
import sys
from perfsheet.files import edits
real, count, at = edits._write_in_place, [0], int(sys.argv[1])
def announced(descriptor, data):
    count[0] += 1
    if count[0] == at:
        print("WRITING", flush=True)
        sys.stdin.readline()
    real(descriptor, data)
edits._write_in_place = announced
sys.argv = ["perfsheet", *sys.argv[2:]]
from perfsheet.cli import main
main()
"""


def _stopped(signum: int, at: int, *arguments: str) -> tuple[int, str]:
    """Run perfsheet, signal it as it is about to write its ``at``-th file; its exit code and stderr."""
    child = subprocess.Popen(
        [sys.executable, "-c", ANNOUNCED, str(at), *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stdin is not None and child.stderr is not None
    assert child.stdout.readline() == b"WRITING\n"
    child.send_signal(signum)
    if signum != signal.SIGKILL:
        child.stdin.write(b"go\n")
        child.stdin.flush()
    child.stdin.close()
    code = child.wait(timeout=60)
    stderr = child.stderr.read().decode("utf-8")
    child.stdout.close()
    child.stderr.close()
    return code, stderr


STOPS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]


@pytest.mark.parametrize("signum", STOPS, ids=lambda s: signal.Signals(s).name)
def test_fix_stopped_between_two_files_puts_the_first_back(signum: int, tmp_path: Path) -> None:
    root = _collection(tmp_path)
    before = _contents(root)
    # Two copies, the first file, then the second: stopped with the first file already changed.
    code, stderr = _stopped(signum, 4, "fix", str(root))
    assert code == 128 + signum, stderr
    assert "Traceback" not in stderr and "原有的文件保持不变" in stderr
    assert _contents(root) == before, "every file as it was, no copy left"


@pytest.mark.parametrize("signum", STOPS, ids=lambda s: signal.Signals(s).name)
def test_into_stopped_between_two_files_puts_the_first_back(
    signum: int,
    documents: dict[str, Path],  # noqa: F811
    tmp_path: Path,
) -> None:
    root = _collection_before_year_end(tmp_path / "2026")
    top = [row[:] for row in TOP]
    top[0][1] = "科技社团创新发展赋能计划"
    second = _handmade(tmp_path / "第二张.docx", top, INDICATORS)
    (root / "02-科技社团创新发展赋能计划.yaml").write_bytes(
        (root / "02-科技社团创新发展赋能计划.yaml").read_bytes().split("\n自评:\n".encode(), 1)[0] + b"\n"
    )
    before = _contents(root)
    code, stderr = _stopped(signum, 4, "import", str(documents["evaluation"]), str(second), "--into", str(root))
    assert code == 128 + signum, stderr
    assert "Traceback" not in stderr and "原有的文件保持不变" in stderr
    assert _contents(root) == before, "all three or none: none, and no copy left"


def test_what_a_sigkill_leaves_is_cleared_or_named_by_the_next_run(tmp_path: Path) -> None:
    root = _collection(tmp_path)
    # Killed as it is about to write the second file: the first is fixed, both copies are left.
    code, _stderr = _stopped(signal.SIGKILL, 4, "fix", str(root))
    assert code == -signal.SIGKILL
    left = sorted(p.name for p in root.iterdir() if p.name.startswith(".perfsheet-"))
    assert len(left) == 2
    # Never read as a project.
    assert all(not name.startswith(".perfsheet-") for name in (p.name for p in check_paths([root]).files))
    result = runner.invoke(cli.app, ["fix", str(root)])
    # The second file's copy equals the file: removed. The first's holds the bytes before the fix that
    # did happen: named, and kept.
    remaining = sorted(p.name for p in root.iterdir() if p.name.startswith(".perfsheet-"))
    assert len(remaining) == 1, result.output
    assert "warning[E065]" in result.output and remaining[0] in result.output and "01-a.yaml" in result.output
    assert (root / remaining[0]).read_text(encoding="utf-8") == BROKEN
    assert (root / "01-a.yaml").read_text(encoding="utf-8") == CLEAN_PROJECT
    assert (root / "02-b.yaml").read_text(encoding="utf-8") == CLEAN_PROJECT, "the next run fixes the second"


def test_a_file_that_cannot_be_put_back_keeps_its_copy_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from perfsheet.files import edits

    root = _collection(tmp_path)
    real, calls = edits._write_in_place, []

    def failing(descriptor: int, data: bytes) -> None:
        calls.append(data)
        # Two copies, the first file, then the second fails (disk full), and so does putting back the first.
        if len(calls) in (4, 5):
            raise OSError(errno.ENOSPC, "设备上没有空间")
        real(descriptor, data)

    monkeypatch.setattr(edits, "_write_in_place", failing)
    result = runner.invoke(cli.app, ["fix", str(root)])
    copies = [p for p in root.iterdir() if p.name.startswith(".perfsheet-")]
    assert len(copies) == 1 and copies[0].read_text(encoding="utf-8") == BROKEN
    assert "error[E066]" in result.output and copies[0].name in result.output and "01-a.yaml" in result.output
    assert (root / "02-b.yaml").read_text(encoding="utf-8") == BROKEN


# Stopped once every file is written: the message says the files are written, not that they are unchanged.
AFTER_WRITING = """\
import sys
from perfsheet.workspace import fixing
real = fixing.write_fixes
def announced(fixes):
    real(fixes)
    print("WRITTEN", flush=True)
    sys.stdin.readline()
fixing.write_fixes = announced
sys.argv = ["perfsheet", "fix", sys.argv[1]]
from perfsheet.cli import main
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=lambda s: signal.Signals(s).name)
def test_a_stop_after_the_files_are_written_says_so(signum: int, tmp_path: Path) -> None:
    root = _collection(tmp_path)
    child = subprocess.Popen(
        [sys.executable, "-c", AFTER_WRITING, str(root)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.readline() == b"WRITTEN\n"
    child.send_signal(signum)
    _out, err = child.communicate(b"go\n", timeout=60)
    stderr = err.decode("utf-8")
    assert child.returncode == 128 + signum, stderr
    assert "原有的文件保持不变" not in stderr and "已经全部写好" in stderr and "02-b.yaml" in stderr
    assert (root / "01-a.yaml").read_text(encoding="utf-8") == CLEAN_PROJECT
