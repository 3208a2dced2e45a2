"""``casegraph build``: many bulletins -> one merged graph in a store folder."""
from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import click

import casegraph
from casegraph.cli.app import cli
from casegraph.cli.options import choices, date_option, one_line
from casegraph.errors import InputError
from casegraph.export import FORMATS
from casegraph.pipeline import DEFAULT_OUT, ENGINES, build, engine
from casegraph.extract import tagger_switched


def _formats(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[str] | None:
    if [f.strip().lower() for value in values for f in value.split(",") if f.strip()] == ["none"]:
        return []
    return choices(values, FORMATS, lower=True, extra=" (or none)") or None


@cli.command("build")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--out", default=DEFAULT_OUT, show_default=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path), help="The store folder.")
@click.option("--city", metavar="TEXT", help="City of documents that name none, e.g. 北京.")
@click.option("--date", metavar="DATE", callback=date_option,
              help="Date (YYYY-MM-DD) of documents that carry none.")
@click.option("--rebuild", is_flag=True, help="Start the store over instead of adding to it.")
@click.option("--no-wait", is_flag=True,
              help="Fail at once if another build is writing the store (default: wait).")
@click.option("-f", "--format", "formats", multiple=True, callback=_formats, metavar="FORMAT",
              help="Exports to write beside the store; repeat or comma-separate "
                   "(default: all; 'none' for none).")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.option("--timings", is_flag=True,
              help="Print how long each stage took (batches, fold, save: graph.json and its "
                   "query index, ...).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: every core); the graph is the same for any N.")
@click.option("--engine", "engine_name", type=click.Choice(ENGINES), default="local",
              show_default=True, help="local: processes of this machine; dask: a Dask cluster "
                                      "(pip install 'casegraph[dask]').")
@click.option("--scheduler", metavar="ADDRESS",
              help="A running Dask scheduler (tcp://host:8786) for --engine dask "
                   "(default: a local cluster of --jobs workers).")
@click.option("--no-tagger", is_flag=True,
              help="Rules only: no places proposed by the learned tagger (local engine; on a "
                   "Dask cluster set CASEGRAPH_TAGGER=0 in the workers' environment).")
@click.pass_context
def build_command(ctx: click.Context, inputs: tuple[str, ...], out: Path, city: str | None,
                  date: str | None, rebuild: bool, no_wait: bool, formats: list[str] | None,
                  no_html: bool, quiet: bool, timings: bool, jobs: int | None,
                  engine_name: str, scheduler: str | None, no_tagger: bool) -> None:
    """Extract every bulletin of INPUT..., merge them into one graph and store it in DIR.

    INPUT is what `casegraph extract` reads: .txt and .jsonl files, folders, or - for
    standard input. On an existing store only documents it has not seen are added (a
    document whose text changed replaces its old version); --rebuild starts over.

    DIR/graph.json is the merged graph (node-link JSON), DIR/evidence.sqlite the evidence
    sentences; the exports and graph.html are written beside them. A bad document is
    reported on one line and skipped; the exit status is then 1.

    Extraction runs in --jobs processes, or on a Dask cluster with --engine dask; the
    graph is byte for byte the same either way.
    """
    if scheduler and engine_name != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    def on_error(err: InputError) -> None:
        click.echo(f"casegraph: error: {one_line(str(err))}", err=True)

    def on_wait(message: str) -> None:
        if not quiet:
            click.echo(f"casegraph: {message}", err=True)

    with tagger_switched(False) if no_tagger else nullcontext():
        report = build(inputs, out, city=city or None, date=date, rebuild=rebuild,
                       wait=not no_wait, formats=formats, html=not no_html,
                       progress=not quiet and sys.stderr.isatty(), on_error=on_error,
                       on_wait=on_wait, mapper=engine(engine_name, jobs=jobs, scheduler=scheduler),
                       extractor=casegraph.extract_document)  # the public one, at call time
    if not quiet:
        parts = [f"{len(report.added)} added"]
        if report.replaced:
            parts.append(f"{len(report.replaced)} replaced")
        parts.append(f"{report.unchanged} unchanged")
        if report.errors:
            parts.append(f"{len(report.errors)} error(s)")
        click.echo(f"casegraph: {out}: {', '.join(parts)}; {report.documents} document(s), "
                   f"{report.nodes} nodes, {report.edges} edges", err=True)
    if timings:
        click.echo("casegraph: timings: " + ", ".join(
            f"{stage} {seconds:.1f} s" for stage, seconds in report.timings.items()), err=True)
    if report.page_note:
        click.echo(f"casegraph: {report.page_note}", err=True)
    ctx.exit(1 if report.errors else 0)

