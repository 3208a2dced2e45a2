"""``casegraph analyze OUT``: intervals, offspring, chains, places and the epicurve."""
from __future__ import annotations

from pathlib import Path

import click

from casegraph.analyze import DATE_KINDS, analyze
from casegraph.cli.app import cli
from casegraph.cli.options import date_option
from casegraph.errors import CasegraphError
from casegraph.query.output import render
from casegraph.store import open_store


@cli.command("analyze")
@click.argument("out", metavar="OUT", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (stable keys, for scripts).")
@click.option("--on", callback=date_option, metavar="DATE",
              help="The day chains are active or not on (default: the latest case date).")
@click.option("--date-kind", type=click.Choice(["first", *DATE_KINDS]), default="first",
              show_default=True, help="The epicurve's date: a case's first known of onset, "
              "positive, diagnosis, or one of them only.")
@click.option("--stack", type=click.Choice(["chain", "city"]), default="chain", show_default=True,
              help="What the epicurve's days are split by.")
@click.option("--top", type=click.IntRange(1), default=20, show_default=True,
              help="How many places to rank.")
@click.option("--plots", "plots_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write the SVG plots (default: OUT/analysis for a store).")
@click.option("--no-plots", is_flag=True, help="Write no plots.")
def analyze_command(out: Path, as_json: bool, on: str | None, date_kind: str, stack: str,
                    top: int, plots_dir: Path | None, no_plots: bool) -> None:
    """Epidemiology of the store OUT (or a graph .json file): signed serial intervals with
    fits, implausible links, offspring distribution with dispersion k, chains, places and
    the epicurve, each figure with the pairs or cases it came from.
    """
    report = analyze(open_store(out).load(), on=on, date_kind=date_kind, stack=stack, top_places=top)
    click.echo(render(report, as_json=as_json), nl=False)
    if no_plots or (plots_dir is None and not out.is_dir()):
        return
    from casegraph.plots import write_plots

    try:
        written = write_plots(report, plots_dir or out / "analysis")
    except CasegraphError as err:
        if plots_dir is not None:
            raise
        click.echo(f"casegraph: no plots: {err}", err=True)
        return
    except OSError as err:
        raise CasegraphError(f"{err.filename or plots_dir}: cannot write: {err.strerror or err}") from None
    click.echo(f"casegraph: wrote {', '.join(str(p) for p in written.values())}", err=True)
