"""The ``casegraph`` command group and the one place errors become one-line messages."""
from __future__ import annotations

import sys

import click

from casegraph import __version__
from casegraph.errors import CasegraphError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
