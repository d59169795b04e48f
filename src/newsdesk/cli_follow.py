"""Following commands (follow add|import|list|remove, fetch): parse, call ``newsdesk.fetch``, render."""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsdesk.cli_library import Db, Debug

follow = typer.Typer(help="Sources the library follows: feeds, sitemaps, sites.", no_args_is_help=True)
AllowLocal = Annotated[bool, typer.Option("--allow-local", help="Also fetch from this machine and private networks.")]
Contact = Annotated[Optional[str], typer.Option(help="Contact (e-mail or URL) sent in the User-Agent; else $NEWSDESK_CONTACT.")]
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$", re.I)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """'15m' -> 900.0 seconds ('90s', '2h', '1d'; a bare number is minutes); at least one minute."""
    found = _EVERY.match(text)
    if not found:
        raise typer.BadParameter(f"{text!r} is not a duration such as 15m, 2h or 90s")
    seconds = float(found.group(1)) * _UNIT[(found.group(2) or "m").lower()]
    if seconds < 60:
        raise typer.BadParameter("fetch at most once a minute (use 1m or more)")
    return seconds


def _settings(allow_local: bool, contact: str | None):  # type: ignore[no-untyped-def]
    from newsdesk.fetch.settings import FetchSettings

    return FetchSettings(allow_loopback=allow_local, allow_private=allow_local, contact=contact or "")


@follow.command("add")
def follow_add(
    addresses: Annotated[list[str], typer.Argument(help="Feed, sitemap or site addresses.")],
    db: Db = None, allow_local: AllowLocal = False, contact: Contact = None, debug: Debug = False,
) -> None:
    """Follow feeds or sitemaps; a site's address is followed through the feeds it announces."""
    from newsdesk.cli import EXIT_FILE_ERRORS, EXIT_OK, _guard, err
    from newsdesk.fetch.client import Fetcher
    from newsdesk.fetch.errors import FetchError
    from newsdesk.fetch.follow import SourceBook, discover
    from newsdesk.store import open_library

    failed = 0
    with _guard(debug), open_library(db) as lib, Fetcher(_settings(allow_local, contact)) as fetcher:
        book = SourceBook(lib.conn)
        for address in addresses:
            try:
                found = discover(address, fetcher)
            except FetchError as exc:
                err.print(Text(f"error: {exc}"))
                failed += 1
                continue
            new = book.add(found)
            for source in found:
                Console().print(Text(f"following {source.url}" + (f" ({source.title})" if source.title else "")))
            if not new:
                Console().print(Text(f"(already followed: {address})"))
    raise typer.Exit(EXIT_FILE_ERRORS if failed else EXIT_OK)


@follow.command("import")
def follow_import(
    opml: Annotated[Path, typer.Argument(help="An OPML file exported from a feed reader.")],
    db: Db = None, debug: Debug = False,
) -> None:
    """Follow every feed of an OPML file (nested folders included)."""
    from newsdesk.cli import _guard
    from newsdesk.fetch.follow import SourceBook
    from newsdesk.fetch.harvest import Source
    from newsdesk.fetch.sources import parse_opml

    with _guard(debug):
        try:
            data = opml.read_bytes()
        except OSError as exc:
            from newsdesk.errors import UsageError

            raise UsageError(f"cannot read: {exc.strerror or exc}", path=str(opml)) from exc
        refs = parse_opml(data, str(opml))
        from newsdesk.store import open_library

        with open_library(db) as lib:
            new = SourceBook(lib.conn).add(Source(r.url, title=r.title) for r in refs)
    Console().print(Text(f"following {new} new feeds ({len(refs) - new} already followed) from {opml}"))


@follow.command("list")
def follow_list(db: Db = None, as_json: Annotated[bool, typer.Option("--json")] = False, debug: Debug = False) -> None:
    """The followed sources and their health: last success, last error, items seen."""
    from dataclasses import asdict

    from newsdesk.cli import _guard
    from newsdesk.fetch.follow import SourceBook
    from newsdesk.store import open_library

    with _guard(debug), open_library(db, create=False) as lib:
        sources = SourceBook(lib.conn).sources()
    if as_json:
        sys.stdout.write(json.dumps([asdict(s) for s in sources], ensure_ascii=False, indent=2) + "\n")
        return
    from newsdesk.report.library import safe

    table = Table("source", "title", "last success", "last error", "items", box=None, header_style="bold")
    for s in sources:
        error = f"{(s.last_error_at or '')[:16]} {s.last_error}" if s.last_error else ""
        table.add_row(Text(safe(s.url)), Text(safe(s.title or "")), Text((s.last_success or "never")[:16]),
                      Text(safe(error), style="red"), Text(str(s.items_seen)))
    Console().print(table)


@follow.command("remove")
def follow_remove(
    urls: Annotated[list[str], typer.Argument(help="Addresses as 'newsdesk follow list' shows them.")],
    db: Db = None, debug: Debug = False,
) -> None:
    """Stop following sources (the articles already in the library stay)."""
    from newsdesk.cli import EXIT_FILE_ERRORS, EXIT_OK, _guard, err
    from newsdesk.fetch.follow import SourceBook
    from newsdesk.store import open_library

    missing = 0
    with _guard(debug), open_library(db, create=False) as lib:
        book = SourceBook(lib.conn)
        for url in urls:
            if book.remove(url):
                Console().print(Text(f"no longer following {url}"))
            else:
                err.print(Text(f"error: {url}: not followed (see 'newsdesk follow list')"))
                missing += 1
    raise typer.Exit(EXIT_FILE_ERRORS if missing else EXIT_OK)


def fetch(
    db: Db = None,
    every: Annotated[Optional[str], typer.Option(help="Fetch again on this schedule (15m, 2h) until interrupted.")] = None,
    rounds: Annotated[int, typer.Option(help="With --every: stop after this many rounds (0: never).", min=0)] = 0,
    allow_local: AllowLocal = False, contact: Contact = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON summary per round on stdout.")] = False,
    debug: Debug = False,
) -> None:
    """Fetch every followed source once (or on a schedule) and add what is new to the library."""
    from newsdesk.cli import EXIT_FILE_ERRORS, EXIT_OK, _guard
    from newsdesk.fetch.client import Fetcher
    from newsdesk.fetch.run import fetch_followed
    from newsdesk.store import open_library

    interval = parse_every(every) if every else None
    done = 0
    failed = False
    with _guard(debug), Fetcher(_settings(allow_local, contact)) as fetcher:
        while True:
            with open_library(db) as lib:
                outcome = fetch_followed(lib, fetcher)
            _render_round(outcome, as_json)
            failed = bool(outcome.errors)
            done += 1
            if interval is None or (rounds and done >= rounds):
                break
            time.sleep(interval)
    raise typer.Exit(EXIT_FILE_ERRORS if failed else EXIT_OK)


def _render_round(outcome, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.cli import print_problems
    from newsdesk.report.view import count

    if as_json:
        sys.stdout.write(json.dumps(outcome.to_dict(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    else:
        Console().print(Text(
            f"{count(outcome.sources, 'source')} ({outcome.unchanged} unchanged), {count(outcome.requests, 'request')}; "
            f"{count(outcome.added, 'new article')}; {count(outcome.stories_new, 'new story', 'new stories')}, "
            f"{outcome.stories_updated} updated",
            style="bold"))
    print_problems(outcome.errors)


def register(app: typer.Typer) -> None:
    app.add_typer(follow, name="follow")
    app.command()(fetch)
