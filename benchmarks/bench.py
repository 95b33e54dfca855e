"""Benchmark: validate and build synthetic collections, each beside floors measured on the same files.

    python benchmarks/bench.py --sizes 100 1000 10000

Every measurement runs in a fresh interpreter, so its peak memory is its own; times exclude the
interpreter's start-up and imports (reported once, separately). Floors:
  (a) parse the files with libyaml's CSafeLoader and ``model_validate`` them, nothing else;
  (b) write the same document's XML strings straight into a zip.
Ratios, not only seconds: the machine is noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "2026"
SETTINGS = "年度: 2026\n编报单位: 上海市某某科技服务中心\n主管部门: 上海市某某局\n"
TOPICS = ["青年科技人才", "科普讲座", "学术年会", "社团党建", "创新大赛", "国际交流", "技术培训", "标准制定",
          "成果转化", "科技志愿服务", "学会能力提升", "决策咨询", "期刊出版", "科学传播", "人才举荐"]  # fmt: skip
ACTIVITIES = ["交流活动", "专题讲座", "培训班", "论坛", "调研", "评审会", "展览", "沙龙", "研讨会", "走访"]
UNITS = ["场", "次", "人次", "篇", "个", "项", "期", "份"]
STATES = ["及时", "有效提升", "较上年有所增加", "按时完成", "合理", "达标"]


def project_text(number: int, rng: random.Random, evaluated: bool = False, monitored: bool = False) -> str:
    """One realistic project: the seed's shapes, varied names, 6–20 indicators, a long goal text whose
    numbers the quantity indicators carry (as in a form that passes review)."""
    topic = rng.choice(TOPICS)
    amount = rng.randrange(20, 2000) * 1000
    fiscal = amount - rng.choice([0, 0, 0, 10000])
    count = rng.randint(6, 20)
    remaining = count - 4
    quantities = [
        (f"{rng.choice(ACTIVITIES)}{i + 1}", rng.randint(1, 30), rng.choice(UNITS))
        for i in range(max(1, remaining // 2))
    ]
    goal = "；".join(
        f"{i}.组织开展{activity}不少于 {n} {unit}，围绕{topic}聚焦服务能力提升，凝聚各方力量，共同推动高质量发展"
        for i, (activity, n, unit) in enumerate(quantities, start=1)
    )
    lines = [
        f"项目名称: {topic}项目{number:05d}",
        "项目性质: 其他一次性项目",
        "项目类别: 特定目标类",
        "计划开始日期: 2026-01-01",
        "计划完成日期: 2026-12-31",
        "项目资金:",
        "  项目资金总额:",
        "  财政资金:",
        "  其他资金:",
        "年度资金:",
        f"  年度资金申请总额: {amount:,.2f}",
        f"  当年财政拨款: {fiscal:,.2f}",
        f"  上年结转资金: {amount - fiscal:,.2f}",
        "  其他资金: 0",
        "项目总目标:",
        "年度总体目标: >-",
        *textwrap.wrap(goal, 60, initial_indent="  ", subsequent_indent="  "),
        "绩效指标:",
        "  成本指标:",
        "    经济成本指标:",
        f"      - {topic}成本控制数: ≤{amount / 10000 * 0.9:.2f}(万元)",
        "  产出指标:",
        "    数量指标:",
    ]
    lines += [f"      - {activity}完成数: ≥{n}.00({unit})" for activity, n, unit in quantities]
    pass_rate = rng.choice([95, 98, 100])
    lines += ["    质量指标:", f"      - {topic}验收合格率: ={pass_rate}.00(%)"]
    lines += ["    时效指标:", "      - 各项工作完成及时性: 及时", "  效益指标:", "    社会效益指标:"]
    benefits = max(1, remaining - len(quantities))
    states = [rng.choice(STATES) for _ in range(benefits)]
    lines += [f"      - {topic}影响力提升情况{i + 1}: {state}" for i, state in enumerate(states)]
    # Named for the project's own people, not the 服务对象满意度 of perfsheet new's template (R360).
    satisfaction = f"{topic}活动参与人员满意度"
    lines += ["  满意度指标:", "    服务对象满意度指标:", f"      - {satisfaction}: ≥{rng.choice([85, 90, 95])}.00(%)"]
    if evaluated:
        # The year-end 自评: spending a little under budget, one quantity missed with its reason.
        spent = fiscal - rng.randrange(0, 20) * 1000
        lines += [
            "自评:",
            "  全年执行数:",
            f"    当年财政拨款: {spent:,.2f}",
            f"    上年结转资金: {amount - fiscal:,.2f}",
            "    其他资金: 0",
            "  实际完成情况: 按计划完成各项工作。",
            "  指标:",
            f"    {topic}成本控制数: {amount / 10000 * 0.8:.2f} 万元",
        ]
        for index, (activity, n, unit) in enumerate(quantities):
            if index == 0 and n > 1:
                lines += [
                    f"    {activity}完成数:",
                    f"      实际完成值: {n - 1} {unit}",
                    "      偏差原因: 场地调整，延至次年",
                ]
            else:
                lines.append(f"    {activity}完成数: {n} {unit}")
        lines += [f"    {topic}验收合格率: {pass_rate}%", "    各项工作完成及时性: 及时"]
        lines += [f"    {topic}影响力提升情况{i + 1}: {state}" for i, state in enumerate(states)]
        lines.append(f"    {satisfaction}: 96%")
    if monitored:
        lines += monitoring_lines(rng, topic, amount, fiscal, quantities, states, satisfaction)
    return "\n".join(lines) + "\n"


def monitoring_lines(
    rng: random.Random,
    topic: str,
    amount: int,
    fiscal: int,
    quantities: list[tuple[str, int, str]],
    states: list[str],
    satisfaction: str,
) -> list[str]:
    """The mid-year 监控 of 1-7月: spending about on time, the first quantity behind (red, explained),
    the others pro rata on track, the yearly ones left to their forecast."""
    spent = fiscal * rng.randint(50, 70) // 100
    lines = [
        "监控:",
        "  月份: 7",
        "  执行数:",
        f"    当年财政拨款: {spent:,.2f}",
        f"    上年结转资金: {amount - fiscal:,.2f}",
        "    其他资金: 0",
        "  全年预计执行数:",
        f"    当年财政拨款: {fiscal:,.2f}",
        f"    上年结转资金: {amount - fiscal:,.2f}",
        "    其他资金: 0",
        "  执行情况: 按计划推进各项工作。",
        "  指标:",
        f"    {topic}成本控制数: {amount / 10000 * 0.5:.2f} 万元",
    ]
    for index, (activity, n, unit) in enumerate(quantities):
        if index == 0:
            lines += [
                f"    {activity}完成数:",
                f"      执行情况: 0 {unit}",
                f"      全年预计: {n} {unit}",
                "      偏差原因: [制度保障, 其他]",
                "      原因说明: 场地调整，下半年集中开展",
                "      完成目标可能性: 有可能",
                "      纠偏措施: 已落实场地，按月排期",
            ]
        else:
            lines.append(f"    {activity}完成数: {n * 7 // 12 + 1} {unit}")
    lines += [f"    {topic}验收合格率: 100%", "    各项工作完成及时性: 及时"]
    lines += [f"    {topic}影响力提升情况{i + 1}: {state}" for i, state in enumerate(states)]
    lines += [f"    {satisfaction}:", "      执行情况: 年末调查"]
    return lines


def generate(directory: Path, size: int, evaluated: bool = False, monitored: bool = False) -> None:
    rng = random.Random(size)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "perfsheet.yaml").write_text(SETTINGS, encoding="utf-8")
    for number in range(1, size + 1):
        text = project_text(number, rng, evaluated, monitored)
        (directory / f"{number:05d}-项目.yaml").write_text(text, encoding="utf-8")


def generate_large_project(directory: Path, phrases: int = 20_000, indicators: int = 10_000) -> Path:
    """One project file of about 1 MB: a goal with ``phrases`` number phrases and ``indicators``
    indicators carrying half of them (the rest are R350 warnings): every rule must stay linear."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "perfsheet.yaml").write_text(SETTINGS, encoding="utf-8")
    goal = "；".join(f"完成{n}场" for n in range(1, phrases + 1))
    lines = [
        "项目名称: 大型项目", "项目性质: 其他一次性项目", "项目类别: 特定目标类",
        "计划开始日期: 2026-01-01", "计划完成日期: 2026-12-31",
        "年度资金:", "  年度资金申请总额: 1000000", "  当年财政拨款: 1000000", "  上年结转资金: 0", "  其他资金: 0",
        "年度总体目标: |", f"  {goal}",
        "绩效指标:", "  产出指标:", "    数量指标:",
        *(f"      - 活动{n}完成数: ≥{2 * n} 场" for n in range(1, indicators + 1)),
        "  成本指标:", "    经济成本指标:", "      - 成本控制数: ≤100 万元",
        "  效益指标:", "    社会效益指标:", "      - 影响力: 有效提升",
        "  满意度指标:", "    服务对象满意度指标:", "      - 参与者满意度: ≥90%",
    ]  # fmt: skip
    path = directory / "01-大型项目.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# Each task runs in its own interpreter and prints {"seconds": …, "peak_mb": …}.
