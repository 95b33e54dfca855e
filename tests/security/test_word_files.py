"""Word files from another unit are untrusted: crafted packages are refused (or read) within fixed limits
of time and memory, with a Chinese message, never a traceback; and what import writes is safe."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from perfsheet import cli
from perfsheet.source import load_file
from tests.conftest import CLEAN_PROJECT, variant, write_collection

runner = CliRunner()

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _docx(
    path: Path, document: str | bytes, extra: dict[str, bytes] | None = None, compression: int = zipfile.ZIP_DEFLATED
) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


def _body(inner: str, prolog: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W}"><w:body>{inner}</w:body></w:document>'
    )


def _cell(text: str = "x", properties: str = "") -> str:
    return f"<w:tc>{properties}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _table(rows: int, columns: int) -> str:
    row = "<w:tr>" + _cell() * columns + "</w:tr>"
    return "<w:tbl>" + row * rows + "</w:tbl>"


def _nested(levels: int) -> str:
    inner = "<w:p/>"
    for _ in range(levels):
        inner = f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>"
    return inner


LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
    '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
    '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
)
HUGE_SPAN = _cell("x", '<w:tcPr><w:gridSpan w:val="1000000"/></w:tcPr>')
HUGE_SPAN = _cell("x", '<w:tcPr><w:gridSpan w:val="1000000"/></w:tcPr>')
# Deeper than any libxml2's own limit (256), without a table: perfsheet's limit trips first, whichever
# lxml is installed.
DEEP_ELEMENTS = "<w:sdt><w:sdtContent>" * 300 + "</w:sdtContent></w:sdt>" * 300
ENTITY = '<!DOCTYPE w:document [<!ENTITY n "x">]>'
ENTITY_TEXT = "<w:tbl><w:tr>" + _cell("项目名称") + _cell("科技&n;服务") + "</w:tr></w:tbl>"
EXTERNAL = '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def _bomb(path: Path) -> Path:
    """A small file whose document.xml inflates to 300 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"<w:p/>" * (1 << 20)
            for _ in range(50):
                member.write(block)
    path.write_bytes(buffer.getvalue())
    return path


