"""Coverage of competitions (DOMAIN §3), computed from the records, never typed in.

Over the units active in the year: how many take part in at least one of the year's competitions, the
same for above-scale units and for founded non-public units, and the employees taking part. A unit's
participating employees are its largest 参赛职工人数 in any one competition, never more than its
employees; 参与人次 adds every competition up. The indicators issue reuses these functions.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from .codes import NON_PUBLIC_CODES


@dataclass(frozen=True)
class Coverage:
    units: int
    units_in: int
    above_scale: int
    above_scale_in: int
    founded_non_public: int
    founded_non_public_in: int
    employees: int
    employees_in: int           # distinct participating employees (see the module's note)
    participant_times: int      # 参与职工人次

    @staticmethod
    def rate(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def unit_rate(self) -> float | None:
        return self.rate(self.units_in, self.units)

    @property
    def above_scale_rate(self) -> float | None:
        return self.rate(self.above_scale_in, self.above_scale)

    @property
    def non_public_rate(self) -> float | None:
        return self.rate(self.founded_non_public_in, self.founded_non_public)

    @property
    def employee_rate(self) -> float | None:
        return self.rate(self.employees_in, self.employees)

    def lines(self) -> list[tuple[str, str]]:
        """(indicator, "part / whole = rate") for showing."""
        def show(part: int, whole: int) -> str:
            r = self.rate(part, whole)
            return f"{part:,} / {whole:,} = {r:.1%}" if r is not None else f"{part:,} / 0（无）"

        return [
            ("企事业单位覆盖面", show(self.units_in, self.units)),
            ("规上企业参赛覆盖面", show(self.above_scale_in, self.above_scale)),
            ("已建会非公企业覆盖面", show(self.founded_non_public_in, self.founded_non_public)),
            ("职工参与率", show(self.employees_in, self.employees)),
            ("参与职工人次", f"{self.participant_times:,}"),
        ]


def coverage(db: Database, year: int, competition_id: int | None = None) -> Coverage:
    """The year's coverage, over all its competitions or one of them."""
    codes = ", ".join(f"'{c}'" for c in sorted(NON_PUBLIC_CODES))
    only = " AND c.id = :competition" if competition_id is not None else ""
    row = db.execute(f"""
        WITH base AS (
            SELECT u.id, coalesce(y.above_scale, 0) AS above,
                   (coalesce(y.union_founded, 0) = 1 AND u.category_code IN ({codes})) AS fnp,
                   coalesce(y.employees, 0) AS employees
            FROM units u LEFT JOIN unit_years y ON y.unit_id = u.id AND y.year = :year
            WHERE u.archived_at IS NULL),
        part AS (
            SELECT p.unit_id, max(coalesce(p.participants, 0)) AS most, sum(coalesce(p.participants, 0)) AS times
            FROM participations p JOIN competitions c ON c.id = p.competition_id
            WHERE c.year = :year{only} GROUP BY p.unit_id)
        SELECT count(*), count(part.unit_id), sum(above), sum(above AND part.unit_id IS NOT NULL),
               sum(fnp), sum(fnp AND part.unit_id IS NOT NULL), sum(employees),
               sum(min(coalesce(part.most, 0), employees)), sum(coalesce(part.times, 0))
        FROM base LEFT JOIN part ON part.unit_id = base.id""",
        {"year": year, "competition": competition_id}).fetchone()
    return Coverage(*(int(v or 0) for v in row))
