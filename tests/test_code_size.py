"""Size as a smell: no module of the project's code over 600 lines and no function over 80 lines. A module or a
function past that usually holds two responsibilities; split it by what each part does, not by cutting it where the
count runs out.

Not counted: tests, and the migrations (each one a frozen record of a schema change, never edited once released).
No module is a pure data table today; one that becomes one (rows and nothing else) goes in DATA_TABLES with why."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import PROJECT_DIR

MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
CODE_FOLDERS = ("crawlers", "pipelines", "analysis", "pasarkerja", "sample", "bench", "scripts")
NOT_CODE = ("pipelines/db/migrations",)
DATA_TABLES: dict[str, str] = {}
"""Module path (from the project folder) to the reason it is a table, not code; its size is the table's."""


def modules() -> Iterator[Path]:
    for folder in CODE_FOLDERS:
        for path in sorted((PROJECT_DIR / folder).rglob("*.py")):
            name = path.relative_to(PROJECT_DIR).as_posix()
            if not name.startswith(NOT_CODE) and name not in DATA_TABLES:
                yield path


def functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method in ``tree``, nested ones too, with its dotted name (Class.method, outer.inner)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            name = f"{prefix}{node.name}"
            if not isinstance(node, ast.ClassDef):
                yield name, node
            yield from functions(node, f"{name}.")
        else:
            yield from functions(node, prefix)


def test_the_code_folders_are_found():
    assert len(list(modules())) > 50


def test_no_module_is_over_600_lines():
    too_long = []
    for path in modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(PROJECT_DIR)}: {lines} lines")
    assert not too_long, "\n".join(
        [f"modules over {MAX_MODULE_LINES} lines (split them by responsibility):", *too_long]
    )


def test_no_function_is_over_80_lines():
    too_long = []
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for name, function in functions(tree):
            lines = function.end_lineno - function.lineno + 1
            if lines > MAX_FUNCTION_LINES:
                too_long.append(f"{path.relative_to(PROJECT_DIR)}:{function.lineno} {name}: {lines} lines")
    assert not too_long, "\n".join(
        [f"functions over {MAX_FUNCTION_LINES} lines (split them by responsibility):", *too_long]
    )
