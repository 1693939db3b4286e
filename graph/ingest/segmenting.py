"""Cut a report in Markdown into sections and statements, line by line, as its text numbers them.

A report in the form of ``ontology/sources/*.md`` is read line by line:

- a heading (``#`` to ``######``) opens a section. Sections follow the numbers and letters the
  text gives, not the heading levels of the conversion: ``1. BACKGROUND`` opens a top-level
  section; ``a) How ...`` a lettered subsection of the current numbered section; a numbered
  heading written in another case than the top-level ones (``1. Safeguarding ...`` under
  ``2. PRESENTATION OF FINDINGS``) a numbered subsection; a heading without a number
  (``Model 1:``) a subsection of the current numbered or lettered section. A heading with
  nothing under it (the banner and title of the report) opens no section.
- a bullet (``-``, ``*``, ``+``) is one statement, with its continuation lines (the lines that
  follow it with no blank line between); a bullet indented under another is a sub-bullet of it,
  and a bullet that has sub-bullets is their *lead-in* ("It was suggested that managers
  should:"), not a point of its own;
- a paragraph that ends with a colon and is followed by a list ("The key aims of the day
  were:") is the lead-in of the list's bullets;
- any other run of non-blank lines is a paragraph: one statement.

Lines inside an HTML comment (``<!-- ... -->``) are not part of the text. Texts are kept
verbatim, with whitespace joined and conversion debris removed (``<sup>``
tags, a stray ``o`` or bullet glyph left in front of a bullet's text).

Examples
--------
>>> seg = segment('''# Report
...
... #### 1. INTRODUCTION
...
... We met twice.
...
... - Managers should:
...   - o Recognise the demands of the role
... - Funding was raised
... ''')
>>> [(s.key, s.number, s.title) for s in seg.sections]
[('section-1', '1', 'INTRODUCTION')]
>>> [(u.start, u.kind, u.text, u.parent) for u in seg.units]  # doctest: +NORMALIZE_WHITESPACE
[(5, 'paragraph', 'We met twice.', None), (7, 'lead-in', 'Managers should:', None),
 (8, 'sub-bullet', 'Recognise the demands of the role', 7), (9, 'bullet', 'Funding was raised', None)]
>>> seg.skipped_headings
[(1, 'Report')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Section", "Segmentation", "Unit", "clean_text", "segment"]

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+\u2022]\s+(.*)$")
_NUMBERED = re.compile(r"^(\d+)[.)]\s+(.*)$")
_LETTERED = re.compile(r"^([a-z])[.)]\s+(.*)$")
_DEBRIS = re.compile(r"^(?:[o\u2022\u25aa\u00a7\uf0b7]\s+)+")
_TAGS = re.compile(r"</?(?:sup|sub)>", re.IGNORECASE)

#: The kinds of statement a segmentation yields.
KINDS = ("paragraph", "bullet", "lead-in", "sub-bullet")


def clean_text(text: str, *, bullet: bool = False) -> str:
    """``text`` with ``<sup>``/``<sub>`` tags removed and whitespace joined; for a bullet, a
    stray ``o`` or bullet glyph in front is removed too.

    >>> clean_text("December 1<sup>st</sup>  2015")
    'December 1st 2015'
    >>> clean_text("o Recognise the demands", bullet=True)
    'Recognise the demands'
    """
    text = re.sub(r"\s+", " ", _TAGS.sub("", text)).strip()
    return _DEBRIS.sub("", text) if bullet else text


@dataclass
class Section:
    """A section opened by a heading: its key (the last part of its IRI), number, title,
    lines, parent and position among its siblings (from 1)."""

    key: str
    number: str | None
    title: str
    label: str
    start: int
    end: int
    parent: str | None
    position: int
    depth: int


@dataclass
class Unit:
    """A statement: its lines, kind (:data:`KINDS`), verbatim text, section, position in the
    section (from 1) and the start line of its lead-in when it is a sub-bullet."""

    start: int
    end: int
    kind: str
    text: str
    section: str
    position: int = 0
    parent: int | None = None
    indent: int = 0


@dataclass
class Segmentation:
    """Sections and statements of a source, and the headings that opened no section."""

    sections: list[Section] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    skipped_headings: list[tuple[int, str]] = field(default_factory=list)


def _style(title: str) -> bool:
    """True for a title written in capitals (``BACKGROUND``)."""
    letters = [c for c in title if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _slug(title: str, words: int = 4) -> str:
    parts = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(parts[:words]) or "untitled"


class _Outline:
    """Decides where each heading goes, following the numbers and letters of the text."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.top: Section | None = None
        self.top_number = 0
        self.top_style: bool | None = None
        self.inner: Section | None = None  # the numbered or lettered subsection open
        self.inner_number = 0
        self.current: Section | None = None
        self.keys: set[str] = set()

    def _add(
        self,
        key: str,
        number: str | None,
        title: str,
        label: str,
        line: int,
        parent: Section | None,
    ) -> Section:
        base, n = key, 2
        while key in self.keys:
            key, n = f"{base}-{n}", n + 1
        self.keys.add(key)
        siblings = [s for s in self.sections if s.parent == (parent.key if parent else None)]
        depth = parent.depth + 1 if parent else 0
        section = Section(
            key,
            number,
            title,
            label,
            line,
            line,
            parent.key if parent else None,
            len(siblings) + 1,
            depth,
        )
        self.sections.append(section)
        self.current = section
        return section

    def open(self, line: int, text: str) -> Section:
        title = text.rstrip(":").strip()
        numbered = _NUMBERED.match(title)
        lettered = _LETTERED.match(title)
        if numbered:
            n, rest = int(numbered.group(1)), numbered.group(2).rstrip(":").strip()
            style = _style(rest)
            if self.top is None or self._is_top(n, style):
                self.top_style = style if self.top_style is None else self.top_style
                self.top_number, self.inner, self.inner_number = n, None, 0
                self.top = self._add(f"section-{n}", str(n), rest, text, line, None)
                return self.top
            self.inner_number = n
            number = f"{self.top.number}.{n}"
            self.inner = self._add(f"{self.top.key}-{n}", number, rest, text, line, self.top)
            return self.inner
        if lettered and self.top is not None:
            letter, rest = lettered.group(1), lettered.group(2).rstrip(":").strip()
            number = f"{self.top.number}{letter}"
            self.inner = self._add(
                f"section-{number}", number, rest, f"{self.top.number}{text}", line, self.top
            )
            return self.inner
        parent = self.inner or self.top
        prefix = f"{parent.key}-" if parent else "section-"
        return self._add(prefix + _slug(title), None, title, text, line, parent)

    def _is_top(self, n: int, style: bool) -> bool:
        if style != self.top_style:
            return False
        if n == self.top_number + 1:
            return True
        if (
            self.inner is not None
            and _NUMBERED.match(self.inner.label)
            and (n == self.inner_number + 1)
        ):
            return False
        return n != 1