TASKS = {
    "import": """
import time; t = time.perf_counter()
import perfsheet.cli
seconds = time.perf_counter() - t
""",
    "validate": """
from perfsheet.rules.check import check_paths
import time; t = time.perf_counter()
result = check_paths([DIR])
seconds = time.perf_counter() - t
assert not result.report.has_errors, [d for d in result.report if d.severity == "error"][:3]
""",
    "validate_large": """
from perfsheet.rules.check import check_paths
import time; t = time.perf_counter()
result = check_paths([DIR])
seconds = time.perf_counter() - t
assert not result.report.has_errors, [d for d in result.report if d.severity == "error"][:3]
""",
    "import_docx": """
from perfsheet.importer import import_docx
import time; t = time.perf_counter()
result = import_docx(OUT)
seconds = time.perf_counter() - t
assert result.imported == result.forms > 0, [d.message for d in result.diagnostics][:3]
""",
    "build": """
from perfsheet.documents.build import build
import time; t = time.perf_counter()
result = build(DIR, OUT)
seconds = time.perf_counter() - t
assert result.docx is not None
""",
    "evaluate": """
from perfsheet.documents.evaluate import evaluate
import time; t = time.perf_counter()
result = evaluate(DIR, OUT)
seconds = time.perf_counter() - t
assert result.docx is not None, [d.message for d in result.check.report][:3]
""",
    "export_xlsx": """
from perfsheet.spreadsheet.export import export
import time; t = time.perf_counter()
result = export([DIR], OUT)
seconds = time.perf_counter() - t
assert result.path is not None, [d.message for d in result.check.report][:3]
""",
    "import_xlsx": """
from perfsheet.spreadsheet.reading import import_workbook
import time; t = time.perf_counter()
result = import_workbook(OUT)
files = result.files()
seconds = time.perf_counter() - t
assert result.projects > 0 and not result.diagnostics, [d.message for d in result.diagnostics][:3]
""",
    "monitor": """
from perfsheet.documents.monitor import monitor
import time; t = time.perf_counter()
result = monitor(DIR, OUT)
seconds = time.perf_counter() - t
assert result.docx is not None, [d.message for d in result.check.report][:3]
""",
    "floor_a": """
import yaml
from perfsheet.model import Project
loader = yaml.CSafeLoader
files = sorted(p for p in DIR.glob("*.yaml") if p.name != "perfsheet.yaml")
import time; t = time.perf_counter()
for path in files:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    # CSafeLoader types scalars itself: give pydantic the strings it expects, as the floor's only extra step.
    data["计划开始日期"] = str(data["计划开始日期"]); data["计划完成日期"] = str(data["计划完成日期"])
    data["年度资金"] = {k: str(v) for k, v in data["年度资金"].items()}
    Project.model_validate(data)
seconds = time.perf_counter() - t
""",
    "floor_b": """
import zipfile
from perfsheet.collection.loading import load_collection
from perfsheet.layout import layout_collection
from perfsheet.docx import document_parts
parts = document_parts(layout_collection(load_collection(DIR)), "t")
import time; t = time.perf_counter()
with zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as archive:
    for name, text in parts.items():
        archive.writestr(name, text)
seconds = time.perf_counter() - t
""",
}

