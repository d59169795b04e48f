"""Library commands (ingest, stories, show, search): parse, call ``newsdesk.store``, render."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from newsdesk.settings import OPTIONS


def setting_option(name: str, *flags: str, help: str = "") -> typer.models.OptionInfo:
    """A CLI option declared by ``Settings``: the same flag, help, bounds and default shown in every
    command (``help`` replaces the declared text where a command does less, as ``extract``)."""
    declared = next(f for f in OPTIONS if f.name == name)
    text = f"{help or declared.metadata['help']} \\[default: {declared.default}]"  # "\\[": not a Rich tag
    low = declared.metadata["low"]
    return typer.Option(f"--{name}", *flags, help=text, min=low, show_default=False)  # type: ignore[no-any-return]


def plain_help(doc: str | None) -> str:
    """A docstring as help text: each paragraph on one line (the terminal wraps it), double
    backticks (reST) dropped."""
    paragraphs = re.split(r"\n\s*\n", (doc or "").strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs).replace("``", "")


Words = Annotated[Optional[int], setting_option("words")]  # None: the --settings file's, else the default

Db = Annotated[
    Optional[Path], typer.Option("--db", help="Library file (default: $NEWSDESK_DB, else the user data folder).")
]
AsJson = Annotated[bool, typer.Option("--json", help="JSON on stdout.")]
Debug = Annotated[bool, typer.Option("--debug", help="Show tracebacks.")]


def _json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def ingest(
    paths: Annotated[list[str], typer.Argument(
        help="Files (.txt, .html, .htm, .gz), folders, .warc/.warc.gz archives, or URLs of pages, feeds or sitemaps.")],
    db: Db = None,
    words: Words = None,
    batch: Annotated[int, typer.Option(help="Files stored per transaction.", min=1)] = 100,
    allow_local: Annotated[bool, typer.Option("--allow-local", help="Let URLs reach this machine and private networks.")] = False,
    contact: Annotated[Optional[str], typer.Option(help="Contact sent in the User-Agent when fetching.")] = None,
    as_json: AsJson = False,
    debug: Debug = False,
) -> None:
    """Add new articles to the library: they join their stories (or open new ones), and only the
    stories they touch are analysed again.  Files already in the library are skipped."""
    from newsdesk.cli import EXIT_FILE_ERRORS, EXIT_OK, _guard, _progress, print_problems
    from newsdesk.report.library import render_ingest
    from newsdesk.store import open_library
    from newsdesk.store.ingestion import ingest as run

    with _guard(debug), open_library(db) as lib, _progress() as progress:
        from newsdesk.fetch.settings import FetchSettings

        fetching = FetchSettings(allow_loopback=allow_local, allow_private=allow_local, contact=contact or "")
        report = run(list(paths), lib, words=words, batch=batch, progress=progress, fetch_settings=fetching)
    if as_json:
        _json(report.to_dict())
    else:
        render_ingest(report, Console())
    print_problems(report.errors, report.notes)
    raise typer.Exit(EXIT_FILE_ERRORS if report.errors else EXIT_OK)


def stories(
    db: Db = None,
    since: Annotated[Optional[str], typer.Option(help="Only stories active since this date (ISO).")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only stories one of whose outlets is this.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.", min=1)] = 50,
    as_json: AsJson = False,
    debug: Debug = False,
) -> None:
    """List the library's stories, the latest activity first."""
    from newsdesk.cli import _guard
    from newsdesk.report.library import render_stories
    from newsdesk.store import open_library

    with _guard(debug), open_library(db, create=False) as lib:
        found = lib.stories(since=since, outlet=outlet, limit=limit)
    if as_json:
        _json([s.to_dict() for s in found])
    else:
        render_stories(found, Console())


def show(
    story_id: Annotated[str, typer.Argument(help="Story id, as 'newsdesk stories' lists it.")],
    db: Db = None,
    changes: Annotated[bool, typer.Option("--changes", help="What each version added.")] = False,
    as_json: AsJson = False,
    md: Annotated[bool, typer.Option("--md", help="Markdown on stdout.")] = False,
    debug: Debug = False,
) -> None:
    """Show one story: brief, claims, conflicts, quotes, timeline (a merged story's id shows its survivor)."""
    from newsdesk.cli import _guard
    from newsdesk.models import Digest
    from newsdesk.report.library import render_changes
    from newsdesk.report.markdown import to_markdown
    from newsdesk.report.terminal import render
    from newsdesk.store import open_library

    with _guard(debug), open_library(db, create=False) as lib:
        record = lib.story(story_id)
        digest = Digest(tuple(lib.articles(record.story.articles)), (record.story,))
    console = Console()
    if record.redirected_from and not as_json:
        console.print(f"story {record.redirected_from} was merged into story {record.story.id}", markup=False)
    if as_json:
        _json({**digest.to_dict(), "story": record.to_dict()})
    elif md:
        sys.stdout.write(to_markdown(digest))
    elif not changes:
        render(digest, console)
    if changes and not as_json:
        render_changes(record.changes, console)


def search(
    query: Annotated[str, typer.Argument(help="Words to find (all of them); word* for a prefix.")],
    db: Db = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Published on or after (ISO date).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Published on or before (ISO date).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many.", min=1)] = 20,
    as_json: AsJson = False,
    debug: Debug = False,
) -> None:
    """Search articles, claims and quotes; best matches first, matched words highlighted."""
    from newsdesk.cli import _guard
    from newsdesk.report.library import render_hits
    from newsdesk.store import open_library

    with _guard(debug), open_library(db, create=False) as lib:
        hits = lib.search(query, outlet=outlet, since=since, until=until, limit=limit)
    if as_json:
        _json([h.to_dict() for h in hits])
    else:
        render_hits(hits, Console())


def register(app: typer.Typer) -> None:
    for command in (ingest, stories, show, search):
        app.command()(command)
