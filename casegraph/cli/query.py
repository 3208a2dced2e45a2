"""``casegraph query OUT ...``: questions to a built store, as a table or as JSON."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Callable

import click

from casegraph import query as q
from casegraph.query.exposure import HUB_CASES, VIA
from casegraph.cli.app import cli
from casegraph.query.output import render
from casegraph.schema import NODE_TYPES
from casegraph.store import OpenStore, open_store


def _walk_options(command: Callable) -> Callable:
    """--via and --hub: which links a walk follows (see casegraph.query.exposure)."""
    command = click.option("--hub", type=click.IntRange(min=1), default=HUB_CASES,
                           show_default=True,
                           help="A place tied to more cases than this is never a bridge "
                           "(with --via exposure).")(command)
    return click.option("--via", type=click.Choice(VIA), default="exposure", show_default=True,
                        help="exposure: only close contact and shared specific places, no "
                        "quarantine site, hospital, city, country or hub in between; all: "
                        "every link.")(command)


def _output(command: Callable) -> Callable:
    """The flags every query shares, and the one place results are printed."""
    @click.option("--json", "as_json", is_flag=True, help="Print JSON (for scripts).")
    @click.pass_obj
    @functools.wraps(command)
    def wrapper(obj: OpenStore, as_json: bool, **kwargs: Any) -> None:
        click.echo(render(command(obj, **kwargs), as_json=as_json), nl=False)
    return wrapper


@cli.group("query")
@click.argument("out", metavar="OUT", type=click.Path(path_type=Path))
@click.pass_context
def query_group(ctx: click.Context, out: Path) -> None:
    """Ask the store OUT (made by `casegraph build`, or a node-link .json file) a question.

    Names are node ids (case:北京:感染者128), names (感染者128), aliases or full place
    names; a name that matches nothing is answered with near matches.
    """
    ctx.obj = open_store(out)  # read when a question needs it


@query_group.command("chain")
@click.argument("case")
@click.option("--depth", type=click.IntRange(min=1), help="Follow at most this many links.")
@_output
def chain_command(obj: OpenStore, case: str, depth: int | None) -> q.Chain:
    """The transmission chain of CASE: upstream and downstream close contacts, with dates."""
    return q.chain(obj.graph, case, max_depth=depth)


@query_group.command("path")
@click.argument("a")
@click.argument("b")
@click.option("--relation", "relations", multiple=True, metavar="RELATION",
              help="Use only edges of this relation (repeatable).")
@_output
@_walk_options
def path_command(obj: OpenStore, a: str, b: str, relations: tuple[str, ...], via: str,
                 hub: int) -> q.Path:
    """How A and B connect: a shortest path, each edge shown in its direction (by default
    through exposure links only)."""
    return q.path(obj.graph, a, b, relations or None, via=via, hub=hub)


@query_group.command("clusters")
@click.option("--min-size", type=click.IntRange(min=1), default=2, show_default=True,
              help="Smallest cluster shown, in cases.")
@click.option("--window", "window_days", type=click.IntRange(min=0), default=14,
              show_default=True, help="Days apart two cases at one place may be and still join.")
@_output
@click.option("--hub", type=click.IntRange(min=1), default=HUB_CASES, show_default=True,
              help="A place tied to more cases than this joins no one (and is listed).")
def clusters_command(obj: OpenStore, min_size: int, window_days: int, hub: int) -> q.Clusters:
    """Groups of cases joined by close contact or by a specific place within the window,
    largest first, with the links that join them."""
    return q.clusters(obj.graph, min_size=min_size, window_days=window_days, hub=hub)


@query_group.command("place")
@click.argument("name")
@click.option("--city", help="Only places of this city.")
@_output
def place_command(obj: OpenStore, name: str, city: str | None) -> q.Place:
    """The cases tied to place NAME (by relation and date) and the places inside it."""
    return q.place(obj.graph, name, city=city)


@query_group.command("timeline")
@click.argument("case")
@_output
def timeline_command(obj: OpenStore, case: str) -> q.Timeline:
    """Every dated fact about CASE, in order, with the sentence that states it."""
    return q.timeline(obj.graph, case, evidence=obj.evidence().lookup(obj.graph))


@query_group.command("ego")
@click.argument("node")
@click.option("--hops", type=click.IntRange(min=0), default=1, show_default=True,
              help="How many edges away to go.")
@_output
@_walk_options
def ego_command(obj: OpenStore, node: str, hops: int, via: str, hub: int) -> q.Ego:
    """NODE and everything within --hops links of it (by default exposure links only)."""
    return q.ego(obj.graph, node, hops=hops, via=via, hub=hub)


@query_group.command("find")
@click.argument("text")
@click.option("--type", "types", multiple=True,
              type=click.Choice(NODE_TYPES),
              help="Only nodes of this type (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@_output
def find_command(obj: OpenStore, text: str, types: tuple[str, ...], limit: int) -> q.Find:
    """Nodes whose name contains or resembles TEXT, best first."""
    return q.find(obj.graph, text, limit=limit, types=types or None)


@query_group.command("stats")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many top places to list.")
@_output
def stats_command(obj: OpenStore, top: int) -> q.Stats:
    """Counts by type, relation, city, district and date; top places by cases."""
    return q.stats(obj.graph, top=top)
