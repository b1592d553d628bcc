"""Layout rules of issue 19: no import cycle in the package, no benchmark code in it, no
module-level caches but the one documented pipeline cache."""

from __future__ import annotations

import ast
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

import eventwire

PACKAGE = Path(eventwire.__file__).resolve().parent
CACHE_DECORATORS = {"cache", "lru_cache", "cached_property"}
#: The documented module-level caches. Adding one means adding it here with its reason.
ALLOWED_CACHES = {
    # The one per-process pipeline cache (models, gazetteer): eventwire.extract/extract_many.
    ("pipeline_cache.py", "cached_pipeline"),
    # (Cue lexicons, the role frames and what is compiled from them are loaded by
    # pipeline.build_stages and passed in; their memos live on the Cues instance.)
}


def _module_imports(path: Path) -> set[str]:
    """Modules a file imports at module level (not inside functions or TYPE_CHECKING)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports at module level. A module's own parent
    packages are left out: Python runs them before it, whatever it imports."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {
            m
            for m in _module_imports(path) & set(modules)
            if m != name and not name.startswith(m + ".")
        }
        for name, path in modules.items()
    }


def test_layout_package_has_no_import_cycle() -> None:
    # issue 19: serve/__init__ -> api -> read -> serve.render was one
    try:
        TopologicalSorter(_import_graph()).prepare()
    except CycleError as err:
        pytest.fail(f"import cycle: {' -> '.join(err.args[1])}")


def test_layout_geo_does_not_import_evaluation() -> None:
    # fitting (evaluate/geofit.py) reads the geo code, never the other way round
    graph = _import_graph()
    leaks = {
        name: sorted(d for d in deps if d.startswith("eventwire.evaluate"))
        for name, deps in graph.items()
        if name.startswith("eventwire.geo")
    }
    assert {k: v for k, v in leaks.items() if v} == {}


def test_layout_no_benchmark_or_synthetic_code_in_the_runtime_package() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")}
    assert [n for n in names if "bench" in n.split("/")[-1] and not n.startswith("cli/")] == []
    assert [n for n in names if "synthetic" in n] == []
    runtime = [p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] != "cli"]
    assert [str(p) for p in runtime if "eventwire_bench" in p.read_text(encoding="utf-8")] == []


def test_layout_module_level_caches_are_the_documented_one() -> None:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for deco in node.decorator_list:
                    target = deco.func if isinstance(deco, ast.Call) else deco
                    name = (
                        target.attr
                        if isinstance(target, ast.Attribute)
                        else getattr(target, "id", "")
                    )
                    if name in CACHE_DECORATORS:
                        found.add((path.relative_to(PACKAGE).as_posix(), node.name))
    assert found == ALLOWED_CACHES


def _empty_container(node: ast.expr | None) -> bool:
    """``{}``, ``[]``, ``set()``, ``dict()``, ``defaultdict(list)``…: state waiting to be filled."""
    if isinstance(node, ast.Dict):
        return not node.keys
    if isinstance(node, ast.List | ast.Set):
        return not node.elts
    if isinstance(node, ast.Call):
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        return name in {"dict", "list", "set", "defaultdict", "OrderedDict", "deque"} and not (
            node.args and not isinstance(node.args[0], ast.Name)
        )
    return False


def test_layout_no_module_level_mutable_state() -> None:
    # issue 19: batch/local.py and batch/spark.py kept their pipelines in module-level dicts;
    # pipelines live in the one cache above (pipeline_cache.py), other state is passed in.
    found = [
        f"{path.relative_to(PACKAGE).as_posix()}:{node.lineno}"
        for path in PACKAGE.rglob("*.py")
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.Assign | ast.AnnAssign) and _empty_container(node.value)
    ]
    assert found == []


def test_layout_bench_commands_still_registered() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "eventwire.cli", "bench", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for command in ("pipeline", "gazetteer", "api", "watch"):
        assert command in out.stdout
