"""The 监控表's definition (``templates/forms/monitoring.yaml``): a form like the 申报表 and the 自评表
(:class:`perfsheet.model.forms.FormDefinition`), with what only it has — the period 1-X月 in its labels,
how a tick is printed and read, and its cover 监控汇总表."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from pydantic import Field

from perfsheet.model.forms import FormDefinition
from perfsheet.typed_data import DataModel, load_model

# The placeholder of the period in a label (「{{ period }}执行数」 prints 「1-7月执行数」).
PERIOD = "period"


class MonitoringCover(DataModel):
    """The 监控汇总表: title and sentence (jinja2; the sentence counts the projects per light: light,
    count), its columns, and how its widths follow the content."""

    title: str = Field(description="标题（jinja2 模板，变量 unit、year）")
    sentence: str = Field(description="表下的总结句（jinja2 模板，变量 count、lights）")
    light_count: str = Field(description="总结句中每种灯的项目个数（jinja2，变量 light、count）")
    unit_note: str = Field(description="表上方的金额单位说明")
    total_label: str = Field(description="合计行的标签")
    widths: tuple[int, ...] = Field(description="各列宽度的起点（twip）")
    name_column: int = Field(ge=0, description="项目名称所在列（余下的宽度都给它）")
    fitted_columns: tuple[int, ...] = Field(description="按内容定宽的列")
    min_name_width: int = Field(gt=0, description="项目名称列的最小宽度")
    smallest_size: float = Field(gt=0, description="整表最小的字号（磅）")
    columns: tuple[str, ...] = Field(description="各列的表头，从左到右")


class MonitoringForm(FormDefinition):
    """The 监控表: a form definition whose texts may hold the period, plus its ticks and its cover."""

    period: str = Field(description="监控期间的写法（jinja2，变量 month），如「1-{{ month }}月」")
    tick: str = Field(description="勾选项前印的记号")
    tick_separator: str = Field(description="勾选项之间的分隔")
    ticks: tuple[str, ...] = Field(description="导入时认作「已勾选」的记号")
    cover: MonitoringCover = Field(description="监控汇总表")


@cache
def monitoring_form() -> MonitoringForm:
    return load_model("templates", "forms/monitoring.yaml", MonitoringForm)


def _filled(data: Any, change: Callable[[str], str]) -> Any:
    if isinstance(data, dict):
        return {
            key: change(value) if key == "text" and isinstance(value, str) and "{" in value else _filled(value, change)
            for key, value in data.items()
        }
    if isinstance(data, (list, tuple)):
        return [_filled(item, change) for item in data]
    return data


def with_texts(form: MonitoringForm, change: Callable[[str], str]) -> MonitoringForm:
    """The definition with every cell text that holds a placeholder passed through ``change`` (the layout
    fills the period of one month, the importer takes it out to compare labels)."""
    return MonitoringForm.model_validate(_filled(form.model_dump(), change))