# Where validate's time goes, by stage: each function's own time in the profile, summed by package.
PROFILE = """
import cProfile, json, pstats, sys
from pathlib import Path
from perfsheet.rules.check import check_paths
profiler = cProfile.Profile()
profiler.enable()
check_paths([Path(sys.argv[1])])
profiler.disable()
stages = {}
for (filename, _line, _name), (_calls, _total, own, _cumulative, _callers) in pstats.Stats(profiler).stats.items():
    if "/perfsheet/" in filename:
        stage = "perfsheet." + filename.split("/perfsheet/", 1)[1].split("/")[0].removesuffix(".py")
    elif "/site-packages/" in filename:
        stage = filename.split("/site-packages/", 1)[1].split("/")[0].removesuffix(".py")
    else:
        stage = "python and C built-ins"
    stages[stage] = stages.get(stage, 0.0) + own
print(json.dumps(stages))
"""


def profile_stages(directory: Path) -> None:
    """Print where validate's time goes, stage by stage (a profile slows everything alike: shares, not seconds)."""
    completed = subprocess.run(
        [sys.executable, "-c", PROFILE, str(directory)], capture_output=True, text=True, check=True, timeout=600
    )
    stages: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    total = sum(stages.values())
    shares = sorted(stages.items(), key=lambda item: -item[1])[:10]
    print(
        "validate's time by stage (profile, share of the total): "
        + ", ".join(f"{stage} {seconds / total:.0%}" for stage, seconds in shares)
    )


