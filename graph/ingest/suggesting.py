"""Suggest codes for a statement from the codebook's own words: labels, alternative labels and
the words of each code's definition, compared stem by stem (Snowball's English stemmer).

A code is suggested when its label or an alternative label occurs in the text (as stems, in
order: "risk assessment" matches "risk assess"), or when at least two distinct content words
of its definition do. Nothing is learnt from curated codings: the suggestions come from the
codebook alone, and a coder confirms or rejects each.

Examples
--------
>>> book = Codebook.packaged()
>>> suggest("Regular supervision is highly valued", book)
['topic:supervision']
>>> stems("Commissioners' referrals")
['commission', 'referr']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from graph.ingest.codebook import Code, Codebook

__all__ = ["STOP_WORDS", "Cues", "cues_of", "stems", "suggest"]

#: Words too common to tell codes apart.
STOP_WORDS = frozenset(
    """a about across after all also an and any are as at be been being between both but by
    can could do does each either for from has have how in including into is it its may more
    most much need needs new not of on one or other others our over own same should so some
    such than that the their them there these they this those through to too under up very
    was way we were what when where whether which while who why will with within would you
    your young people person persons services service work working others' other' e g etc
    cse child children hub spoke""".split()
)

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer  # lazy: a small pure-Python package only suggesting needs

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def stems(text: str, *, keep_stop_words: bool = False) -> list[str]:
    """The stems of the words of ``text``, lower-cased, stop words left out."""
    words = (w.removesuffix("'s").rstrip("'") for w in _WORD.findall(text.lower()))
    return [_stem(w) for w in words if w and (keep_stop_words or w not in STOP_WORDS)]


@dataclass(frozen=True)
class Cues:
    """What a code is recognised by: phrases (labels, alternative labels) and definition words."""

    phrases: tuple[tuple[str, ...], ...]
    words: frozenset[str]


def cues_of(code: Code) -> Cues:
    """The cues of ``code``, from its labels and definition."""
    phrases = []
    for label in (code.label, *code.alt_labels):
        for part in re.split(r"\s+and\s+|,|/|\s+or\s+", label):
            phrase = tuple(stems(part))
            if phrase:
                phrases.append(phrase)
    return Cues(tuple(sorted(set(phrases))), frozenset(stems(code.definition)))


def _has_phrase(text: Sequence[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(text[i : i + n]) == phrase for i in range(len(text) - n + 1))


def suggest(text: str, codebook: Codebook, *, min_words: int = 2) -> list[str]:
    """The codes suggested for ``text``, as CURIEs in codebook order."""
    found = stems(text)
    present = set(found)
    chosen = []
    for code in codebook:
        cues = cues_of(code)
        if (
            any(_has_phrase(found, p) for p in cues.phrases)
            or len(cues.words & present) >= min_words
        ):
            chosen.append(code.curie)
    return chosen
