"""Library results (ingest report, story list, changes, search hits) -> terminal text with Rich
(the ingest's per-file ``error:`` and ``note:`` lines go to stderr: ``newsdesk.cli.print_problems``).

Text from articles is never read as markup: everything goes through ``rich.text.Text`` and
control characters (terminal escape sequences) are replaced before printing.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsdesk.report.view import count
from newsdesk.store.records import IngestReport, SearchHit, StoryChanges, StorySummary

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str | None) -> str:
    """Text with control characters (escape sequences included) shown as '?'."""
    return _CONTROL.sub("?", text or "")


def render_ingest(report: IngestReport, console: Console) -> None:
    console.print(Text(
        f"added {count(report.in_stories, 'article')}{_kept_out(report)} ({count(report.known, 'file')} already known); "
        f"{count(len(report.stories_new), 'new story', 'new stories')}, {len(report.stories_updated)} updated, "
        f"{len(report.merged)} merged", style="bold"))
    for loser, survivor in report.merged:
        console.print(Text(f"  story {loser} merged into {survivor}"))


def _kept_out(report: IngestReport) -> str:
    """', kept 1 article out of stories' (why: its error line), or nothing."""
    n = len(report.kept_out)
    return f", kept {count(n, 'article')} out of stories" if n else ""


def render_stories(stories: list[StorySummary], console: Console) -> None:
    table = Table("id", "updated", "articles", "outlets", "title", box=None, header_style="bold")
    for s in stories:
        table.add_row(Text(s.id), Text(s.updated[:16]), Text(str(s.articles)),
                      Text(safe(", ".join(s.outlets))), Text(safe(s.title)))
    console.print(table)
    if not stories:
        console.print(Text("no stories yet: add articles with `newsdesk ingest PATH`"))


def render_changes(changes: tuple[StoryChanges, ...], console: Console) -> None:
    for c in changes:
        console.print(Text(f"version {c.version} ({c.analysed})", style="bold underline"))
        rows = [
            ("merged from stories", ", ".join(c.merged_from)),
            ("new articles", ", ".join(c.new_articles)),
            ("new outlets", ", ".join(c.new_outlets)),
        ]
        for label, value in rows:
            if value:
                console.print(Text.assemble((f"  {label}: ", "bold"), safe(value)))
        _lines(console, "new claims", [f"- {t}" for t in c.new_claims])
        _lines(console, "newly corroborated", [f"- {t} ({a} -> {b} outlets)" for t, a, b in c.corroborated])
        _lines(console, "new conflicts", [f"- {s}" for s in c.new_conflicts])
        _lines(console, "lost support", [f"- {t} ({a} -> {b} outlets)" for t, a, b in c.lost_support])
        if c.empty:
            console.print(Text("  nothing new"))


def _lines(console: Console, label: str, lines: list[str]) -> None:
    if lines:
        console.print(Text(f"  {label}:", style="bold"))
        for line in lines:
            console.print(Text(f"    {safe(line)}"))


def hit_text(hit: SearchHit) -> Text:
    """The snippet with its matched words in bold, built from offsets (no markup involved)."""
    text = Text(safe(hit.snippet))
    for start, end in hit.highlights:
        text.stylize("bold yellow", start, end)
    return text


def render_hits(hits: list[SearchHit], console: Console) -> None:
    if not hits:
        console.print(Text("no matches"))
    for h in hits:
        where = f"article {h.article_id}" if h.kind == "article" else f"{h.kind} in story {h.story_id}"
        story = f" (story {h.story_id})" if h.kind == "article" and h.story_id else ""
        meta = ", ".join(x for x in (h.outlet, (h.published or "")[:10]) if x)
        console.print(Text.assemble((f"{where}{story}: ", "bold"), safe(h.title), (f"  {safe(meta)}", "dim")))
        console.print(Text.assemble("  ", hit_text(h)))
