"""Imports point down the layers of docs/architecture.md; only web/ and cli/ know Flask or click."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "server" / "govrules"

# Rank of each part of the package: a module may import parts of its own rank or lower.
LAYERS = {
    "config": 0,
    "errors": 0,
    "namespaces": 0,
    "lexer": 0,
    "offline": 0,
    "store": 1,
    "knowledge": 2,
    "query": 2,
    "compliance": 2,
    "writes": 2,
    "generator": 2,
    "web": 3,
    "cli": 3,
}
FRAMEWORKS = {"flask", "click", "gunicorn"}
FRAMEWORK_PARTS = {"web", "cli"}
MAX_LINES = 400


def part_of(module: str) -> str | None:
    """Return the layer part a dotted ``govrules…`` module belongs to.

    >>> part_of("govrules.query.guard"), part_of("govrules.errors"), part_of("flask")
    ('query', 'errors', None)
    """
    names = module.split(".")
    if names[0] != "govrules" or len(names) < 2:
        return None
    return names[1]


def imports_of(path: Path) -> list[tuple[int, str]]:
    """Return (line, dotted module) for every import statement in *path*."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative imports hide the layer they reach: the package uses none
                found.append((node.lineno, "." * node.level + (node.module or "")))
            elif node.module:
                found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def violations(package: Path) -> list[str]:
    """Return every import in *package* that points up a layer, or is not allowed there."""
    problems = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        own = rel.parts[0].removesuffix(".py")
        if own == "__init__":
            continue
        if own not in LAYERS:
            problems.append(f"{rel}: part {own!r} is in no layer (add it to LAYERS and the docs)")
            continue
        for line, module in imports_of(path):
            where = f"{rel}:{line}"
            if module.startswith("."):
                problems.append(f"{where}: relative import {module!r}; write it absolute")
                continue
            if module.split(".")[0] in FRAMEWORKS and own not in FRAMEWORK_PARTS:
                problems.append(f"{where}: {module} is for web/ and cli/ only")
            target = part_of(module)
            if target is None or target == own:
                continue
            if target not in LAYERS:
                continue  # a public name of the package itself (govrules.__version__ …)
            if LAYERS[target] > LAYERS[own]:
                problems.append(
                    f"{where}: {own} (layer {LAYERS[own]}) imports {module} "
                    f"(layer {LAYERS[target]}), which is above it"
                )
    return problems


def test_imports_point_down():
    assert violations(PACKAGE) == []


def test_a_reversed_import_is_caught(tmp_path):
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "bad.py").write_text("from govrules.web.app import create_app\n")
    (tmp_path / "errors.py").write_text("import flask\n")
    found = violations(tmp_path)
    assert len(found) == 2
    assert "store (layer 1) imports govrules.web.app.create_app (layer 3)" in found[1]
    assert "flask is for web/ and cli/ only" in found[0]


def test_every_part_is_in_a_layer():
    parts = {p.name.removesuffix(".py") for p in PACKAGE.iterdir()}
    parts -= {"__init__", "__pycache__", "py.typed"}
    assert parts == set(LAYERS)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.name))
def test_modules_stay_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
