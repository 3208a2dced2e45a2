"""The ``casegraph`` command group and the one place errors become one-line messages."""
from __future__ import annotations

import importlib
import sys

import click

from casegraph import __version__
from casegraph.errors import CasegraphError

#: Each command, the module that defines it (imported only when the command runs, so that
#: ``casegraph --help`` loads none of them) and the line ``--help`` shows for it.
COMMANDS = {
    "analyze": ("casegraph.cli.analyze", "Epidemiology of a store: intervals, offspring, "
                "chains, places, epicurve."),
    "build": ("casegraph.cli.build", "Extract bulletins and merge them into a store, with "
              "its exports and page."),
    "export": ("casegraph.cli.export", "Export a store's graph (GraphML, GEXF, CSV, Neo4j, "
               "JSON)."),
    "extract": ("casegraph.cli.extract", "Extract each bulletin's case graph into "
                "DIR/<id>.json."),
    "query": ("casegraph.cli.query", "Ask a store a question: chain, path, clusters, place, "
              "timeline, ego, find, stats."),
    "view": ("casegraph.cli.view", "Write an offline, interactive HTML page of a store's "
             "graph."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported when one of them is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMANDS:
            importlib.import_module(COMMANDS[name][0])  # registers the command on ``cli``
        return self.commands.get(name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1] if name in COMMANDS else
                 self.commands[name].get_short_help_str()) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="casegraph")
def cli() -> None:
    """Turn Chinese COVID-19 bulletins into a case-chain knowledge graph."""


def main() -> None:
    """Console entry point: run the group; no traceback ever reaches the user."""
    try:
        code = cli.main(standalone_mode=False)  # ctx.exit(n) comes back as a return value
        sys.exit(code if isinstance(code, int) else 0)
    except click.exceptions.Exit as stop:
        sys.exit(stop.exit_code)
    except click.ClickException as err:  # usage errors: exit 2
        err.show()
        sys.exit(err.exit_code)
    except click.exceptions.Abort:
        click.echo("casegraph: aborted", err=True)
        sys.exit(130)
    except CasegraphError as err:
        click.echo(f"casegraph: error: {err}", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("casegraph: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as err:  # a bug of ours: still one line, with a hint
        click.echo(f"casegraph: internal error: {type(err).__name__}: {err} "
                   "(please report it; set CASEGRAPH_DEBUG=1 for the traceback)", err=True)
        if __import__("os").environ.get("CASEGRAPH_DEBUG"):
            raise
        sys.exit(1)
