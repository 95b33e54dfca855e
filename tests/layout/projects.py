"""Projects that stretch the pages: a 10-indicator project with its 自评 (the 自评表 just overflows one
page) and a long one (a 30-line goal, 45 indicators: the 申报表 runs over several pages, groups continue
across page breaks). Generated, the same every run."""

from __future__ import annotations

from tests.conftest import CLEAN_PROJECT

SETTINGS = "年度: 2026\n编报单位: 上海市某某科技服务中心\n主管部门: 上海市某某局\n"

# (一级, 二级, name, target, actual): units in brackets that a narrow column would break.
TEN = [
    ("成本指标", "经济成本指标", "活动经费成本控制数", "≤25.00(万元)", "24.10 万元"),
    ("产出指标", "数量指标", "科普设备采购完成数", "=12.00(台套)", "12 台套"),
    ("产出指标", "数量指标", "青年科技人才交流活动举办完成数", "≥4.00(场)", "4 场"),
    ("产出指标", "数量指标", "专题培训参训人数", "≥300.00(人次)", "320 人次"),
    ("产出指标", "质量指标", "课题结题验收通过率", "=100.00(%)", "100%"),
    ("产出指标", "质量指标", "设备验收合格率", "=100.00(%)", "100%"),
    ("产出指标", "时效指标", "各项工作完成及时性", "及时", "及时"),
    ("效益指标", "社会效益指标", "青年科技人才参与人数增长率", "≥10.00(%)", "12%"),
    ("效益指标", "社会效益指标", "项目影响力提升情况", "有效提升", "有效提升"),
    ("满意度指标", "服务对象满意度指标", "参会人员满意度", "≥90.00(%)", "93%"),
]


def _head(name: str) -> str:
    """The clean project's first lines (name, kind, dates, the whole project's blank funds) for ``name``,
    a recurring project."""
    head = CLEAN_PROJECT[: CLEAN_PROJECT.index("年度资金:")]
    return head.replace("青年科技人才服务", name).replace("其他一次性项目", "经常性项目")


TEN_PROJECT = """\
{head}年度资金:
  年度资金申请总额: 12,345,678.00
  当年财政拨款: 12,000,000.00
  上年结转资金: 300,000.00
  其他资金: 45,678.00
项目总目标:
年度总体目标: |
  1.举办青年科技人才交流活动 4 场，专题培训不少于 300 人次；
  2.采购科普设备 12 台套，全部通过验收。
绩效指标:
{indicators}自评:
  全年执行数:
    当年财政拨款: 11,500,000.00
    上年结转资金: 300,000.00
    其他资金: 45,678.00
  实际完成情况: 按计划完成各项工作。
  指标:
{results}"""


def _indicator_lines(rows: list[tuple[str, str, str, str]]) -> str:
    lines: list[str] = []
    level1 = level2 = None
    for one, two, name, target in rows:
        if one != level1:
            lines.append(f"  {one}:")
            level1, level2 = one, None
        if two != level2:
            lines.append(f"    {two}:")
            level2 = two
        lines.append(f"      - {name}: {target}")
    return "\n".join(lines) + "\n"


def ten_indicator_project() -> str:
    """The 10-indicator project with its 自评: every target met but the first quantity's unit."""
    results = "".join(f"    {name}: {actual}\n" for _one, _two, name, _target, actual in TEN)
    return TEN_PROJECT.format(
        head=_head("青年科技人才服务与科普设备更新"),
        indicators=_indicator_lines([row[:4] for row in TEN]),
        results=results,
    )


def long_project() -> str:
    """A 30-line goal and 45 indicators in groups of several rows, so that page breaks fall inside them."""
    goal = "\n".join(
        f"  {n}.组织开展第 {n} 项科技服务工作，围绕青年科技人才培养聚焦服务能力提升，凝聚各方力量共同推动发展；"
        for n in range(1, 31)
    )
    rows: list[tuple[str, str, str, str]] = [("成本指标", "经济成本指标", "项目成本控制数", "≤1200.00(万元)")]
    rows += [("产出指标", "数量指标", f"第{n}项科技服务活动完成数", f"≥{n}.00(场)") for n in range(1, 19)]
    rows += [("产出指标", "质量指标", f"第{n}项工作验收合格率", "=100.00(%)") for n in range(1, 9)]
    rows += [("产出指标", "时效指标", f"第{n}项工作完成及时性", "及时") for n in range(1, 5)]
    rows += [("效益指标", "社会效益指标", f"第{n}项服务影响力提升情况", "有效提升") for n in range(1, 10)]
    rows += [("满意度指标", "服务对象满意度指标", f"第{n}类服务对象满意度", "≥90.00(%)") for n in range(1, 6)]
    assert len(rows) == 45
    return f"""\
{_head("青年科技人才服务综合项目")}年度资金:
  年度资金申请总额: 12,345,678.00
  当年财政拨款: 12,345,678.00
  上年结转资金: 0
  其他资金: 0
项目总目标:
年度总体目标: |
{goal}
绩效指标:
{_indicator_lines(rows)}"""


MONITORING = """\
监控:
  月份: 7
  执行数:
    当年财政拨款: 10,500,000.00
    上年结转资金: 300,000.00
    其他资金: 0
  全年预计执行数:
    当年财政拨款: 12,000,000.00
    上年结转资金: 300,000.00
    其他资金: 45,678.00
  执行情况: 按计划推进各项工作。
  指标:
{progress}"""


def ten_monitored_project() -> str:
    """The 10-indicator project with its mid-year 监控 (amounts over ten million, the targets' units in
    brackets): what the 监控表's narrow columns would break."""
    progress = "".join(f"    {name}: {actual}\n" for _one, _two, name, _target, actual in TEN)
    return ten_indicator_project() + MONITORING.format(progress=progress)
