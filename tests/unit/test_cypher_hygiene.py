"""No Python file formats values into Cypher, and the product's queries all live in `cypher/`.

Read from the source (ast), so the test fails the moment someone writes an f-string query, a
`%` or `.format()` on a query, glues a query together with `+`, or edits a loaded query's text.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.settings import REPO_ROOT

PRODUCT = ("api", "closet", "core", "cypher", "demo", "enrich", "gnn", "graph", "scraper")
EVERYWHERE = (*PRODUCT, "bench", "tests")
# Text that reads as Cypher: a pattern clause, an UNWIND of a parameter, or a line that starts
# with a clause keyword in capitals.
CYPHER = re.compile(
    r"\b(MATCH|MERGE|CREATE)\s*\(|\bUNWIND\s+\$|\bDETACH\s+DELETE\b"
    r"|^\s*(RETURN|CALL|SHOW|ALTER|WITH|MATCH|MERGE)\b",
    re.MULTILINE,
)


def python_files(folders: tuple[str, ...]) -> Iterator[Path]:
    for folder in folders:
        yield from sorted((REPO_ROOT / folder).rglob("*.py"))


def literal_text(node: ast.AST) -> str:
    """The literal parts of a string expression (the constant pieces of an f-string)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(literal_text(v) for v in node.values)
    if isinstance(node, ast.BinOp):
        return literal_text(node.left) + literal_text(node.right)
    return ""


def loads_a_query(node: ast.AST) -> bool:
    """`cypher.load(...)` or `cypher.statements(...)`."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("load", "statements")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "cypher"
    )


def formatted_queries(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Where a value is formatted into Cypher text, or a loaded query's text is changed."""
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and any(
            isinstance(v, ast.FormattedValue) for v in node.values
        ):
            if CYPHER.search(literal_text(node)):
                yield node.lineno, "f-string query"
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
            if CYPHER.search(literal_text(node)) or loads_a_query(node.left):
                yield node.lineno, "query built with % or +"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("format", "format_map", "replace")
        ):
            target = node.func.value
            if loads_a_query(target) or CYPHER.search(literal_text(target)):
                yield node.lineno, f"query text changed with .{node.func.attr}()"


def inline_queries(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """String constants that are Cypher statements (docstrings aside)."""
    docstrings = {
        id(body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and (body := node.body)
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and CYPHER.search(node.value)
        ):
            yield node.lineno, node.value.strip().splitlines()[0][:60]


def findings(folders: tuple[str, ...], rule) -> list[str]:
    found = []
    for path in python_files(folders):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found += [f"{path.relative_to(REPO_ROOT)}:{line}: {what}" for line, what in rule(tree)]
    return found


def test_no_python_file_formats_values_into_cypher() -> None:
    assert findings(EVERYWHERE, formatted_queries) == []


def test_every_product_query_lives_in_the_cypher_folder() -> None:
    assert findings(PRODUCT, inline_queries) == []


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ("q = f\"MATCH (i:Item {{id: '{item_id}'}}) RETURN i\"", True),
        ("q = \"MATCH (i:Item) WHERE i.id = '%s' RETURN i\" % item_id", True),
        ('q = "MATCH (i:Item {id: \'" + item_id + "\'}) RETURN i"', True),
        ('q = cypher.load("items/by_id").replace("$item_id", repr(item_id))', True),
        ('q = "MATCH (i:Item {{id: {0}}}) RETURN i".format(item_id)', True),
        ('q = cypher.load("items/by_id")', False),
        ('msg = f"no item with id {item_id!r}"', False),
    ],
)
def test_the_checks_catch_what_they_are_for(source: str, caught: bool) -> None:
    tree = ast.parse(source)
    assert bool(list(formatted_queries(tree))) is caught
