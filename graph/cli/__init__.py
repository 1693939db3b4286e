"""The ``hubspoke`` command line: a thin layer over the library.

Only this package prints, parses arguments and chooses exit codes: 0 success, 1 the data does
not conform or input is bad, 2 a file cannot be read or parsed, or a runtime error.
Each sub-command lives in its own module with ``add_parser(subparsers)`` and ``run(args)``.

Owns: the ``hubspoke`` commands, :mod:`~graph.cli.formatting` (tables, CSV, JSON, Markdown on
the terminal) and :mod:`~graph.cli._shared` (flags several commands take).
May import: every other layer; nothing imports it but ``graph.__main__``.

Examples
--------
>>> main(["--version"])  # doctest: +ELLIPSIS
hubspoke ...
0
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Sequence

from graph.errors import DataFileError, HubspokeError

__all__ = ["main", "COMMAND_MODULES", "EXIT_OK", "EXIT_INVALID", "EXIT_ERROR"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_ERROR = 2

#: Sub-command modules under ``graph.cli``, in the order ``--help`` lists them.
COMMAND_MODULES = [
    "build",
    "validate",
    "queries",
    "query",
    "search",
    "statements",
    "codebook",
    "cooccurrence",
    "path",
    "neighbours",
    "central",
    "communities",
    "bridges",
    "export",
    "snapshots",
    "verify",
    "diff",
    "map",
    "push",
    "serve",
    "register",
    "ingest",
    "coding",
    "agreement",
]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hubspoke")
    except PackageNotFoundError:  # running from a source tree without installing
        return "0+unknown"


def _command_in(argv: Sequence[str]) -> str | None:
    """The sub-command ``argv`` names (its first word that is not a global option), if known."""
    words = iter(argv)
    for word in words:
        if word == "--store":
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMAND_MODULES else None
    return None


def make_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every sub-command, or with the sub-command ``only``.

    Each command's module (and what it imports) loads only when its parser is built, so
    ``hubspoke build`` does not import the modules of search, serve or register.
    """
    parser = argparse.ArgumentParser(
        prog="hubspoke",
        description="Knowledge graph of the CSE Hub and Spoke programme.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--store",
        metavar="STORE",
        help="where the graph lives: memory, oxigraph, oxigraph:DIR or sparql:URL "
        "(default: $HUBSPOKE_STORE, else oxigraph)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES if only is None else [only]:
        module = importlib.import_module(f"graph.cli.{name}")
        module.add_parser(sub)
    for command in sub.choices.values():  # every command can hide the progress of long steps
        with contextlib.suppress(argparse.ArgumentError):  # its own --quiet says more already
            command.add_argument(
                "--quiet", action="store_true", help="show no progress of long steps"
            )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``) and return the exit code."""
    words = list(argv) if argv is not None else sys.argv[1:]
    command = _command_in(words)
    if command is None and words[:1] == ["--version"]:
        print(f"hubspoke {_version()}")  # without building every command's parser
        return EXIT_OK
    parser = make_parser(command)
    try:
        args = parser.parse_args(words)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_INVALID
    if args.version:
        print(f"hubspoke {_version()}")
        return EXIT_OK
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_INVALID
    # lazy: the CLI parser is built without loading this
    from graph.cli.terminal import printable_streams

    with printable_streams():  # nothing printed reaches the terminal with a control character
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Run the chosen command; turn the errors hubspoke raises into a message and exit code."""
    try:
        # lazy: the CLI parser is built without loading this
        from graph.progress import show_on_terminal

        # lazy: the CLI parser is built without loading this either
        from graph.store.specs import using_store

        # long steps of any command show their progress on a terminal, unless --quiet
        show_on_terminal(quiet=bool(getattr(args, "quiet", False)))

        # every graph.load() of the command loads onto the store named by --store
        with using_store(getattr(args, "store", None)):
            return int(args.run(args))
    except DataFileError as exc:
        print(f"hubspoke: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except HubspokeError as exc:
        print(f"hubspoke: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("hubspoke: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        print(f"hubspoke: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
