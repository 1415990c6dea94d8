"""The gateway's layers import one way: resolvers call use cases in ``gateway/application``,
which know nothing of strawberry or the resolvers; and the users and opportunities features do
not import each other at run time (each names the other's types only for type checking, and the
schema links them lazily)."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GATEWAY = ROOT / "gateway"


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> Iterator[str]:
    """Modules imported when the code runs, at module level or inside functions; not those
    under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking_only(node):
            yield from (name for child in node.orelse for name in _runtime_imports(child))
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        yield from _runtime_imports(node)


def _imports_of(package: str) -> dict[str, set[str]]:
    folder = ROOT.joinpath(*package.split("."))
    return {
        _module(path): set(_runtime_imports(ast.parse(path.read_text(), str(path))))
        for path in folder.rglob("*.py")
    }


def _reaching(graph: dict[str, set[str]], start: str, prefix: str) -> set[str]:
    """Modules under ``prefix`` that ``start`` imports, directly or through gateway modules."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in graph.get(todo.pop(), set()):
            if target not in seen and target in graph:
                seen.add(target)
                todo.append(target)
    return {module for module in seen if module.startswith(prefix)}


def test_use_cases_import_neither_strawberry_nor_the_resolvers() -> None:
    for module, imported in _imports_of("gateway.application").items():
        wrong = {name for name in imported if name.split(".")[0] == "strawberry"}
        wrong |= {name for name in imported if name.startswith("gateway.api")}
        assert not wrong, f"{module} imports {sorted(wrong)}"


def test_users_and_opportunities_do_not_import_each_other() -> None:
    graph = _imports_of("gateway")
    for one, other in (("users", "opportunities"), ("opportunities", "users")):
        for module in (m for m in graph if m.startswith(f"gateway.api.{one}")):
            reached = _reaching(graph, module, f"gateway.api.{other}")
            assert not reached, f"{module} imports {sorted(reached)}"


@pytest.mark.parametrize(
    "module",
    ["gateway.api.users.types", "gateway.api.opportunities.types", "gateway.api.opportunities.queries"],
)
def test_each_feature_imports_first_in_a_fresh_interpreter(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
