"""Digest -> a readable terminal report with Rich (tables and panels; no markup from input)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from newsdesk.ingest.files import shown
from newsdesk.models import Digest, Story
from newsdesk.report.view import TOP_ENTITIES, TOP_QUOTES, DigestView, count, date_tag, headline, shown_date

TOP_TIMELINE = 10


def render(d: Digest, console: Console) -> None:
    view = DigestView(d)
    console.print(Text(headline(d), style="bold"))
    for story in d.stories:
        console.print(_story(view, story))
    if d.errors:
        console.print(Text("Files not used", style="bold red"))
        for e in d.errors:
            console.print(Text(f"  {shown(e.path)}: {e.error}", style="red"), soft_wrap=True)  # one line a file
    if d.notes:
        console.print(Text("Notes", style="bold"))
        for n in d.notes:
            console.print(Text(f"  {shown(n.path)}: {n.note}"), soft_wrap=True)


def _story(view: DigestView, story: Story) -> Panel:
    parts: list = [_sources(view, story), Text("")]
    parts.append(Text("Brief", style="bold underline"))
    for b in story.brief:
        parts.append(Text.assemble(b.text + " ", (view.cite(b.sources), "cyan")))
    claims = view.top_claims(story)
    if claims:
        parts += [Text(""), Text("Corroborated by independent sources", style="bold underline")]
        for c in claims:
            parts.append(Text.assemble((f"{c.independent_sources}× ", "green"), c.text + " ",
                                       (view.cite(c.sources), "cyan")))
    if story.conflicts:
        parts += [Text(""), Text("Conflicts", style="bold underline red")]
        for c in story.conflicts:
            parts.append(Text(f"{c.slot}:", style="red"))
            for v in c.variants:
                parts.append(Text.assemble(f"  {v.value} ", (view.cite(v.sources), "cyan"), f" {v.text}"))
    if story.quotes:
        parts += [Text(""), Text("Who said what", style="bold underline")]
        for q in story.quotes[:TOP_QUOTES]:
            said = f"“{q.text}”" if q.direct else q.text
            parts.append(Text.assemble(((q.speaker or "unattributed") + ": ", "bold"), said + " ",
                                       (view.cite(q.sources), "cyan")))
    if story.timeline:
        parts += [Text(""), Text("Timeline", style="bold underline")]
        for t in story.timeline[:TOP_TIMELINE]:
            tag = date_tag(t)
            when = (f"{shown_date(t)}{tag} ", "yellow")
            parts.append(Text.assemble(when, t.event + " ", (view.cite(t.sources), "cyan")))
    if story.entities:
        names = ", ".join(e.name for e in story.entities[:TOP_ENTITIES])
        parts += [Text(""), Text.assemble(("Who and where: ", "bold"), names)]
    gaps = [g for g in view.gaps(story) if g.exclusive or g.omitted]
    if gaps and len(story.articles) > 1:
        parts += [Text(""), Text("Coverage", style="bold underline")]
        for g in gaps:
            parts.append(Text(view.gap_line(g, shown)))
    title = Text(f"{story.id}. {story.title}", style="bold")
    subtitle = f"{count(len(story.articles), 'article')}, {count(view.outlet_count(story), 'independent source')}"
    return Panel(Group(*parts), title=title, subtitle=subtitle, title_align="left")


def _sources(view: DigestView, story: Story) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    for col in ("#", "source", "title", "published", "by", "wire"):
        table.add_column(col, overflow="fold")
    for aid in story.articles:
        a = view.article(aid)
        cells = (str(view.number[aid]), shown(a.label), a.title or "", a.published or "",
                 ", ".join(a.authors), a.wire or "")
        table.add_row(*(Text(c) for c in cells))  # Text: page text is never read as markup
    return table
