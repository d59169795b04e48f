"""Digest -> Markdown report: per story the brief, sources, claims, conflicts, quotes, timeline."""

from __future__ import annotations

import re

from newsdesk.ingest.files import shown
from newsdesk.models import BriefSentence, Digest, Story
from newsdesk.report.view import TOP_ENTITIES, TOP_QUOTES, DigestView, count, date_tag, headline, shown_date


def to_markdown(d: Digest) -> str:
    view = DigestView(d)
    lines = [f"# {headline(d)}", ""]
    for story in d.stories:
        lines += _story(view, story)
    lines += ["## Sources", ""]
    for a in d.articles:
        meta = ", ".join(
            x for x in (a.published or "", ", ".join(a.authors), a.wire and f"wire: {a.wire}") if x
        )
        lines.append(f"{view.number[a.id]}. **{_md(shown(a.label))}**: {_md(a.title or '(no title)')}"
                     + (f" ({_md(meta)})" if meta else ""))
    if d.errors:
        lines += ["", "## Files not used", ""]
        lines += [f"- {_md(shown(e.path))}: {_md(e.error)}" for e in d.errors]
    if d.notes:
        lines += ["", "## Notes", ""]
        lines += [f"- {_md(shown(n.path))}: {_md(n.note)}" for n in d.notes]
    return "\n".join(lines) + "\n"


def _story(view: DigestView, story: Story) -> list[str]:
    out = [
        f"## {story.id}. {_md(story.title)}",
        "",
        f"{count(len(story.articles), 'article')}, {count(view.outlet_count(story), 'independent source')}: "
        + ", ".join(f"[{view.number[a]}] {_md(shown(view.article(a).label))}" for a in story.articles),
        "",
        "### Brief",
        "",
    ]
    for b in story.brief:
        out.append(f"- {_md(b.text)} {view.cite(b.sources)}")
        out += [f"  - {line}" for line in _evidence_lines(view, b)]
    if not story.brief:
        out.append("(no brief)")
    claims = view.top_claims(story)
    if claims:
        out += ["", "### Corroborated", ""]
        out += [f"- **{count(c.independent_sources, 'source')}** {view.cite(c.sources)}: {_md(c.text)}" for c in claims]
    if story.conflicts:
        out += ["", "### Conflicts", ""]
        for c in story.conflicts:
            out.append(f"- **{c.slot}**:")
            out += [f"  - {_md(v.value)} {view.cite(v.sources)}: {_md(v.text)}" for v in c.variants]
    if story.quotes:
        out += ["", "### Who said what", ""]
        for q in story.quotes[:TOP_QUOTES]:
            mark = "“{}”".format(_md(q.text)) if q.direct else _md(q.text)
            out.append(f"- **{_md(q.speaker or 'unattributed')}**: {mark} {view.cite(q.sources)}")
    if story.timeline:
        out += ["", "### Timeline", ""]
        for t in story.timeline:
            tag = date_tag(t)
            out.append(f"- {shown_date(t)}{tag}: {_md(t.event)} {view.cite(t.sources)}")
    if story.entities:
        out += ["", "### Who and where", ""]
        out += [
            f"- {_md(e.name)} ({e.type}" + (f"; also {_md(', '.join(e.aliases))}" if e.aliases else "")
            + f") {view.cite(e.sources)}"
            for e in story.entities[:TOP_ENTITIES]
        ]
    gaps = [g for g in view.gaps(story) if g.exclusive or g.omitted]
    if gaps and len(story.articles) > 1:
        out += ["", "### Coverage", ""]
        for g in gaps:
            out.append(f"- {view.gap_line(g, lambda label: _md(shown(label)))}")
    return out + [""]


def _evidence_lines(view: DigestView, b: BriefSentence) -> list[str]:
    """What each other cited article says of a brief sentence: '[2] partial: “…”'."""
    own = b.citation.article_id if b.citation else None
    return [
        f"[{view.number[e.article_id]}] {e.support}: "
        + " … ".join("“{}”".format(_md(s.text)) for s in e.sentences)
        for e in b.evidence
        if e.article_id != own and e.article_id in view.number
    ]


_INLINE = re.compile(r"([\\`*_\[\]<>#|&!~])")  # code, emphasis, links, HTML, entities, tables
_BLOCK_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)]))")  # list items, setext underlines


def _md(text: str) -> str:
    """Untrusted text as one line of Markdown that renders as exactly that text, never as markup.

    Every character CommonMark gives an inline meaning is backslash-escaped, and so is a start
    that would open a block (a list item, a setext underline); whitespace runs become one space
    and NUL (which viewers show as U+FFFD) is dropped.
    """
    text = _INLINE.sub(r"\\\1", " ".join(text.replace("\x00", "").split()))
    return _BLOCK_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text)
