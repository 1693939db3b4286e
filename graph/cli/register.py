"""``hubspoke register``: the services register (a spreadsheet): template, import, export.

- ``hubspoke register template [--out FILE] [--example]`` writes the CSV template;
- ``hubspoke register import FILE [--dry-run] [--data-dir DIR]`` checks every row and, when
  all is well, writes ``register.ttl`` in the data folder; every problem is listed as
  ``row N, column C: what is wrong (value) - how to fix`` and the exit code is 1;
- ``hubspoke register export [--out FILE] [--data-dir DIR]`` writes the register back to CSV.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from graph.cli._shared import add_audience

__all__ = ["add_parser", "run"]


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="the data folder that holds register.ttl (default: the packaged ontology/data)",
    )


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "register",
        help="import or export the services register (a spreadsheet), or write its template",
        description="The services register lists the programme's services, one row each "
        "(columns: see docs/register.md). 'import' checks every row and reports every problem "
        "by row and column; only a register without problems is written to register.ttl in "
        "the data folder. 'export' writes it back to CSV; 'template' writes the header row.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    template = actions.add_parser("template", help="write the CSV template (header row)")
    template.add_argument("--out", type=Path, metavar="FILE", help="file to write (default: print)")
    template.add_argument("--example", action="store_true", help="add one fictional example row")
    imp = actions.add_parser(
        "import",
        help="check a register (.csv or .xlsx) and write it into the graph",
        description="Check every row of FILE and report every problem at once. If anything "
        "is wrong, nothing is written (exit code 1). Otherwise register.ttl is written, "
        "validated by the SHACL shapes first; services added, updated and removed are listed.",
    )
    imp.add_argument("file", type=Path, metavar="FILE", help="the register (.csv UTF-8 or .xlsx)")
    imp.add_argument("--dry-run", action="store_true", help="check only, write nothing")
    _add_data_dir(imp)
    exp = actions.add_parser("export", help="write the imported register back to CSV")
    exp.add_argument("--out", type=Path, metavar="FILE", help="file to write (default: print)")
    add_audience(exp)
    _add_data_dir(exp)
    parser.set_defaults(run=run, _register_parser=parser)


def _template(args: argparse.Namespace) -> int:
    # lazy: the CLI parser is built without loading this
    from graph.register.columns import template_text

    # lazy: the CLI parser is built without loading this
    from graph.register.importing import write_template

    if args.out is None:
        sys.stdout.write(template_text(example=args.example))
        return 0
    print(f"wrote {write_template(args.out, example=args.example)}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from graph.errors import RegisterError  # lazy: the CLI parser is built without loading this

    # lazy: the CLI parser is built without loading this
    from graph.register.importing import import_register

    try:
        report = import_register(args.file, args.data_dir, dry_run=args.dry_run)
    except RegisterError as exc:
        print(f"{exc.path}: {len(exc.problems)} problem(s); nothing was written", file=sys.stderr)
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    print(report.summary())
    return 0


def _export(args: argparse.Namespace) -> int:
    # lazy: the CLI parser is built without loading this
    from graph.register.importing import export_register, export_text

    if args.out is None:
        sys.stdout.write(export_text(args.data_dir, audience=args.audience))
        return 0
    print(f"wrote {export_register(args.out, args.data_dir, audience=args.audience)}")
    return 0


def run(args: argparse.Namespace) -> int:
    actions = {"template": _template, "import": _import, "export": _export}
    if args.action not in actions:
        args._register_parser.print_help()
        return 1
    return actions[args.action](args)