def _heading_text(raw: str) -> tuple[int, str] | None:
    match = _HEADING.match(raw)
    if not match:
        return None
    return len(match.group(1)), clean_text(match.group(2))


def segment(text: str) -> Segmentation:
    """Sections and statements of the Markdown ``text`` (lines numbered from 1)."""
    lines = text.splitlines()
    outline = _Outline()
    units: list[Unit] = []
    pending: list[tuple[int, str]] = []  # headings seen, a section opened when content comes
    open_unit: Unit | None = None  # the bullet or paragraph that the next line may continue
    bullets: list[Unit] = []  # the chain of open bullets, outermost first
    front: Section | None = None

    def section_for_content() -> Section:
        nonlocal front
        for line, heading in pending:
            outline.open(line, heading)
        pending.clear()
        if outline.current is None:
            front = outline._add(
                "section-front",
                None,
                "Before the first heading",
                "Before the first heading",
                1,
                None,
            )
        assert outline.current is not None
        return outline.current

    in_comment = False
    list_lead: Unit | None = None  # the paragraph a list that follows it may be led in by
    for number, raw in enumerate(lines, start=1):
        if in_comment or raw.lstrip().startswith("<!--"):
            in_comment = "-->" not in raw
            open_unit = None
            continue
        if not raw.strip():
            open_unit = None
            continue
        heading = _heading_text(raw)
        if heading is not None:
            open_unit, bullets, list_lead = None, [], None
            pending.append((number, heading[1]))
            continue
        bullet = _BULLET.match(raw)
        if bullet:
            section = section_for_content()
            indent = len(bullet.group(1).expandtabs(4))
            while bullets and (bullets[-1].indent >= indent or bullets[-1].section != section.key):
                bullets.pop()
            parent = bullets[-1] if bullets else None
            if parent is None and list_lead is not None and list_lead.text.endswith(":"):
                parent = list_lead  # "The key aims of the day were:" leads the list in
            unit = Unit(
                number,
                number,
                "sub-bullet" if bullets else "bullet",
                clean_text(bullet.group(2), bullet=True),
                section.key,
                parent=parent.start if parent else None,
                indent=indent,
            )
            if parent is not None:
                parent.kind = "lead-in"
            units.append(unit)
            bullets.append(unit)
            open_unit = unit
            continue
        if open_unit is not None:  # a continuation line (Markdown's lazy continuation)
            open_unit.end = number
            is_bullet = open_unit.kind != "paragraph"
            open_unit.text = clean_text(f"{open_unit.text} {raw.strip()}", bullet=is_bullet)
            continue
        section = section_for_content()
        bullets = []
        open_unit = list_lead = Unit(number, number, "paragraph", clean_text(raw), section.key)
        units.append(open_unit)
    result = Segmentation(units=units)
    result.skipped_headings = [(line, heading) for line, heading in pending]
    _finish(outline.sections, units, lines, result)
    return result


def _finish(
    sections: list[Section], units: list[Unit], lines: list[str], result: Segmentation
) -> None:
    """Number statements within their section, close section line ranges, keep the sections
    that hold a statement."""
    by_key = {s.key: s for s in sections}
    counts: dict[str, int] = {}
    holding: set[str] = set()
    for unit in units:
        counts[unit.section] = counts.get(unit.section, 0) + 1
        unit.position = counts[unit.section]
        key: str | None = unit.section
        while key is not None:
            holding.add(key)
            section = by_key[key]
            section.end = max(section.end, unit.end)
            key = section.parent
    kept = [s for s in sections if s.key in holding]
    skipped = [(s.start, s.label) for s in sections if s.key not in holding]
    result.skipped_headings = sorted(skipped + result.skipped_headings)
    positions: dict[str | None, int] = {}
    for section in kept:
        positions[section.parent] = positions.get(section.parent, 0) + 1
        section.position = positions[section.parent]
    result.sections = kept
