"""The apps' layering, held: every import between the portal's apps points down the list below,
and no two modules import each other (also not through an import hidden inside a function;
imports a type checker alone reads are left out of that).

A lower app that must react to something a higher one does reaches it through a hook the lower
app offers and the higher app fills in its `AppConfig.ready` (`TransitionTable.also_after`, the
work queue's sources, the demo steps, the reminder sources). When this test fails, it names the
module and the import; move the code to the app it belongs to or add a hook, not a row here.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. An app may import the apps in its own layer's lower layers, never a higher one;
# apps in one layer do not import each other.
LAYERS: list[set[str]] = [
    {"core"},
    {"partnerships"},
    {"reminders", "costnorms", "networks"},
    {"applications"},
    {"casework"},
    {"assessments"},
    {"decisions"},
    {"payments"},
    {"agreements"},
    {"reporting"},
    # What reads everything below it: nothing imports these.
    {"exports", "stats", "audit", "pages", "backups"},
    {"privacy"},  # erases and exports a person's data in every app, the audit log included
    {"icld_portal"},  # settings, URLs and the Celery app
]
LAYER_OF = {app: index for index, layer in enumerate(LAYERS) for app in layer}


def _python_files(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_only(tree: ast.Module) -> set[ast.AST]:
    """The imports under `if TYPE_CHECKING:`: they name types for annotations, never run."""
    nodes = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                nodes.update(ast.walk(child))
    return nodes


def _imports(path: Path, *, at_runtime: bool = False) -> list[tuple[int, str]]:
    """Every first-party module `path` imports: (line, dotted name), at any depth of the file
    (`at_runtime`: leaving out the imports only a type checker reads)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(), str(path))
    skipped = _type_only(tree) if at_runtime else set()
    found = []
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            # `from package import module` imports the module too.
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] in LAYER_OF]


def _all_modules() -> dict[str, Path]:
    return {_module_name(path): path for app in LAYER_OF for path in _python_files(app)}


def test_every_app_of_the_project_has_a_layer():
    apps = {
        path.parent.name
        for path in ROOT.glob("*/apps.py")
        if (path.parent / "__init__.py").exists()
    }
    assert apps - set(LAYER_OF) == set(), "add the new app to LAYERS in tests/test_layering.py"


@pytest.mark.parametrize("app", sorted(LAYER_OF))
def test_imports_point_down_the_layers(app):
    wrong = {}
    for path in _python_files(app):
        for line, name in _imports(path):
            target = name.split(".")[0]
            if target != app and LAYER_OF[target] >= LAYER_OF[app]:
                wrong.setdefault((path, line), f"{path.relative_to(ROOT)}:{line} imports {name}")
    wrong = list(wrong.values())
    assert wrong == [], "imports that point up or sideways:\n" + "\n".join(wrong)


def test_no_two_modules_import_each_other():
    modules = _all_modules()
    graph = defaultdict(set)
    for module, path in modules.items():
        for _line, name in _imports(path, at_runtime=True):
            # The longest prefix that is a module of ours: `from a.b import c` may name a
            # function c of module a.b.
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module and not module.startswith(f"{name}."):
                graph[module].add(name)
    assert _cycles(graph) == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
