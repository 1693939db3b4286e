"""The query syntax of ``hubspoke search``, turned into an SQLite FTS5 expression.

=====================  ==========================================================
``supervision risk``   every word must be found (in any order, any form of the word)
``"lone worker"``      the words next to each other, in this order (a phrase)
``boys OR girls``      either side will do (``OR`` in capitals; binds loosest)
``NOT funding``        leave out what has this word (also ``-funding``)
``particip*``          any word that starts so (``*`` at the end of a word)
=====================  ==========================================================

Words are folded and stemmed like the index (:mod:`graph.search.words`); anything else
(brackets, quotes left open, FTS5's own operators such as ``NEAR`` or ``column:``) is read as
plain words, so no input is an error except one that asks only to leave things out.

Examples
--------
>>> q = parse('"lone worker" supervis* OR boys -funding', prefixes=lambda p: ["supervis"])
>>> q.positive
'("lone worker" AND ("supervis" OR "supervis"*)) OR ("boy")'
>>> q.negative
'"fund"'
>>> q.plain, parse("aim evaluation").plain
(False, True)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from graph.errors import HubspokeError
from graph.search.words import fold, stems, words

__all__ = ["Query", "parse"]

_TOKENS = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Query:
    """A parsed query: what must match (``positive``) and what must not (``negative``), as
    FTS5 expressions over stems; ``plain`` is true for words alone (no phrase, operator or
    prefix), which may fall back to matching any word; ``words`` are its stems."""

    positive: str
    negative: str | None = None
    plain: bool = True
    words: tuple[str, ...] = field(default_factory=tuple)

    def any_word(self) -> Query:
        """The same words, any one of them enough (for when no entity has them all)."""
        return Query(" OR ".join(_quoted(w) for w in self.words), self.negative, False, self.words)

    def expression(self) -> str:
        """The whole FTS5 expression."""
        if self.negative:
            return f"({self.positive}) NOT ({self.negative})"
        return self.positive


def _quoted(stem: str) -> str:
    return '"' + stem.replace('"', "") + '"'


def _term(
    token: str, prefixes: Callable[[str], Iterable[str]]
) -> tuple[str | None, list[str], bool]:
    """One token as an FTS5 term, its stems and whether it is plain."""
    if token.endswith("*") and words(token[:-1]) and len(words(token[:-1])) == 1:
        start = fold(token[:-1]).strip()
        (start,) = words(start)
        known = sorted(set(prefixes(start)))
        options = [_quoted(s) for s in known] + [f"{_quoted(start)}*"]
        return (options[0] if len(options) == 1 else f"({' OR '.join(options)})"), [start], False
    found = stems(token)
    if not found:
        return None, [], True
    if len(found) == 1:
        return _quoted(found[0]), found, True
    return _quoted(" ".join(found)), found, True  # 'lone-worker': its words side by side


def parse(text: str, prefixes: Callable[[str], Iterable[str]] = lambda start: ()) -> Query:
    """Read ``text`` in the query syntax.

    Parameters
    ----------
    text : str
        The query.
    prefixes : callable
        Given the folded start of a word (``particip``), the stems of the indexed words that
        start so; a prefix also matches stems that start with it.

    Raises
    ------
    HubspokeError
        The query only leaves things out (``NOT x`` with nothing to find).
    """
    groups: list[list[str]] = [[]]
    negative: list[str] = []
    all_stems: list[str] = []
    plain = True
    negate = False
    for match in _TOKENS.finditer(text):
        phrase, token = match.group(1), match.group(2)
        if token in ("OR", "|"):
            plain = False
            if groups[-1]:
                groups.append([])
            continue
        if token == "NOT":
            negate, plain = True, False
            continue
        if token in ("AND", "+"):
            continue
        if token is not None and token.startswith("-") and len(token) > 1:
            negate, plain, token = True, False, token[1:]
        if phrase is not None:
            found = stems(phrase)
            term = _quoted(" ".join(found)) if found else None
            plain = plain and len(found) <= 1
        else:
            term, found, simple = _term(token or "", prefixes)
            plain = plain and simple
        if term is None:
            negate = False
            continue
        if negate:
            negative.append(term)
            negate = False
        else:
            groups[-1].append(term)
            all_stems.extend(found)
    groups = [g for g in groups if g]
    if not groups:
        if negative:
            raise HubspokeError(
                f"search: {text!r} only says what to leave out; give a word to find as well"
            )
        return Query("", None, True, ())
    if len(groups) == 1:
        positive = " AND ".join(groups[0])
    else:
        positive = " OR ".join(f"({' AND '.join(g)})" for g in groups)
    return Query(positive, " OR ".join(negative) or None, plain, tuple(all_stems))
