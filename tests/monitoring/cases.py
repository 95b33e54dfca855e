"""The clean project of tests/conftest.py monitored at the end of July, every light green: computed by
hand in test_lights.py (budget 300,000 of 450,000 → 执行率 66.67 % ÷ 时间进度 7/12 → 114.29 %)."""

import shutil
from pathlib import Path

from tests.conftest import CLEAN_PROJECT, EXAMPLES

MONITORING = """\
监控:
  月份: 7
  执行数:
    当年财政拨款: 250,000.00
    上年结转资金: 50,000.00
    其他资金: 0
  全年预计执行数:
    当年财政拨款: 400,000.00
    上年结转资金: 50,000.00
    其他资金: 0
  执行情况: |
    1.已举办青年科技人才交流活动 1 场；
    2.论文评选已启动。
  指标:
    交流活动成本控制数: 20 万元
    青年科技人才交流活动举办完成数: 1 场
    优秀论文评选数: 0 篇
    论文评审通过率: 100%
    各项工作完成及时性: 及时
    青年科技人才参与人数增长率: 5%
    项目影响力: 较上年有所提升
    参会人员满意度:
      执行情况: 尚未调查
      全年预计: 92%
"""
MONITORED_PROJECT = CLEAN_PROJECT + MONITORING

M = MONITORED_PROJECT
# Review rules of the 监控 (tests/rules/test_review.py): the trigger, the line it reports at, a near miss.
MONITORING_CASES: dict[str, tuple[str, str, str]] = {
    "R420": (
        M.replace("      全年预计: 92%\n", "      全年预计: 85%\n"),
        "全年预计: 85%",
        M.replace("      全年预计: 92%\n", "      全年预计: 85%\n      偏差原因: 其他\n"),
    ),
    # 130,000 of 450,000 by July: 28.89 % ÷ 58.33 % = 49.52 % (red); 190,000 is 72.38 % (yellow).
    "R421": (
        M.replace("当年财政拨款: 250,000.00", "当年财政拨款: 80,000.00"),
        "  执行数:",
        M.replace("当年财政拨款: 250,000.00", "当年财政拨款: 140,000.00"),
    ),
    "R422": (
        M.replace("当年财政拨款: 400,000.00\n    上年结转资金: 50,000.00\n    其他资金: 0\n  执行情况",
                  "当年财政拨款: 410,000.00\n    上年结转资金: 50,000.00\n    其他资金: 0\n  执行情况"),
        "当年财政拨款: 410,000.00",
        M,
    ),
    # 10,000 spent of 其他资金, which has no budget (its forecast of 12,000 passes it too: R422, tests/rules).
    "R423": (
        M.replace("    上年结转资金: 50,000.00\n    其他资金: 0\n  全年预计执行数:\n",
                  "    上年结转资金: 50,000.00\n    其他资金: 10,000.00\n  全年预计执行数:\n")
         .replace("    其他资金: 0\n  执行情况", "    其他资金: 12,000.00\n  执行情况"),
        "其他资金: 10,000.00",
        M.replace("当年财政拨款: 250,000.00", "当年财政拨款: 400,000.00"),
    ),
    # 250,000 already spent, 240,000 expected for the year.
    "R424": (
        M.replace("当年财政拨款: 400,000.00\n    上年结转资金: 50,000.00\n    其他资金: 0\n  执行情况",
                  "当年财政拨款: 240,000.00\n    上年结转资金: 50,000.00\n    其他资金: 0\n  执行情况"),
        "当年财政拨款: 240,000.00",
        M.replace("当年财政拨款: 400,000.00\n    上年结转资金: 50,000.00\n    其他资金: 0\n  执行情况",
                  "当年财政拨款: 250,000.00\n    上年结转资金: 50,000.00\n    其他资金: 0\n  执行情况"),
    ),
}  # fmt: skip

# The first example project's 监控 at the end of July (examples/2026, before its 自评): one blue indicator,
# one red (explained), the money yellow; the documents read back in test_monitor.py.
EXAMPLE_MONITORING = """\
监控:
  月份: 7            # 1-7月
  执行数:            # 1-7月累计支出（元）
    当年财政拨款: 180,000.00
    上年结转资金: 0
    其他资金: 0
  全年预计执行数:
    当年财政拨款: 430,000.00
    上年结转资金: 0
    其他资金: 0
  执行情况: |
    1.已举办青年科技人才交流活动 2 场; 2.已组织采集小组骨干成员参加培训 2 次;
    3.采集小组均在访谈中, 1 个小组受访人健康原因暂停; 4.已拨付首期采集经费;
    5.人工智能青年优秀论文奖已开始征集。
  指标:              # 申报表的每个三级指标：1-7月完成值
    青年科技人才交流活动举办完成数: 2 场     # 年初按往年定 1 场，已办 2 场：蓝灯
    采集小组结题完成数:
      执行情况: 0 个
      全年预计: 2 个
      偏差原因: [人员保障, 其他]
      原因说明: 1 个采集小组的受访人因健康原因无法按期访谈，其余 2 个小组年底前结题
      完成目标可能性: 有可能
      纠偏措施: 调整访谈计划，申请延期至 2027 年 6 月结题
    评选出优秀论文奖、优秀论文提名奖完成数: 0 人
    结题通过率: 100%
    论文质量率: 100%
    各项工作完成及时性: 及时
    项目影响力提升情况:
      执行情况: 正在推进
      全年预计: 提升
    媒体报道增加情况:
      执行情况: 与上年同期持平
      全年预计: 较上年有所增加
    项目管理者满意度:
      执行情况: 年末调查
    科技工作者满意度:
      执行情况: 年末调查
"""


def monitored_examples(root: Path) -> Path:
    """A copy of the examples at ``root``: every project has its 监控 of 1-7月, the first one this one (the
    tests take it out or change it to see what import --into does)."""
    shutil.copytree(EXAMPLES, root)
    first = next(root.glob("01-*.yaml"))
    assert EXAMPLE_MONITORING in first.read_text(encoding="utf-8")
    return root