FOOTER = """
import json, resource
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_task(task: str, directory: Path, output: Path) -> dict[str, float]:
    code = f"from pathlib import Path\nDIR = Path({str(directory)!r})\nOUT = Path({str(output)!r})\n"
    code += textwrap.dedent(TASKS[task]) + FOOTER
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"{task} failed:\n{completed.stderr}")
    result: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def best_of(task: str, directory: Path, output: Path, repeat: int) -> dict[str, float]:
    runs = [run_task(task, directory, output) for _ in range(repeat)]
    return {"seconds": min(r["seconds"] for r in runs), "peak_mb": max(r["peak_mb"] for r in runs)}


# Whole process, seen from outside: each command beside its floor, alternated, medians (targets of the
# issue "speed to the floor"; enforced with --enforce, since only a quiet machine gives them meaning).
PARSE_FLOOR = """
import sys, yaml
from pathlib import Path
loader = yaml.CSafeLoader
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=loader)
"""
# The parse floor, plus rewriting the same .docx's XML into a zip (what build must do at the least).
BUILD_FLOOR = (
    PARSE_FLOOR
    + """
import zipfile
with zipfile.ZipFile(sys.argv[2]) as source, zipfile.ZipFile(sys.argv[3], "w", zipfile.ZIP_DEFLATED) as target:
    for info in source.infolist():
        target.writestr(info.filename, source.read(info.filename))
