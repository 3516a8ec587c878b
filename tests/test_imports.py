"""The three packages import one way (events, geodata → dashboard, never back) with no circle."""

from __future__ import annotations

import ast

from .conftest import ROOT

PACKAGES = ("events", "geodata", "dashboard")


def module_name(path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def imports() -> dict[str, set[str]]:
    """Every project module → the project modules it imports, deferred imports included."""
    modules = {module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                # `from pkg import submodule` needs the submodule; `from pkg import name`, pkg itself
                targets = [
                    f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module
                    for a in node.names
                ]
            found |= {t for t in targets if t in modules and t != name}
        graph[name] = found
    return graph


def test_events_and_geodata_never_import_dashboard():
    for name, deps in imports().items():
        if name.split(".")[0] in ("events", "geodata"):
            assert not [d for d in deps if d.startswith("dashboard")], name


def test_no_module_imports_itself_back_through_others():
    graph = imports()
    entry_points = {"dashboard.__main__", "dashboard.production"}  # they start the app; nothing imports them
    cycles = []
    for start in graph:
        if start in entry_points:
            continue
        stack, seen = [(start, [start])], {start}
        while stack:
            node, path = stack.pop()
            for dep in graph[node] - entry_points:
                if dep == start:
                    cycles.append(" → ".join([*path, dep]))
                elif dep not in seen:
                    seen.add(dep)
                    stack.append((dep, [*path, dep]))
    assert not cycles, cycles[:5]
