"""Command-line interface: each module of this package wires one family of commands,
imported when its command runs (see ``casegraph.cli.app.COMMANDS``)."""
from casegraph.cli.app import COMMANDS, cli, main

__all__ = ["cli", "main", "COMMANDS"]
