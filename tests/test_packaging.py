"""``pip install .`` ships the ontology, shapes, data, sources and queries inside the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "graph").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert found - listed == set(), "add these packages to [tool.setuptools] packages"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A non-editable install of the project into a fresh target folder (no dependencies)."""
    target = tmp_path_factory.mktemp("site")
    # install from a clean copy: a stale build/ folder in the checkout must not hide a gap
    source = tmp_path_factory.mktemp("src") / "hubspoke"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "*.egg-info", "exports", "__pycache__", ".pytest_cache"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    return target


def test_the_wheel_holds_the_packaged_files(installed: Path) -> None:
    package = installed / "graph"
    for relative in [
        "ontology/hubspoke.ttl",
        "ontology/schemes.ttl",
        "ontology/shapes/violations.ttl",
        "ontology/shapes/warnings.ttl",
        "ontology/data/learning-exchange-2015-12-01.ttl",
        "ontology/sources/learning-exchange-2015-12-01.md",
        "ontology/qc/dangling-reference-violation.rq",
        "queries/cq01-models-presented.rq",
        "queries/views/full.rq",
        "queries/research/statements.rq",
        "py.typed",
    ]:
        assert (package / relative).is_file(), f"{relative} is not installed"


def test_installed_package_builds_from_another_directory(installed: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from graph.cli import main; "
            "sys.exit(main(['build', '--quiet', '--out', 'out']))",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "graph.ttl").is_file()
    assert (tmp_path / "out" / "hubspoke.db").is_file()  # research queries are installed too
    imported_from = subprocess.run(
        [sys.executable, "-c", "import graph; print(graph.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert imported_from.startswith(str(installed))
