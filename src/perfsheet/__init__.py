"""perfsheet: 财政项目支出绩效目标申报表 from YAML to Word."""

__version__ = "0.1.0"
