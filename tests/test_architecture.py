"""The shape of the house (docs/architecture.md), checked from the source.

Imports run downhill through the pipeline's packages and never in a circle; zhen's own modules
are imported at the top of a module; heavy libraries only where their step lives; no module
grows past 400 lines; the fast record constructor always sets every field.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from zhen.types import Language, TermHit, Token, fast_constructor

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "zhen"

# Each package's layer: a module may import its own package and lower layers, never a higher
# one, nor another package of its own layer (docs/architecture.md draws the same picture).
LAYERS = {
    "zhen": 0, "zhen.types": 0, "zhen.errors": 0, "zhen.paths": 0, "zhen.offsets": 0,
    "zhen.gcpause": 0, "zhen.lazy": 0, "zhen.files": 1, "zhen.stdout": 1, "zhen.cache": 2,
    "zhen.chinese": 3,
    "zhen.page": 4, "zhen.glossary": 4,
    "zhen.terms": 5,
    "zhen.translate": 6, "zhen.suggest": 6,
    "zhen.pipeline": 7, "zhen.render": 7,
    "zhen.batch": 8,
    "zhen.cli": 9,
    "zhen.__main__": 10,
}
# Heavy third-party libraries and the packages allowed to import them (lazily, in a function).
HEAVY_HOMES = {
    "jieba": ("zhen.chinese",),
    "opencc": ("zhen.chinese",),
    "pypinyin": ("zhen.chinese",),
    "ctranslate2": ("zhen.translate",),
    "sentencepiece": ("zhen.translate",),
    "argostranslate": (),  # an optional extra (zhen[argos]): zhen reads Argos packages itself
    "ray": ("zhen.batch",),
    "warcio": ("zhen.batch",),
    "numpy": (),  # through zhen.lazy.LazyModule only
    "torch": (),
    "stanza": (),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def unit(module: str) -> str:
    """The package or top-level module a module belongs to, as LAYERS names them."""
    parts = module.split(".")
    candidate = ".".join(parts[:2])
    return candidate if candidate in LAYERS else "zhen"


def imports(path: Path) -> Iterator[tuple[str, bool, int]]:
    """(module imported, at module level?, line) for every import statement of the file; imports
    for type checkers only (`if TYPE_CHECKING:`) do not run and are left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    type_only = {id(inner) for node in tree.body
                 if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
                 for inner in ast.walk(node)}
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, id(node) in top, node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                dotted = f"{node.module}.{alias.name}"
                yield (dotted if dotted in MODULES else node.module), id(node) in top, node.lineno


def zhen_graph() -> dict[str, set[str]]:
    return {
        name: {imported for imported, at_top, _ in imports(path)
               if at_top and imported in MODULES and imported != name}
        for name, path in MODULES.items()
    }


def test_every_package_has_a_layer():
    assert {unit(name) for name in MODULES} <= set(LAYERS)


def test_the_import_graph_has_no_cycle():
    graph = zhen_graph()
    state: dict[str, str] = {}
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                cycles.append(trail[trail.index(target):] + [target])
            elif target not in state:
                visit(target, trail + [target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_imports_run_downhill():
    uphill = []
    for name, targets in zhen_graph().items():
        for target in targets:
            source_unit, target_unit = unit(name), unit(target)
            if source_unit == target_unit or name == "zhen":
                continue
            if LAYERS[target_unit] >= LAYERS[source_unit]:
                uphill.append(f"{name} → {target}")
    assert uphill == []


def test_zhen_modules_are_imported_at_the_top_of_a_module():
    inside = [f"{name}:{line} imports {imported}"
              for name, path in MODULES.items()
              for imported, at_top, line in imports(path)
              if imported.startswith("zhen") and not at_top]
    assert inside == []


def test_heavy_libraries_are_imported_lazily_and_only_by_their_step():
    misplaced = []
    for name, path in MODULES.items():
        for imported, at_top, line in imports(path):
            library = imported.split(".")[0]
            if library not in HEAVY_HOMES:
                continue
            allowed = any(name == home or name.startswith(home + ".")
                          for home in HEAVY_HOMES[library])
            if at_top or not allowed:
                misplaced.append(f"{name}:{line} imports {imported}")
    assert misplaced == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_longer_than_400_lines(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"{name} has {lines} lines: it owns two things"


@pytest.mark.parametrize("cls, values", [
    (Token, ("林雨晨", 3, 6, "nr", "Lin Yuchen")),
    (TermHit, ("new-quality-productive-forces", "new productive forces", 0, 21, 1, 1,
               Language.EN, "superseded", "new quality productive forces",
               "new productive forces")),
])
def test_the_fast_constructor_sets_every_field(cls, values):
    assert len(values) == len(dataclasses.fields(cls))
    made = fast_constructor(cls)(*values)
    assert made == cls(*values)
    assert vars(made) == vars(cls(*values))
    with pytest.raises(TypeError):
        fast_constructor(cls)(*values[:-1])  # a field left out is an error, never a gap
