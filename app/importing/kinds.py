"""The kinds of list the program imports, each with its fields, its check and its write."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from . import figures, participants, people, plan, records, targets, units
from .mapping import Mapping, Target
from .reader import Sheet


@dataclass(frozen=True)
class ImportKind:
    key: str                  # units | people: the command line's word
    title: str                # 单位名单
    noun: str                 # 家单位
    targets: list[Target]
    needs: str                # what a header must have, for the message when none is found
    plan: Callable
    apply: Callable

    @property
    def labels(self) -> dict[str, str]:
        return {t.key: t.label for t in self.targets}

    def open(self, path: str | os.PathLike[str], sheet_name: str | None = None) -> tuple[Sheet, Mapping]:
        return plan.open_for_import(path, self.targets, self.needs, sheet_name)


KINDS = {
    "units": ImportKind("units", "单位名单", "家单位", units.TARGETS, units.NEEDS, units.plan_units,
                        units.apply_units),
    "people": ImportKind("people", "职工名单", "名职工", people.TARGETS, people.NEEDS, people.plan_people,
                         people.apply_people),
    "participants": ImportKind("participants", "参赛单位名单", "家参赛单位", participants.TARGETS,
                               participants.NEEDS, participants.plan_participants, participants.apply_participants),
    "figures": ImportKind("figures", "年度数据", "家单位的年度数据", figures.TARGETS, figures.NEEDS,
                          figures.plan_figures, figures.apply_figures),
    "innovations": ImportKind("innovations", "创新成果", "项创新成果", records.INNOVATION_TARGETS,
                              records.INNOVATION_NEEDS, records.plan_innovations, records.apply_innovations),
    "honors": ImportKind("honors", "推荐名单", "项推荐", records.HONOR_TARGETS, records.HONOR_NEEDS,
                         records.plan_honors, records.apply_honors),
    "targets": ImportKind("targets", "目标", "个目标", targets.TARGETS, targets.NEEDS, targets.plan_targets,
                          targets.apply_targets),
}