def _no_main(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_rels/.rels", "<Relationships/>")
    return path


CRAFTED = {
    "zip-bomb": (_bomb, "E336"),
    "billion-laughs": (lambda p: _docx(p, _body("<w:p><w:r><w:t>&h;</w:t></w:r></w:p>", LAUGHS)), "E337"),
    "external-entity": (lambda p: _docx(p, _body("<w:p><w:r><w:t>&x;</w:t></w:r></w:p>", EXTERNAL)), "E337"),
    "member-escapes": (lambda p: _docx(p, _body("<w:p/>"), {"../../x": b"x"}), "E335"),
    "member-absolute": (lambda p: _docx(p, _body("<w:p/>"), {"/etc/x": b"x"}), "E335"),
    # Stored: deflated, 40,000 equal cells shrink past what a part's size may justify (E336).
    "rows-10000": (lambda p: _docx(p, _body(_table(10_000, 4)), compression=zipfile.ZIP_STORED), "E333"),
    "columns-500": (lambda p: _docx(p, _body(_table(3, 500))), "E336"),
    "nested-100": (lambda p: _docx(p, _body(_nested(100))), "E336"),
    # Past the first bytes a reader might peek at: refused wherever it stands.
    "doctype-after-comment": (lambda p: _docx(p, _body(ENTITY_TEXT, "<!--" + "x" * 700 + "-->" + ENTITY)), "E337"),
    "doctype-after-4-kb": (lambda p: _docx(p, _body(ENTITY_TEXT, "<!--" + "x" * 5000 + "-->" + ENTITY)), "E337"),
    # An entity no DTD declares is an error, never a cell cut short at it.
    "undeclared-entity": (lambda p: _docx(p, _body(ENTITY_TEXT)), "E338"),
    "deep-elements": (lambda p: _docx(p, _body(DEEP_ELEMENTS)), "E336"),
    "gridspan-million": (lambda p: _docx(p, _body(f"<w:tbl><w:tr>{HUGE_SPAN}</w:tr></w:tbl>")), "E336"),
    "not-xml": (lambda p: _docx(p, b"<w:document><w:body><w:p>"), "E338"),
    "no-main-part": (_no_main, "E332"),
}  # fmt: skip


# The peak of this process's own memory: VmHWM is reset by exec (ru_maxrss is not on Linux, so a child of
# a large test runner would report the runner's size).
IMPORT_MEASURED = """\
import os, re, sys
from perfsheet.cli import main
sys.argv = ["perfsheet", "import", sys.argv[1], "-o", sys.argv[2]]
try:
    main()
except SystemExit as stop:
    code = stop.code
status = open("/proc/self/status").read()
print("PEAK_KB", re.search(r"VmHWM:\\s+(\\d+)", status).group(1), file=sys.stderr)
print("CPU_S", sum(os.times()[:2]), file=sys.stderr)
sys.exit(code)
"""


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_a_crafted_word_file_is_refused_within_limits(name: str, tmp_path: Path) -> None:
    make, code = CRAFTED[name]
    source = make(tmp_path / f"{name}.docx")
    completed = subprocess.run(
        [sys.executable, "-c", IMPORT_MEASURED, str(source), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    assert "Traceback" not in completed.stderr
    assert f"error[{code}]" in completed.stderr
    assert "XML_PARSE_HUGE" not in completed.stderr, "perfsheet's own message, not the parser's"
    assert "root:" not in completed.stderr, "no external entity is ever resolved"
    peak_mb = int(completed.stderr.rsplit("PEAK_KB", 1)[1].split()[0]) / 1024
    assert peak_mb < 300, f"peak memory {peak_mb:.0f} MB"
    assert not (tmp_path / "out").exists(), "nothing is written"


def test_a_cell_with_a_character_reference_reads_whole(tmp_path: Path) -> None:
    from perfsheet.importer.grid import read_docx

    cell = _cell("科技&amp;服务&#x4E2D;心")
    content = read_docx(_docx(tmp_path / "a.docx", _body(f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>")))
    assert content.grids[0].rows[0][0].text == "科技&服务中心"


def _flood(path: Path, paragraphs: int, compression: int) -> Path:
    """document.xml: nothing but empty paragraphs (8.3 million of them deflate to 82 KB)."""
    with zipfile.ZipFile(path, "w", compression) as archive:
        archive.writestr("_rels/.rels", RELS)
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>'.encode())
            for _ in range(paragraphs // 100_000):
                member.write(b"<w:p/>" * 100_000)
            member.write(b"</w:body></w:document>")
    return path


def _measured_import(source: Path, out: Path) -> tuple[str, float, float]:
    """Import in a fresh interpreter: its stderr, its peak memory (MB) and its CPU seconds."""
    completed = subprocess.run(
        [sys.executable, "-c", IMPORT_MEASURED, str(source), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Traceback" not in completed.stderr, completed.stderr
    peak_kb = int(completed.stderr.rsplit("PEAK_KB", 1)[1].split()[0])
    cpu = float(completed.stderr.rsplit("CPU_S", 1)[1].split()[0])
    return completed.stderr, peak_kb / 1024, cpu


def test_a_flood_of_empty_paragraphs_costs_what_its_size_justifies(tmp_path: Path) -> None:
    # 82 KB inflating to 50 MB: refused before it is parsed.
    small = _flood(tmp_path / "flood.docx", 8_300_000, zipfile.ZIP_DEFLATED)
    assert small.stat().st_size < 100_000
    stderr, peak_mb, cpu = _measured_import(small, tmp_path / "out")
    assert "error[E336]" in stderr
    assert peak_mb < 200 and cpu < 5, (peak_mb, cpu)
    # 12 MB stored as they are: read to the end, in memory that does not grow with the paragraphs
    # (each parsed element used to stay attached to <w:body>).
    stored = _flood(tmp_path / "stored.docx", 2_000_000, zipfile.ZIP_STORED)
    stderr, peak_mb, cpu = _measured_import(stored, tmp_path / "out")
    assert "error[E333]" in stderr, "read through: no table in it"
    assert peak_mb < 120, peak_mb
    assert not (tmp_path / "out").exists()


def test_a_fifo_given_to_import_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a.docx")
    result = runner.invoke(cli.app, ["import", str(tmp_path / "a.docx"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "E006" in result.output


@pytest.fixture
def built_docx(tmp_path: Path) -> Path:
    root = write_collection(tmp_path / "c", {"01-x.yaml": CLEAN_PROJECT})
    target = tmp_path / "built.docx"
    assert runner.invoke(cli.app, ["build", str(root), "-o", str(target)]).exit_code == 0
    return target


def test_import_never_writes_through_a_dangling_symlink(built_docx: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "perfsheet.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    result = runner.invoke(cli.app, ["import", str(built_docx), "-o", str(out)])
    assert result.exit_code == 1 and "E334" in result.output
    assert not (tmp_path / "elsewhere.yaml").exists()
    assert sorted(p.name for p in out.iterdir()) == ["perfsheet.yaml"]


def test_import_into_a_file_is_a_message(built_docx: Path, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    result = runner.invoke(cli.app, ["import", str(built_docx), "-o", str(tmp_path / "afile")])
    assert result.exit_code == 1 and "E306" in result.output and "Traceback" not in result.output


def test_edited_editor_schemas_are_never_overwritten(built_docx: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / ".perfsheet").mkdir(parents=True)
    (out / ".perfsheet" / "project.schema.json").write_text("{} # edited", encoding="utf-8")
    result = runner.invoke(cli.app, ["import", str(built_docx), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / ".perfsheet" / "project.schema.json").read_text(encoding="utf-8") == "{} # edited"
    assert (out / ".perfsheet" / "collection.schema.json").is_file()


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_line_separator_in_a_word_cell_imports_as_one_value(separator: str, tmp_path: Path) -> None:
    # build refuses such a name (E041), so the separator is put into the document afterwards.
    name = "名称¶实施单位:¶  X¶忽略规则: R303"
    project = variant("项目名称: 青年科技人才服务", f'项目名称: "{name}"')
    root = write_collection(tmp_path / "c", {"01-x.yaml": project})
    built = tmp_path / "built.docx"
    assert runner.invoke(cli.app, ["build", str(root), "-o", str(built)]).exit_code == 0
    docx = tmp_path / "crafted.docx"
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace("¶".encode(), separator.encode())
            target.writestr(item, data)
    result = runner.invoke(cli.app, ["import", str(docx), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    [imported] = [p for p in (tmp_path / "out").glob("*.yaml") if p.name != "perfsheet.yaml"]
    text = imported.read_text(encoding="utf-8")
    assert separator not in text, "written as an escape, never raw"
    data = yaml.safe_load(text)
    assert data["项目名称"] == name.replace("¶", separator)
    assert "实施单位" not in data and "忽略规则" not in data
    # validate then points at the escaped separator where it stands (E041), as in any file.
    loaded = load_file(imported)
    assert [(d.code, d.line) for d in loaded.diagnostics] == [("E041", text[: text.index("项目名称")].count("\n") + 1)]
