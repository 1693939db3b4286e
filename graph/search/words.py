"""Words as the search index keeps them: folded (case and accents) and stemmed.

The stemmer is Snowball's English stemmer (Porter 2, from :mod:`snowballstemmer`), so that
``emotional``, ``emotion`` and ``emotionally`` share one stem, as do ``supervise`` and
``supervision``. Texts are stemmed in Python before SQLite's full-text index sees them, and
the words of a query are stemmed the same way.

Examples
--------
>>> stems("Emotionally demanding")
['emot', 'demand']
>>> stems("emotion"), stems("supervise"), stems("Supervision")
(['emot'], ['supervis'], ['supervis'])
>>> words("Évaluation of the 'Hub and Spoke' model")
['evaluation', 'of', 'the', 'hub', 'and', 'spoke', 'model']
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

__all__ = ["fold", "stem", "stemmed", "stems", "words"]

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without accents: ``Évaluation`` becomes ``evaluation``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of ``text`` (letters and digits; everything else separates words)."""
    return _WORD.findall(fold(text))


@cache
def _stemmer() -> Any:
    import snowballstemmer  # lazy: only the search index needs the stemmer

    return snowballstemmer.stemmer("english")


@cache
def stem(word: str) -> str:
    """The stem of one folded word.

    >>> stem("participation"), stem("participative")
    ('particip', 'particip')
    """
    return str(_stemmer().stemWord(word))


def stems(text: str) -> list[str]:
    """The stems of the words of ``text``, in order."""
    return [stem(w) for w in words(text)]


def stemmed(text: str) -> str:
    """``text`` as the index stores it: its stems separated by spaces."""
    return " ".join(stems(text))
