"""``casegraph extract``: one case graph per bulletin, written as ``OUT/<id>.json``."""
from __future__ import annotations

import gc
import os
from contextlib import nullcontext
from pathlib import Path
from typing import NoReturn

import click

from casegraph.cli.app import cli
from casegraph.cli.options import date_option, one_line
from casegraph.collector import collector_paused
from casegraph.document import Document
from casegraph.errors import InputError
from casegraph.extract import extract_data, tagger_switched
from casegraph.io import compact_json, safe_filename, write_bytes_atomic
from casegraph.read import iter_documents


@cli.command("extract")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--out", required=True, metavar="DIR",
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the graphs (created if missing).")
@click.option("--city", metavar="TEXT", help="City of documents that name none, e.g. 北京.")
@click.option("--date", metavar="DATE", callback=date_option,
              help="Date (YYYY-MM-DD) of documents that carry none.")
@click.option("-q", "--quiet", is_flag=True, help="No summary line (errors still show).")
@click.option("--no-tagger", is_flag=True,
              help="Rules only: no places proposed by the learned tagger.")
@click.pass_context
def extract_command(ctx: click.Context, inputs: tuple[str, ...], out: Path,
                    city: str | None, date: str | None, quiet: bool, no_tagger: bool) -> None:
    """Extract each bulletin's case graph into DIR/<id>.json (node-link JSON).

    INPUT is a .txt file (id = file stem; UTF-8, GB18030/GBK or UTF-16), a .jsonl file
    (one {"id", "text", "city", "date"} object a line), a folder (its .txt and .jsonl
    files, recursively) or - for standard input. A manifest.tsv beside .txt files
    (columns file, city, date) gives their city and date.

    A bad document is reported on one line and skipped; the exit status is then 1.

    The cycle collector is paused for the whole run: extraction makes no reference cycles,
    and a collection after each bulletin (once :func:`extract_data` lets it run) walked its
    whole graph for nothing, 3-4% of the run.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        _fail(ctx, f"{out}: cannot create output folder: {_reason(err)}")
    written: dict[str, str] = {}
    errors = 0
    with tagger_switched(False) if no_tagger else nullcontext(), collector_paused():
        for item in iter_documents(inputs, city=city or None, date=date):
            if isinstance(item, InputError):
                _report(str(item))
                errors += 1
            elif not _extract_one(ctx, item, out, written):
                errors += 1
        gc.freeze()  # what the run loaded lives until the exit: no collection need walk it
    if not quiet:
        click.echo(f"casegraph: extracted {len(written)} document(s) into {out}"
                   f"{f' ({errors} error(s))' if errors else ''}", err=True)
    ctx.exit(1 if errors else 0)


def _extract_one(ctx: click.Context, doc: Document, out: Path, written: dict[str, str]) -> bool:
    """Extract and write one document; report and return False when it fails.

    The file is written atomically (complete or absent, whatever interrupts the run) as one
    line of JSON, and not flushed to disk one by one: indenting and an ``fsync`` per file
    cost more than the extraction itself, for output that a re-run makes again."""
    where = _where(doc)
    stem = safe_filename(doc.id)
    if stem in written:
        _report(f"{where}: duplicate document id {doc.id!r} (first in {written[stem]}), skipped")
        return False
    try:
        data = extract_data(doc)  # the node-link JSON of extract_document(doc), no networkx
    except Exception as err:  # an extractor bug must cost one document, not the run
        if os.environ.get("CASEGRAPH_DEBUG"):
            raise
        _report(f"{where}: internal error while extracting: {type(err).__name__}: {err} "
                "(please report it; CASEGRAPH_DEBUG=1 shows the traceback)")
        return False
    target = out / f"{stem}.json"
    try:
        write_bytes_atomic(target, compact_json(data), fsync=False)  # see _extract_one's docstring
    except (TypeError, ValueError) as err:  # the graph held something JSON cannot say
        _report(f"{where}: internal error: graph is not JSON-serialisable: {err}")
        return False
    except OSError as err:  # the output side is broken: every later write would fail too
        _fail(ctx, f"{target}: cannot write: {_reason(err)}")
    written[stem] = where
    return True


def _where(doc: Document) -> str:
    where = doc.path or doc.id
    return f"{where}:{doc.line}" if doc.line is not None else where


def _reason(err: OSError) -> str:
    return err.strerror.lower() if err.strerror else str(err)


def _report(message: str) -> None:
    click.echo(f"casegraph: error: {one_line(message)}", err=True)


def _fail(ctx: click.Context, message: str) -> NoReturn:
    _report(message)
    ctx.exit(1)

