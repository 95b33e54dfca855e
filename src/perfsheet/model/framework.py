"""The indicator framework (一级 → 二级) and the vocabularies, read from ``schemas/``."""

from __future__ import annotations

from functools import cache

from pydantic import Field

from perfsheet.typed_data import DataModel, load_model


class Framework(DataModel):
    """``schemas/framework.yaml``: 一级 → 二级 names, the roles rules find the 一级 classes by, and the
    older names of 二级 classes."""

    levels: dict[str, tuple[str, ...]] = Field(alias="一级指标")
    # role (成本, 产出, 效益, 满意度) → the 一级指标 that plays it
    roles: dict[str, str] = Field(alias="角色")
    legacy_names: dict[str, str] = Field(default_factory=dict, alias="旧名称")
    # the 二级指标 whose targets may be dates, deadlines or periods
    timeliness: str = Field(alias="时效二级指标")

    @property
    def cost(self) -> str:
        return self.roles["成本"]

    @property
    def cost_word(self) -> str:
        """The word that marks a cost group filed under 产出 in older forms (成本)."""
        return next(role for role, level1 in self.roles.items() if level1 == self.cost)

    @property
    def output(self) -> str:
        return self.roles["产出"]

    @property
    def benefit(self) -> str:
        return self.roles["效益"]

    @property
    def satisfaction(self) -> str:
        return self.roles["满意度"]

    def parent_of(self, level2: str) -> str | None:
        """The 一级指标 that a 二级指标 belongs to, if any."""
        for level1, children in self.levels.items():
            if level2 in children:
                return level1
        return None

    @property
    def all_level2(self) -> list[str]:
        return [name for children in self.levels.values() for name in children]


@cache
def framework() -> Framework:
    return load_model("schemas", "framework.yaml", Framework)
