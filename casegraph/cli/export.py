"""``casegraph export``: the store's graph in the formats other tools read."""
from __future__ import annotations

import os
from pathlib import Path

import click

from casegraph.cli.app import cli
from casegraph.cli.options import choices
from casegraph.errors import StoreError
from casegraph.export import FORMATS, copy_current, read_table, write_all


def _formats(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str]:
    return choices(values, FORMATS, lower=True) or list(FORMATS)


@cli.command("export")
@click.argument("out", metavar="OUT", type=click.Path(path_type=Path))
@click.option("-f", "--format", "formats", multiple=True, callback=_formats,
              metavar="FORMAT", help=f"One of {', '.join(FORMATS)}; repeat or comma-separate "
              "(default: all).")
@click.option("-o", "--output", metavar="DIR", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the files (default: OUT itself, beside the store, as "
              "`casegraph build` writes them).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Processes writing formats side by side (default: every core); the "
              "files are the same for any N.")
def export_command(out: Path, formats: list[str], output: Path | None,
                   jobs: int | None) -> None:
    """Export the graph of the store OUT (or of a node-link JSON file OUT).

    \b
    json     graph.json          node-link JSON (in the store folder: the store itself)
    graphml  graph.graphml       Gephi, Cytoscape, yEd
    gexf     graph.gexf          Gephi
    csv      cases.csv           line list, one row per case (R epicontacts)
             contacts.csv        from,to,relation,date per edge
    neo4j    neo4j/nodes.csv, relationships.csv   neo4j-admin database import
             neo4j/load.cypher, load.json         UNWIND $rows ... MERGE, for a server

    Prints the paths written, one a line.
    """
    folder = out if out.is_dir() else out.parent
    target = output or folder
    store_file = folder / "graph.json"
    keep_store = "json" in formats and (target / "graph.json").resolve() == store_file.resolve()
    chosen = [f for f in formats if not (keep_store and f == "json")]
    try:
        # a store's own exports, where they were written from its graph.json as it is
        paths = copy_current(out, target, chosen) if out.is_dir() else None
        if paths is None:
            # no networkx graph: the writers read the node-link rows
            paths = write_all(read_table(out), target, chosen, jobs=jobs or _cores())
    except OSError as err:
        raise StoreError(f"{err.filename or target}: cannot write: {err.strerror or err}") from None
    for path in ([store_file] if keep_store else []) + paths:
        click.echo(str(path))


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1
