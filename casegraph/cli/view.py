"""``casegraph view``: the interactive HTML page of the store's graph, or of a part of it."""
from __future__ import annotations

import webbrowser
from pathlib import Path

import click

from casegraph.cli.app import cli
from casegraph.cli.options import choices, date_option
from casegraph.errors import StoreError
from casegraph.query import resolve
from casegraph.query.exposure import VIA
from casegraph.schema import NODE_TYPES
from casegraph.store import open_store
from casegraph.view import MAX_NODES, write_html


def _types(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str]:
    return choices(values, NODE_TYPES)


@cli.command("view")
@click.argument("out", metavar="OUT", type=click.Path(path_type=Path))
@click.option("--focus", metavar="NODE", help="Show only the neighbourhood of this node "
              "(id or name).")
@click.option("--hops", type=click.IntRange(0, 50), metavar="N",
              help="Neighbourhood radius for --focus (default 2).")
@click.option("--type", "types", multiple=True, callback=_types, metavar="TYPE",
              help=f"Only nodes of this type ({', '.join(NODE_TYPES)}); repeat or "
              "comma-separate.")
@click.option("--since", callback=date_option, metavar="DATE", help="Only items dated on or after "
              "DATE (YYYY-MM-DD); undated items stay.")
@click.option("--until", callback=date_option, metavar="DATE", help="Only items dated on or before "
              "DATE.")
@click.option("--max-nodes", type=click.IntRange(1), default=MAX_NODES, show_default=True,
              help="Page limit: above it the page keeps the largest clusters (or the "
              "nodes nearest to --focus) and says so.")
@click.option("-o", "--output", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
              help="The page to write (default: OUT/graph.html, or X.html for a file X.json).")
@click.option("--via", type=click.Choice(VIA), default="exposure", show_default=True,
              help="With --focus: exposure walks only close contact and shared specific "
              "places (no quarantine site, hospital, city, country or hub in between); all "
              "walks every link.")
@click.option("--open", "open_page", is_flag=True, help="Open the page in a browser.")
def view_command(out: Path, focus: str | None, hops: int | None, types: list[str],
                 since: str | None, until: str | None, max_nodes: int, output: Path | None,
                 via: str, open_page: bool) -> None:
    """Write an offline, interactive HTML page of the graph of the store OUT.

    One self-contained file (nothing is fetched): nodes coloured and shaped by type,
    cases and places sized by degree, edges labelled with relation and date; hover or
    click for attributes, sources and evidence; search, and filters by type, relation
    and date range.
    """
    if hops is not None and focus is None:
        raise click.UsageError("--hops needs --focus")
    if since and until and since > until:
        raise click.BadParameter(f"{since} is after --until {until}", param_hint="--since")
    store = open_store(out)
    if focus is not None:  # named as queries name it; with an index, only its neighbourhood
        focus = resolve(store.graph, focus)  # is read, not the whole graph.json
        G = store.neighbourhood(focus, 2 if hops is None else hops)
    else:
        G = store.load()
    target = output or (out / "graph.html" if out.is_dir() else out.with_suffix(".html"))
    try:
        with store.evidence() as sentences:  # absent: pages without them
            page = write_html(G, target, focus=focus, hops=2 if hops is None else hops,
                              types=types or None, since=since, until=until,
                              max_nodes=max_nodes, evidence=sentences.lookup(G),
                              plots=analysis_plots(store.folder), via=via)
    except OSError as err:
        raise StoreError(f"{err.filename or target}: cannot write: {err.strerror or err}") from None
    if page.note:
        click.echo(f"casegraph: {page.note}", err=True)
    click.echo(f"casegraph: wrote {page.path} ({page.nodes:,} nodes, {page.edges:,} edges)",
               err=True)
    if open_page:
        _open_in_browser(page.path)


def analysis_plots(folder: Path) -> dict[str, bytes]:
    """The SVG plots ``casegraph analyze`` wrote beside a store, by file stem, to show in
    the page (none where it was not run)."""
    return {path.stem.replace("_", " "): path.read_bytes()
            for path in sorted((folder / "analysis").glob("*.svg"))}


def _open_in_browser(page: Path) -> None:
    """Open the page, or say in one line that no browser could be opened here (a server,
    a container): the page is written all the same, so the command still succeeds."""
    try:
        opened = webbrowser.open(page.resolve().as_uri())
    except webbrowser.Error:
        opened = False
    if not opened:
        click.echo(f"casegraph: no browser could be opened here; open {page} in one", err=True)
