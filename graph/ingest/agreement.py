"""Agreement between two codings of one document: Cohen's kappa and Krippendorff's alpha,
per code and overall, and the statements where the coders differ.

Each statement of the document is a unit; for each code, each coder either applied it to the
statement or did not (a binary, nominal judgement; a statement no coder coded counts as "not
applied" by both). Per code, the two coders' judgements over the units make a 2x2 table;
*overall* pools the tables of every code either coder used.

- Cohen's kappa: ``(p_o - p_e) / (1 - p_e)``, ``p_o`` the share of units where the coders
  agree, ``p_e`` the agreement expected from each coder's own rate of applying the code.
- Krippendorff's alpha (nominal, two coders, no missing value): ``1 - (n - 1) * D / (2 n_0
  n_1)``, with ``n`` the number of values (twice the units), ``n_1``/``n_0`` the values
  "applied"/"not applied" and ``D`` the number of ordered disagreeing pairs (twice the
  units where the coders differ).

Both are undefined (``None``) when the coders never vary (every value the same).

Examples
--------
>>> a = {f"s{i}": {"topic:x"} if i <= 5 else set() for i in range(1, 11)}
>>> b = {f"s{i}": {"topic:x"} if i in (1, 2, 3, 4, 6) else set() for i in range(1, 11)}
>>> result = agreement(a, b)
>>> round(result.overall.kappa, 3), round(result.overall.alpha, 3)
(0.6, 0.62)
>>> [d.statement for d in result.differences]
['s5', 's6']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["Agreement", "CodeAgreement", "Difference", "agreement", "table_scores"]


@dataclass(frozen=True)
class CodeAgreement:
    """Agreement on one code (or pooled over all): the 2x2 counts and both statistics."""

    code: str
    both: int
    only_a: int
    only_b: int
    neither: int
    kappa: float | None
    alpha: float | None

    @property
    def units(self) -> int:
        return self.both + self.only_a + self.only_b + self.neither

    @property
    def observed(self) -> float:
        """The share of units the coders agree on."""
        return (self.both + self.neither) / self.units if self.units else 1.0


@dataclass(frozen=True)
class Difference:
    """A statement the coders coded differently."""

    statement: str
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]


@dataclass(frozen=True)
class Agreement:
    """Per-code and overall agreement, and the statements that differ."""

    units: int
    codes: tuple[CodeAgreement, ...]
    overall: CodeAgreement
    differences: tuple[Difference, ...]


def table_scores(
    both: int, only_a: int, only_b: int, neither: int
) -> tuple[float | None, float | None]:
    """Cohen's kappa and Krippendorff's alpha of a 2x2 table (``None`` when undefined).

    >>> table_scores(4, 1, 1, 4)
    (0.6, 0.62)
    >>> table_scores(0, 0, 0, 10)
    (None, None)
    """
    units = both + only_a + only_b + neither
    if units == 0:
        return None, None
    p_o = (both + neither) / units
    rate_a, rate_b = (both + only_a) / units, (both + only_b) / units
    p_e = rate_a * rate_b + (1 - rate_a) * (1 - rate_b)
    kappa = None if p_e == 1 else (p_o - p_e) / (1 - p_e)
    n = 2 * units
    n_1 = 2 * both + only_a + only_b
    n_0 = n - n_1
    disagreeing = 2 * (only_a + only_b)
    alpha = None if n_0 == 0 or n_1 == 0 else 1 - (n - 1) * disagreeing / (2 * n_0 * n_1)
    return (None if kappa is None else round(kappa, 12)), (
        None if alpha is None else round(alpha, 12)
    )


def _score(code: str, pairs: Iterable[tuple[bool, bool]]) -> CodeAgreement:
    counts = [0, 0, 0, 0]
    for a, b in pairs:
        index = 0 if a and b else 1 if a else 2 if b else 3
        counts[index] += 1
    both, only_a, only_b, neither = counts
    kappa, alpha = table_scores(both, only_a, only_b, neither)
    return CodeAgreement(code, both, only_a, only_b, neither, kappa, alpha)


def agreement(
    a: Mapping[str, set[str]], b: Mapping[str, set[str]], units: Iterable[str] = ()
) -> Agreement:
    """Agreement of codings ``a`` and ``b`` (statement -> codes) over ``units`` (default: every
    statement either coding names)."""
    statements = sorted(set(units) | set(a) | set(b))
    codes = sorted({c for s in statements for c in a.get(s, set()) | b.get(s, set())})
    per_code = tuple(
        _score(code, ((code in a.get(s, set()), code in b.get(s, set())) for s in statements))
        for code in codes
    )
    both, only_a, only_b, neither = (
        sum(getattr(c, f) for c in per_code) for f in ("both", "only_a", "only_b", "neither")
    )
    overall = CodeAgreement(
        "overall", both, only_a, only_b, neither, *table_scores(both, only_a, only_b, neither)
    )
    differences = tuple(
        Difference(
            s,
            tuple(sorted(a.get(s, set()) - b.get(s, set()))),
            tuple(sorted(b.get(s, set()) - a.get(s, set()))),
        )
        for s in statements
        if a.get(s, set()) != b.get(s, set())
    )
    return Agreement(len(statements), per_code, overall, differences)
