"""Comparing query answers across stores, where SPARQL leaves some orders free."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any


def normalised(rows: list[dict[str, Any]]) -> Counter[str]:
    """Rows as a multiset: SPARQL leaves the order of tied rows and of GROUP_CONCAT free."""

    def value(v: Any) -> Any:
        if isinstance(v, str) and re.search(r"[,;] ", v):
            return sorted(re.split(r"[,;] ", v))
        return v

    return Counter(repr(sorted((k, value(v)) for k, v in row.items())) for row in rows)
