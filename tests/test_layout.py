"""The layout keeps the pipeline readable: imports flow one way, modules stay small, and the
questions and the merge choose no code path by probing the graph."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "casegraph"
MAX_LINES = 700


def modules() -> dict[str, Path]:
    """``{dotted module name: file}`` of every module of casegraph (a package is its
    ``__init__``)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The casegraph modules ``name`` imports anywhere in it (in functions too): ``from a
    import b`` counts as ``a.b`` where that is a module, else as ``a``."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's package
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[:len(package) - (node.level - 1)]
                base = ".".join(package + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:  # ``import casegraph.a.b`` names a.b
                target = target.rpartition(".")[0]
            if target.startswith("casegraph") and target != name:
                found.add(target)
    return found


def import_graph() -> nx.DiGraph:
    known = modules()
    graph = nx.DiGraph()
    graph.add_nodes_from(known)
    for name, path in known.items():
        graph.add_edges_from((name, target) for target in imports(name, path, known))
    return graph


def test_no_import_cycle_among_casegraph_modules():
    cycles = [sorted(c) for c in nx.strongly_connected_components(import_graph()) if len(c) > 1]
    assert cycles == [], f"modules that import each other: {cycles}"


def test_nothing_below_the_cli_imports_the_cli_or_the_package_root():
    graph = import_graph()
    top = {"casegraph", "casegraph.__main__"}
    wrong = sorted((name, target) for name, target in graph.edges
                   if name not in top and not name.startswith("casegraph.cli")
                   and (target == "casegraph" or target.startswith("casegraph.cli")))
    assert wrong == []


#: The README's layout table, row by row: a module imports only modules of its row or above.
LAYERS = [("casegraph.schema", "casegraph.errors", "casegraph.document", "casegraph.names",
           "casegraph.io", "casegraph.collector", "casegraph.regexcache"),
          ("casegraph.read",), ("casegraph.lexicon",), ("casegraph.extract",),
          ("casegraph.store",), ("casegraph.merge",), ("casegraph.query",),
          # epidemiology from the merged graph (the analyze branch: its page's time axis
          # and plots read it)
          ("casegraph.analyze", "casegraph.plots", "casegraph.timeaxis"),
          ("casegraph.export", "casegraph.view", "casegraph.page"), ("casegraph.pipeline",),
          ("casegraph",),  # the package root: the Python API
          ("casegraph.cli", "casegraph.__main__")]


def layer(module: str) -> int:
    """The row of the layout table ``module`` belongs to (its longest matching prefix)."""
    best, rank = "", None
    for i, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > len(best):
                best, rank = prefix, i
    assert rank is not None, f"{module} is in no row of the layout: add it to LAYERS and " \
        "to the README's layout table"
    return rank


def test_a_module_imports_only_its_row_of_the_layout_or_rows_above():
    upward = sorted((name, target) for name, target in import_graph().edges
                    if layer(target) > layer(name))
    assert upward == []


def test_the_pipeline_stages_are_packages():
    for stage in ("extract", "merge", "store", "query", "pipeline", "export", "lexicon", "cli"):
        assert (PACKAGE / stage / "__init__.py").is_file(), stage


def test_no_module_is_over_700_lines():
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines())
             for name, path in modules().items()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_questions_and_merge_choose_no_code_path_by_probing_the_graph():
    """A question dispatches once to a backend (casegraph.query.backends); the merge tells
    graph containers apart by type."""
    probes = []
    for folder in ("query", "merge"):
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "hasattr":
                    probes.append(f"{path.name}:{node.lineno}")
    assert probes == []


def test_shared_constants_are_defined_once():
    """Node types, relations and place types come from casegraph.schema alone (outside the
    extractor and the lexicon)."""
    defined = []
    for name, path in modules().items():
        if name == "casegraph.schema" or name.startswith(("casegraph.extract",
                                                           "casegraph.lexicon")):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if getattr(target, "id", None) in ("NODE_TYPES", "RELATIONS", "PLACE_TYPES"):
                        defined.append(f"{name}.{target.id}")
    assert defined == []
