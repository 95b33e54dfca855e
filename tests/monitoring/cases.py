"""The clean project of tests/conftest.py monitored at the end of July, every light green: computed by
hand in test_lights.py (budget 300,000 of 450,000 → 执行率 66.67 % ÷ 时间进度 7/12 → 114.29 %)."""

from tests.conftest import CLEAN_PROJECT

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
}  # fmt: skip
