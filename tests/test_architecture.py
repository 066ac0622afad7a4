"""The layout the package promises: measures side by side, no measure importing another, no
import circle, and the command line's pieces apart from the measures."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "analysis"
# what sits under the measures: reading the corpus, word lists, statistics, paths, errors
FOUNDATION = {"paths", "errors", "corpus", "cleaning", "segmentation", "tables", "lexicons", "stats",
              "resources", "logs", "outputs_atomic", "parallel", "progress"}
# measures over the corpus, side by side
BASE_MEASURES = {"readability", "sentiment", "actors", "stories", "keyness", "language", "docsim"}
# measures built on one base measure each
UPPER_MEASURES = {"framing": {"actors", "speakers_parsed"}, "overlap": {"stories", "docsim"},
                  "speakers_parsed": {"actors"}}


def local_imports(module: Path) -> set[str]:
    """Names of the package's modules that ``module`` imports, anywhere in its body."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("analysis."):
            found.add(node.module.split(".")[1])
    return found


MODULES = {p.stem: local_imports(p) for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "__main__")}


@pytest.mark.parametrize("name", sorted(BASE_MEASURES & MODULES.keys()))
def test_base_measures_import_only_the_foundation(name):
    assert MODULES[name] <= FOUNDATION, f"{name} imports {sorted(MODULES[name] - FOUNDATION)}"


@pytest.mark.parametrize("name", sorted(UPPER_MEASURES.keys() & MODULES.keys()))
def test_upper_measures_import_one_base_measure(name):
    allowed = FOUNDATION | UPPER_MEASURES[name]
    assert MODULES[name] <= allowed, f"{name} imports {sorted(MODULES[name] - allowed)}"


def test_foundation_imports_no_measure():
    measures = BASE_MEASURES | UPPER_MEASURES.keys()
    for name in FOUNDATION & MODULES.keys():
        assert not MODULES[name] & measures, f"{name} imports {sorted(MODULES[name] & measures)}"


def test_commands_do_not_import_the_cli():
    assert "cli" not in MODULES["commands"] and "cli" not in MODULES["outputs"]


def test_no_import_circle():
    def visit(name: str, path: tuple[str, ...]) -> None:
        for child in MODULES.get(name, ()):
            assert child not in path, "import circle: " + " -> ".join((*path, child))
            visit(child, (*path, child))

    for name in MODULES:
        visit(name, (name,))
