"""The package's shape: layers that import only downwards, no import cycle, and imports
inside functions only where they keep start-up fast (each says so)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "graph"
#: Modules over this many lines say in their docstring why they must be one piece.
LONG_MODULE = 450


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(tree: ast.Module, module: str, *, top_level: bool) -> set[str]:
    """The ``graph`` modules imported by ``tree``: at module level, or inside functions."""
    nodes = (
        [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
        + [
            n
            for i in tree.body
            if isinstance(i, ast.If)
            for n in i.body
            if isinstance(n, ast.Import | ast.ImportFrom)
            and not (isinstance(i.test, ast.Name) and i.test.id == "TYPE_CHECKING")
        ]
        if top_level
        else [
            n
            for f in ast.walk(tree)
            if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
            for n in ast.walk(f)
            if isinstance(n, ast.Import | ast.ImportFrom)
        ]
    )
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module:
            base = node.module
            if base.startswith("graph"):
                found.add(base)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("graph"))
    found.discard(module)
    return found


def _package_modules() -> dict[str, ast.Module]:
    return {
        _module_name(path): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_the_package_imports_form_no_cycle() -> None:
    modules = _package_modules()
    imports = nx.DiGraph()
    for name, tree in modules.items():
        imports.add_node(name)
        for target in _imports(tree, name, top_level=True):
            # "from graph.x import y" reaches graph.x (and graph.x.y when that is a module)
            if target in modules:
                imports.add_edge(name, target)
    cycles = list(nx.simple_cycles(imports))
    # a package's __init__ importing its own modules is no cycle unless they import it back
    assert cycles == [], cycles


def test_imports_inside_functions_say_why() -> None:
    unexplained = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = ast.parse("\n".join(lines))
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if (
                    isinstance(node, ast.ImportFrom) and (node.module or "").startswith("graph")
                ) or (
                    isinstance(node, ast.Import)
                    and any(a.name.startswith("graph.") for a in node.names)
                ):
                    here = lines[node.lineno - 1]
                    above = lines[node.lineno - 2].strip()
                    if "# lazy:" not in here and not above.startswith("# lazy:"):
                        unexplained.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert unexplained == [], "imports inside functions without a '# lazy:' reason"


def test_the_layer_contract_holds() -> None:
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    done = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def test_long_modules_say_why_they_are_one_piece() -> None:
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > LONG_MODULE:
            doc = ast.get_docstring(ast.parse(text)) or ""
            if "one piece" not in doc:
                long.append(f"{path.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    assert long == []


def test_every_subpackage_says_what_it_owns_and_may_import() -> None:
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        if init.parent.name in {"queries", "templates", "vendor"}:
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "Owns:" in doc and "May import:" in doc, init
