"""Seed form 1 as plain layout data: every cell, span, merge and text, written from the seed document."""

from perfsheet.collection.loading import load_collection
from perfsheet.layout import form_table, layout_collection
from perfsheet.layout.blocks import Paragraph, Table
from perfsheet.layout.style import style
from tests.conftest import EXAMPLES

FUNDS, GOALS, INDICATORS = "项目\n资金\n（元）", "项目\n绩效\n目标", "绩效\n指标"
GOAL_1 = (
    "1.举办至少 1 场青年科技人才交流活动; 2.组织采集小组骨干成员参加甲方组织的培训; "
    "3.组织采集小组骨干成员参加甲方举办的采集工作交流会、中期评估和结项验收; "
    "4.按有关规定和程序分阶段向采集小组拨付采集经费; 5.承担部分会议的组织和会务工作; "
    "6.组织 2026 (第七届) 人工智能青年优秀论文奖评选活动, 最终评选出优秀论文奖不超过 10 篇、提名奖不超过 10 篇。 "
    "7.举办 1 场草坪音乐会。"
)

# (text, role, span, merge) for every cell of every row; "" merge is no vertical merge.
EXPECTED_FORM_1 = [
    [("项目名称", "label", 1, ""), ("科技工作者系列服务", "value", 2, ""), ("项目性质", "label", 1, ""),
     ("其他一次性项目", "value", 1, ""), ("项目类别", "label", 1, ""), ("特定目标类", "value", 1, "")],
    [("主管部门", "label", 1, ""), ("上海市科学技术协会", "value", 2, ""), ("实施单位", "label", 1, ""),
     ("上海市科学技术协会学会服务中心", "value", 3, "")],
    [("计划开始日期", "label", 1, ""), ("2026-01-01", "value", 2, ""), ("计划完成日期", "label", 1, ""),
     ("2026-12-31", "value", 3, "")],
    [(FUNDS, "label", 1, "restart"), ("项目资金总额：", "label", 1, ""), ("", "money", 1, ""),
     ("年度资金申请总额：", "label", 2, ""), ("450,000.00", "money", 2, "")],
    [("", "label", 1, "continue"), ("其中：财政资金", "label", 1, "restart"), ("", "money", 1, "restart"),
     ("其中：当年财政拨款", "label", 2, ""), ("450,000.00", "money", 2, "")],
    [("", "label", 1, "continue"), ("", "label", 1, "continue"), ("", "money", 1, "continue"),
     ("上年结转资金", "label", 2, ""), ("0.00", "money", 2, "")],
    [("", "label", 1, "continue"), ("其他资金", "label", 1, ""), ("", "money", 1, ""),
     ("其他资金", "label", 2, ""), ("0.00", "money", 2, "")],
    [(GOALS, "label", 1, "restart"), ("项目总目标", "label", 2, ""), ("年度总体目标", "label", 4, "")],
    [("", "label", 1, "continue"), ("", "goal", 2, ""), (GOAL_1, "goal", 4, "")],
    # The side label in the header's corner (it repeats with the header), a blank cell merged down each page.
    [(INDICATORS, "label", 1, ""), ("一级指标", "header", 1, ""), ("二级指标", "header", 1, ""),
     ("三级指标", "header", 2, ""), ("年度(/项目)指标值", "header", 2, "")],
    [("", "label", 1, "restart"), ("产出指标", "group", 1, "restart"), ("数量指标", "group", 1, "restart"),
     ("青年科技人才交流活动举办完成数", "name", 2, ""), ("≥1.00(场)", "target", 2, "")],
    [("", "label", 1, "continue"), ("", "group", 1, "continue"), ("", "group", 1, "continue"),
     ("采集小组结题完成数", "name", 2, ""), ("≥3.00(个)", "target", 2, "")],
    [("", "label", 1, "continue"), ("", "group", 1, "continue"), ("", "group", 1, "continue"),
     ("评选出优秀论文奖、优秀论文提名奖完成数", "name", 2, ""), ("≤10.00(人)", "target", 2, "")],
    [("", "label", 1, "continue"), ("", "group", 1, "continue"), ("质量指标", "group", 1, "restart"),
     ("结题通过率", "name", 2, ""), ("=100.00(%)", "target", 2, "")],
    [("", "label", 1, "continue"), ("", "group", 1, "continue"), ("", "group", 1, "continue"),
     ("论文质量率", "name", 2, ""), ("=100.00(%)", "target", 2, "")],
    [("", "label", 1, "continue"), ("", "group", 1, "continue"), ("时效指标", "group", 1, ""),
     ("各项工作完成及时性", "name", 2, ""), ("及时", "target", 2, "")],
    [("", "label", 1, "continue"), ("效益指标", "group", 1, "restart"), ("社会效益指标", "group", 1, "restart"),
     ("项目影响力提升情况", "name", 2, ""), ("提升", "target", 2, "")],
    [("", "label", 1, "continue"), ("", "group", 1, "continue"), ("", "group", 1, "continue"),
     ("媒体报道增加情况", "name", 2, ""), ("较上年有所增加", "target", 2, "")],
    [("", "label", 1, "continue"), ("满意度指标", "group", 1, "restart"),
     ("服务对象满意度指标", "group", 1, "restart"), ("项目管理者满意度", "name", 2, ""),
     ("≥90.00(%)", "target", 2, "")],
    [("", "label", 1, "continue"), ("", "group", 1, "continue"), ("", "group", 1, "continue"),
     ("科技工作者满意度", "name", 2, ""), ("≥90.00(%)", "target", 2, "")],
]  # fmt: skip


def _form_1() -> Table:
    collection = load_collection(EXAMPLES)
    _file, project = collection.valid_projects[0]
    return form_table(project, collection.department_for(project), collection.implementer_for(project))


def test_seed_form_1_cell_by_cell() -> None:
    table = _form_1()
    actual = [[(c.text, c.role, c.span, c.merge) for c in row.cells] for row in table.rows]
    assert actual == EXPECTED_FORM_1
    page = style().page
    assert sum(table.widths) == page.width - page.margin_left - page.margin_right, "the table fills the text width"


def test_only_the_goal_row_may_split() -> None:
    table = _form_1()
    assert [index for index, row in enumerate(table.rows) if row.can_split] == [8]


def test_the_rows_of_a_page_keep_together_and_the_header_repeats() -> None:
    table = _form_1()
    keep = [row.keep_with_next for row in table.rows[9:]]
    # The form fits on its page: every indicator row keeps with the next, so no renderer breaks earlier.
    assert keep == [True] * 10 + [False]
    assert [row.header for row in table.rows] == [False] * 9 + [True] + [False] * 10


def test_document_order_cover_then_one_form_per_project_on_a_new_page() -> None:
    document = layout_collection(load_collection(EXAMPLES))
    kinds = [type(b).__name__ + (":" + b.role if isinstance(b, Paragraph) else "") for b in document.blocks]
    assert kinds[:4] == ["Paragraph:cover_title", "Paragraph:note", "Table", "Paragraph:sentence"]
    assert kinds[4:] == ["Paragraph:title", "Paragraph:subtitle", "Table", "Paragraph:joint", "Table"] * 3
    breaks = [b.page_break_before for b in document.blocks if isinstance(b, Paragraph) and b.role == "title"]
    assert breaks == [True, True, True]