"""
)
IMPORT_FLOOR = "import yaml, pydantic, typer"
# What any typer command with an argument costs, for reference beside the start-up targets: typer (0.29
# on) coerces every argument through a pydantic TypeAdapter, so the first one builds pydantic's schema
# machinery, which IMPORT_FLOOR does not load.
BARE_TYPER = """
import typer
app = typer.Typer()
@app.command()
def validate(paths: list[str]) -> None: pass
@app.command()
def other() -> None: pass
app()
"""
WHOLE_TARGETS = {"validate": 2.0, "build": 2.0}
ABSOLUTE_TARGETS = {"--help": 0.12, "validate of the examples": 0.15}
# The absolute targets were set on a machine where IMPORT_FLOOR took this long; on another machine they
# scale with its own import floor, measured beside them (a slower machine cannot import faster).
TARGETS_IMPORT_FLOOR = 0.09


def perfsheet_command() -> list[str]:
    script = Path(sys.executable).parent / "perfsheet"
    return [str(script)] if script.exists() else [sys.executable, "-m", "perfsheet"]


def timed(command: list[str], cwd: Path) -> float:
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=environment, capture_output=True, check=False, timeout=600)
    return time.perf_counter() - start


def whole_process(work: Path, rounds: int) -> list[str]:
    """The whole-process table; returns the targets missed."""
    # As installed: pip compiles the package; an editable checkout compiles on first import.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__file__).resolve().parent.parent / "src")])
    collection = work / "whole1000"
    generate(collection, 1000)
    perfsheet = perfsheet_command()
    built, again = work / "whole.docx", work / "whole-floor.docx"
    python = [sys.executable, "-c"]
    pairs = {
        "validate": (
            [*perfsheet, "validate", str(collection)],
            [*python, PARSE_FLOOR, str(collection)],
        ),
        "build": (
            [*perfsheet, "build", str(collection), "-o", str(built)],
            [*python, BUILD_FLOOR, str(collection), str(built), str(again)],
        ),
        "--help": ([*perfsheet, "--help"], [*python, IMPORT_FLOOR]),
        "validate of the examples": (
            [*perfsheet, "validate", str(EXAMPLES)],
            [*python, IMPORT_FLOOR],
        ),
    }
    timed(pairs["build"][0], work)  # the floor rewrites build's own output
    times: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in pairs}
    bare: list[float] = []
    for _round in range(rounds):
        for name, (command, floor) in pairs.items():
            times[name][0].append(timed(command, work))
            times[name][1].append(timed(floor, work))
        bare.append(timed([*python, BARE_TYPER, "validate", str(EXAMPLES)], work))
    print(f"\nwhole process, 1,000 projects (medians of {rounds}, each command alternated with its floor):")
    print(f"{'':>26} | {'perfsheet s':>11} | {'floor s':>8} | {'ratio':>5} | target")
    misses = []
    import_floor = statistics.median(times["--help"][1] + times["validate of the examples"][1])
    scale = max(1.0, import_floor / TARGETS_IMPORT_FLOOR)
    for name, (own_times, floor_times) in times.items():
        mine, base = statistics.median(own_times), statistics.median(floor_times)
        if name in WHOLE_TARGETS:
            target = f"≤ {WHOLE_TARGETS[name]:.1f}× floor"
            if mine / base > WHOLE_TARGETS[name]:
                misses.append(f"{name} of 1,000 projects is {mine / base:.2f}× its floor, target {target}")
        else:
            limit = ABSOLUTE_TARGETS[name] * scale
            target = f"≤ {limit:.3f} s ({ABSOLUTE_TARGETS[name]:.2f} s × {scale:.2f})"
            if mine > limit:
                misses.append(f"{name} takes {mine:.3f} s whole process, target {target}")
        print(f"{name:>26} | {mine:>11.3f} | {base:>8.3f} | {mine / base:>5.2f} | {target}")
    print(
        f"absolute targets × {scale:.2f}: this machine's import floor is {import_floor:.3f} s, "
        f"the targets' machine's {TARGETS_IMPORT_FLOOR:.2f} s"
    )
    print(
        f"floors: validate reads the files with CSafeLoader; build adds rewriting the .docx; the others: {IMPORT_FLOOR}"
    )
    examples, bare_typer = statistics.median(times["validate of the examples"][0]), statistics.median(bare)
    budget = (ABSOLUTE_TARGETS["validate of the examples"] - TARGETS_IMPORT_FLOOR) * scale
    print(
        f"for reference, a bare typer command given one argument: {bare_typer:.3f} s (typer parses arguments "
        f"with pydantic); validate of the examples takes {examples - bare_typer:.3f} s more "
        f"(the target leaves {budget:.3f} s above the import floor)"
    )
    profile_stages(collection)
    return misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs for each measurement")
    parser.add_argument("--enforce", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--whole", action="store_true", help="only the whole-process table")
    args = parser.parse_args()

    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="perfsheet-bench-") as work:
        startup = best_of("import", Path(work), Path(work) / "x.docx", args.repeat)
        print(f"import perfsheet.cli: {startup['seconds']:.3f} s (once per command, not in the figures below)\n")
        if args.whole:
            misses = whole_process(Path(work), args.repeat)
            print("\n".join(f"MISSED: {m}" for m in misses) if misses else "all targets met")
            return 1 if misses and args.enforce else 0
        header = (
            f"{'projects':>8} | {'validate s':>10} | {'floor a s':>9} | {'ratio':>5} | {'build s':>8} | "
            f"{'a+b s':>7} | {'ratio':>5} | {'build peak MB':>13}"
        )
        print(header)
        print("-" * len(header))
        misses = []
        for size in args.sizes:
            directory = Path(work) / f"c{size}"
            generate(directory, size)
            out = Path(work) / f"out{size}.docx"
            repeat = args.repeat if size <= 1000 else 1
            validate = best_of("validate", directory, out, repeat)
            floor_a = best_of("floor_a", directory, out, repeat)
            build = best_of("build", directory, out, repeat)
            floor_b = best_of("floor_b", directory, out, repeat)
            validate_ratio = validate["seconds"] / floor_a["seconds"]
            build_ratio = build["seconds"] / (floor_a["seconds"] + floor_b["seconds"])
            print(
                f"{size:>8} | {validate['seconds']:>10.3f} | {floor_a['seconds']:>9.3f} | {validate_ratio:>5.2f} | "
                f"{build['seconds']:>8.3f} | {floor_a['seconds'] + floor_b['seconds']:>7.3f} | {build_ratio:>5.2f} | "
                f"{build['peak_mb']:>13.0f}"
            )
            if size >= 1000 and validate_ratio > 1.5:
                misses.append(f"validate of {size} projects is {validate_ratio:.2f}× floor (a), target 1.5×")
            if size == 1000 and build_ratio > 2.0:
                misses.append(f"build of {size} projects is {build_ratio:.2f}× floor (a)+(b), target 2×")
            if size >= 10000 and build["peak_mb"] >= 1024:
                misses.append(f"build of {size} projects peaks at {build['peak_mb']:.0f} MB, target < 1 GB")
        # evaluate beside build, on the same 1,000 projects with their 自评.
        scored = Path(work) / "evaluate1000"
        generate(scored, 1000, evaluated=True)
        build_scored = best_of("build", scored, Path(work) / "declared.docx", repeat)
        evaluate_run = best_of("evaluate", scored, Path(work) / "evaluated.docx", repeat)
        evaluate_ratio = evaluate_run["seconds"] / build_scored["seconds"]
        print(
            f"\nevaluate of 1,000 projects with 自评: {evaluate_run['seconds']:.2f} s "
            f"(build of the same {build_scored['seconds']:.2f} s, {evaluate_ratio:.2f}×), "
            f"peak {evaluate_run['peak_mb']:.0f} MB"
        )
        if evaluate_ratio > 1.5:
            misses.append(f"evaluate of 1,000 projects is {evaluate_ratio:.2f}× their build, target 1.5×")
        # monitor beside build, on the same 1,000 projects with their 监控.
        watched = Path(work) / "monitor1000"
        generate(watched, 1000, monitored=True)
        build_watched = best_of("build", watched, Path(work) / "watched-declared.docx", repeat)
        monitor_run = best_of("monitor", watched, Path(work) / "monitored.docx", repeat)
        monitor_ratio = monitor_run["seconds"] / build_watched["seconds"]
        print(
            f"monitor of 1,000 projects with 监控: {monitor_run['seconds']:.2f} s "
            f"(build of the same {build_watched['seconds']:.2f} s, {monitor_ratio:.2f}×), "
            f"peak {monitor_run['peak_mb']:.0f} MB"
        )
        if monitor_ratio > 1.3:
            misses.append(f"monitor of 1,000 projects is {monitor_ratio:.2f}× their build, target 1.3×")
        # import reads build's own output back: 1,000 forms, and one form of 2,000 indicators.
        thousand = Path(work) / "import1000"
        generate(thousand, 1000)
        build_run = best_of("build", thousand, Path(work) / "import1000.docx", 1)
        read_back = best_of("import_docx", thousand, Path(work) / "import1000.docx", 1)
        single = Path(work) / "import2000"
        generate_large_project(single, phrases=10, indicators=2000)
        best_of("build", single, Path(work) / "import2000.docx", 1)
        read_single = best_of("import_docx", single, Path(work) / "import2000.docx", 1)
        print(
            f"\nimport of build's output: 1,000 projects {read_back['seconds']:.2f} s "
            f"(build {build_run['seconds']:.2f} s), peak {read_back['peak_mb']:.0f} MB; "
            f"one project of 2,000 indicators {read_single['seconds']:.2f} s"
        )
        if read_single["seconds"] > 5:
            misses.append(f"import of a 2,000-indicator form takes {read_single['seconds']:.2f} s")
        # import reads evaluate's output back too: 1,000 自评表, each also checked against its own scores.
        read_evaluated = best_of("import_docx", scored, Path(work) / "evaluated.docx", 1)
        evaluated_ratio = read_evaluated["seconds"] / read_back["seconds"]
        print(
            f"import of evaluate's output: 1,000 自评表 {read_evaluated['seconds']:.2f} s "
            f"({evaluated_ratio:.2f}× the 1,000 申报表), peak {read_evaluated['peak_mb']:.0f} MB"
        )
        if evaluated_ratio > 2.5:
            misses.append(f"import of 1,000 自评表 is {evaluated_ratio:.2f}× that of 1,000 申报表, target 2.5×")
        # The workbook of the same 1,000 projects with their 自评: export (validation included) and import.
        workbook = Path(work) / "evaluated.xlsx"
        exported = best_of("export_xlsx", scored, workbook, 1)
        imported = best_of("import_xlsx", scored, workbook, 1)
        print(
            f"workbook of 1,000 projects with 自评 ({workbook.stat().st_size / 1e6:.2f} MB): "
            f"export {exported['seconds']:.2f} s (validate included), import {imported['seconds']:.2f} s, "
            f"peak {max(exported['peak_mb'], imported['peak_mb']):.0f} MB"
        )
        large = Path(work) / "large"
        size_bytes = generate_large_project(large).stat().st_size
        large_run = best_of("validate_large", large, Path(work) / "large.docx", 1)
        print(
            f"\none project of {size_bytes / 1e6:.2f} MB (20,000 goal phrases, 10,000 indicators): "
            f"validate {large_run['seconds']:.2f} s, peak {large_run['peak_mb']:.0f} MB"
        )
        if large_run["seconds"] > 3:
            misses.append(f"validate of a 1 MB project takes {large_run['seconds']:.2f} s, target < 3 s")
        misses += whole_process(Path(work), args.repeat)
        print()
        print("\n".join(f"MISSED: {m}" for m in misses) if misses else "all targets met")
    return 1 if misses and args.enforce else 0


if __name__ == "__main__":
    sys.exit(main())
