"""The report of ``scripts/bench.py``: tables in Markdown, ratios to the baselines, and
earlier figures kept beside a new run's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchkit.steps import BASELINES, STORES

__all__ = [
    "END",
    "START",
    "cell",
    "keep_sizes",
    "markdown",
    "ratios",
    "step_order",
    "write_markdown",
]

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def cell(result: dict[str, Any] | None) -> str:
    """One cell of a table: the median and the peak memory, or why there is none.

    A step that works in several processes also gives the machine's peak (all of them).

    >>> cell({"status": "ok", "seconds": 0.25, "peak_mib": 3.0}), cell({"status": "n/a"})
    ('250 ms (3 MiB)', 'n/a')
    >>> cell({"status": "ok", "seconds": 60.1, "peak_mib": 1800, "machine_mib": 3900})
    '60.10 s (1800 MiB; machine 3900 MiB)'
    """
    if result is None:
        return ""
    if result["status"] != "ok":
        return result["status"]
    seconds = result["seconds"]
    text = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
    machine = result.get("machine_mib")
    if machine is not None:
        return f"{text} ({result['peak_mib']:.0f} MiB; machine {machine:.0f} MiB)"
    return f"{text} ({result['peak_mib']:.0f} MiB)"


def _ratio(ours: dict[str, Any] | None, base: dict[str, Any] | None) -> str:
    if not ours or not base or ours["status"] != "ok" or base["status"] != "ok":
        return ""
    if base["seconds"] <= 0:
        return ""
    return f"{ours['seconds'] / base['seconds']:.2f}×"


def ratios(size: dict[str, Any]) -> list[dict[str, Any]]:
    """Each store's median as a ratio to each baseline, step by step.

    A cell is empty unless both sides have a figure: steps only our stores take (views,
    search, export...) have a row of empty cells.
    """
    rows = []
    by = {t: {r["step"]: r for r in results} for t, results in size["targets"].items()}
    for step in size["steps"]:
        row = {"step": step}
        for store in STORES:
            for base in BASELINES:
                row[f"{store}/{base}"] = _ratio(
                    by.get(store, {}).get(step), by.get(base, {}).get(step)
                )
        rows.append(row)
    return rows


def markdown(report: dict[str, Any]) -> str:
    """The tables of ``report`` between the bench markers: one row per step, one column per
    target (empty where a target has no such step), then the ratios of the steps that have any."""
    head = (
        f"Measured {report['date']} on {report['machine']} (Python {report['python']}, "
        f"commit {report.get('commit', 'unknown')}, median of up to {report['runs']} runs; "
        "peak memory above the process's size before the step)."
    )
    lines = [START, "", head, ""]
    names = {
        "memory": "memory",
        "oxigraph": "oxigraph",
        "oxigraph-dir": "oxigraph:DIR",
        "rdflib": "plain rdflib",
        "pyoxigraph": "plain pyoxigraph",
    }
    for size in report["sizes"]:
        targets = [t for t in (*STORES, *BASELINES) if t in size["targets"]]
        by = {t: {r["step"]: r for r in size["targets"][t]} for t in targets}
        own = (size.get("date"), size.get("runs"), size.get("commit"))
        lines += [f"### {size['size']}: {size['triples']:,} triples", ""]
        if "date" in size and own != (report["date"], report["runs"], report.get("commit")):
            lines += [
                f"Measured {size['date']} (commit {size.get('commit', 'unknown')}), median "
                f"of up to {size['runs']} runs.",
                "",
            ]
        if size.get("rounds", 1) > 1:
            lines += [
                f"The targets ran in turn {size['rounds']} times (`--rounds`), each step's runs "
                "pooled.",
                "",
            ]
        lines += [
            "| step | " + " | ".join(names[t] for t in targets) + " |",
            "|---|" + "---|" * len(targets),
        ]
        for step in size["steps"]:
            lines.append(f"| {step} | " + " | ".join(cell(by[t].get(step)) for t in targets) + " |")
        stores = [s for s in STORES if s in targets]
        bases = [b for b in BASELINES if b in targets]
        if stores and bases:
            pairs = [(s, b) for s in stores for b in bases]
            lines += [
                "",
                f"Ratios at {size['size']} (ours ÷ baseline; below 1 is faster):",
                "",
                "| step | " + " | ".join(f"{names[s]} ÷ {names[b]}" for s, b in pairs) + " |",
                "|---|" + "---|" * len(pairs),
            ]
            for row in ratios(size):
                cells = [row[f"{s}/{b}"] for s, b in pairs]
                if any(cells):
                    lines.append(f"| {row['step']} | " + " | ".join(cells) + " |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def write_markdown(path: Path, report: dict[str, Any]) -> Path:
    """Put the tables between the bench markers of ``path``, keeping the rest of the page."""
    from graph.atomic import write_text

    table = markdown(report)
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if START in text and END in text:
            head, rest = text.split(START, 1)
            tail = rest.split(END, 1)[1]
            return write_text(path, head + table + tail)
        return write_text(path, text.rstrip() + "\n\n" + table + "\n")
    return write_text(path, "# Benchmarks\n\n" + table + "\n")


def keep_sizes(report: dict[str, Any], earlier: dict[str, Any]) -> dict[str, Any]:
    """``report`` with what ``earlier`` measured and it did not: whole sizes, or targets of a
    size both measured (this run's figures win), in size order.

    >>> keep_sizes({"sizes": [{"size": "1m", "targets": {"oxigraph": []}}]},
    ...            {"sizes": [{"size": "10k"}, {"size": "1m", "targets": {"memory": []}}]})
    {'sizes': [{'size': '10k'}, {'size': '1m', 'targets': {'memory': [], 'oxigraph': []}, 'steps': [], 'ratios': []}]}
    """
    sizes = {entry["size"]: entry for entry in earlier.get("sizes", [])}
    for entry in report["sizes"]:
        before = sizes.get(entry["size"])
        if before is not None and "targets" in before:
            targets = {**before["targets"], **entry["targets"]}
            order = [t for t in (*STORES, *BASELINES) if t in targets]
            entry = {**entry, "targets": {t: targets[t] for t in order}}
            entry["steps"] = step_order(entry["targets"])
            entry["ratios"] = ratios(entry)
        sizes[entry["size"]] = entry
    rank = {"10k": 0, "100k": 1, "1m": 2}
    return {**report, "sizes": sorted(sizes.values(), key=lambda e: rank.get(e["size"], 3))}


def step_order(targets: dict[str, list[dict[str, Any]]]) -> list[str]:
    steps: list[str] = []
    for results in targets.values():
        steps += [r["step"] for r in results if r["step"] not in steps]
    return steps
