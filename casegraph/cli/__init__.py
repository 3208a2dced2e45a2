"""Command-line interface: each module of this package wires one family of commands."""
from casegraph.cli.app import cli, main

# Importing a command module registers its commands on ``cli``.
from casegraph.cli import extract  # noqa: E402,F401
from casegraph.cli import view  # noqa: E402,F401
from casegraph.cli import export  # noqa: E402,F401
from casegraph.cli import build  # noqa: E402,F401
from casegraph.cli import query  # noqa: E402,F401
from casegraph.cli import analyze  # noqa: E402,F401

__all__ = ["cli", "main"]
