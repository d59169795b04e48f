"""Reports: JSON schema, Markdown and the terminal view of a small hand-built digest."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from rich.console import Console

from newsdesk.models import (
    Article,
    BriefSentence,
    Citation,
    Claim,
    Conflict,
    ConflictVariant,
    Digest,
    Entity,
    EvidenceSentence,
    FileError,
    SourceEvidence,
    Story,
    StoryQuote,
    TimelineEvent,
    content_id,
)
from newsdesk.report import write_json
from newsdesk.report.markdown import to_markdown
from newsdesk.report.terminal import render

A_TEXT = "The canal lock reopened on Tuesday after a week of repairs. Nine boats passed [bold]first[/bold]."
B_TEXT = "Boats moved through the canal lock again on Tuesday. Twelve boats passed in the first hour."


def _digest() -> Digest:
    a = Article(id=content_id(A_TEXT), text=A_TEXT, title="Lock reopens", outlet="Canal Courier",
                published="2025-05-06", published_precision="day", authors=("Ada Reed",))
    b = Article(id=content_id(B_TEXT), text=B_TEXT, title="Boats return", path="x/towpath-times.txt")
    first = A_TEXT.split(". ")[0] + "."
    b_first = B_TEXT.split(". ")[0] + "."
    evidence = (SourceEvidence(a.id, "full", (EvidenceSentence(0, len(first), first),)),
                SourceEvidence(b.id, "partial", (EvidenceSentence(0, len(b_first), b_first),)))
    story = Story(
        id="s1", title="Lock reopens", articles=(a.id, b.id),
        brief=(BriefSentence(first, (a.id, b.id), Citation(a.id, 0, len(first)), evidence),
               BriefSentence(A_TEXT[len(first) + 1 :], (a.id,), Citation(a.id, len(first) + 1, len(A_TEXT)))),
        claims=(Claim(first, (a.id, b.id), 2), Claim("Nine boats passed [bold]first[/bold].", (a.id,), 1)),
        conflicts=(Conflict("number", (ConflictVariant("9", "Nine boats passed", (a.id,)),
                                       ConflictVariant("12", "Twelve boats passed", (b.id,)))),),
        quotes=(StoryQuote("Ada Reed", "We are open", (a.id,)),),
        timeline=(TimelineEvent("2025-05-06", "day", first, (a.id, b.id)),),
        entities=(Entity("Ada Reed", "PERSON", ("Reed",), (a.id,)),),
        coverage={a.id: [0, 1], b.id: [0]},
    )
    return Digest((a, b), (story,), (FileError("bad.html", "file is binary, not text or HTML"),))


def test_json_follows_schema(tmp_path: Path) -> None:
    out = tmp_path / "d.json"
    write_json(_digest(), out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "newsdesk/2"
    assert set(data) == {"schema", "articles", "stories", "errors"}
    art = data["articles"][0]
    for key in ("id", "path", "url", "outlet", "title", "published", "authors", "dateline", "wire",
                "language", "text", "removed"):
        assert key in art
    story = data["stories"][0]
    for key in ("id", "title", "articles", "brief", "claims", "conflicts", "quotes", "timeline",
                "entities", "coverage"):
        assert key in story
    assert story["brief"][0]["sources"] == [a["id"] for a in data["articles"]]
    evidence = story["brief"][0]["evidence"]
    assert [(e["article_id"], e["support"]) for e in evidence] == [
        (data["articles"][0]["id"], "full"), (data["articles"][1]["id"], "partial")]
    span = evidence[1]["sentences"][0]
    assert data["articles"][1]["text"][span["start"] : span["end"]] == span["text"]
    assert story["conflicts"][0]["variants"][1]["value"] == "12"
    assert data["errors"] == [{"path": "bad.html", "error": "file is binary, not text or HTML"}]


def test_markdown_cites_numbered_sources_and_escapes_text() -> None:
    md = to_markdown(_digest())
    assert "## s1. Lock reopens" in md
    assert "- The canal lock reopened on Tuesday after a week of repairs. [1,2]" in md
    assert "  - [2] partial: “Boats moved through the canal lock again on Tuesday.”\n" in md
    assert "  - [1] full" not in md  # the sentence is [1]'s own text
    assert "\\[bold\\]first\\[/bold\\]" in md  # page text cannot inject markup
    assert "- **number**:" in md and "12 [2]" in md
    assert "**Ada Reed**: “We are open” [1]" in md
    assert "- bad.html: file is binary" in md
    assert "[2] file towpath-times.txt:" not in md  # nothing to say about it
    assert "[1] Canal Courier: 1 claim only it reports\n" in md


def test_terminal_report_shows_everything_without_reading_markup() -> None:
    console = Console(record=True, width=120, color_system=None)
    render(_digest(), console)
    out = console.export_text()
    assert "s1. Lock reopens" in out and "2 articles, 2 independent" in out
    assert "[1,2]" in out and "Conflicts" in out and "Who said what" in out
    assert "Twelve boats passed" in out and "bad.html: file is binary" in out
    assert "[bold]first[/bold]" in out  # shown literally, not interpreted


def test_a_file_without_an_outlet_is_named_as_a_file_not_as_an_outlet() -> None:
    md = to_markdown(_digest())
    assert "2 independent sources: [1] Canal Courier, [2] file towpath-times.txt\n" in md
    assert "2. **file towpath-times.txt**: Boats return" in md
    console = Console(record=True, width=120, color_system=None)
    render(_digest(), console)
    rows = [line.split() for line in console.export_text().splitlines()]
    assert ["│", "2", "file", "towpath-times.txt", "Boats", "return", "│"] in rows
    assert Article(id="x1", text="t").label == "article x1"


INFERRED_DATE = "date inferred"


def test_every_report_marks_a_timeline_date_read_against_an_inferred_anchor() -> None:
    """The same short note beside a guessed date in the terminal, Markdown, the one-file HTML and the
    web story page; none beside a date the publication date or the sentence itself gives."""
    from fastapi.testclient import TestClient

    from newsdesk.web.app import create_app
    from newsdesk.web.library import DigestLibrary
    from newsdesk.web.render import digest_html

    d = _digest()
    a, b = (x.id for x in d.articles)
    guess = TimelineEvent("2025-05-09", "day", "Boats moved through the canal lock again on Tuesday.", (b,),
                          anchored="inferred:earliest publication date of the story's other articles")
    stated = TimelineEvent("2019", "year", "The lock was built in 2019.", (b,), anchored="stated")
    story = replace(d.stories[0], timeline=(*d.stories[0].timeline, guess, stated))
    d = replace(d, stories=(story,))
    console = Console(record=True, width=200, color_system=None)
    render(d, console)
    terminal, md = console.export_text(), to_markdown(d)
    html, page = digest_html(d), TestClient(create_app(DigestLibrary(d))).get("/stories/s1").text
    for out in (terminal, md):
        assert f"2025-05-09 ({INFERRED_DATE})" in out and out.count(INFERRED_DATE) == 1
        assert "2025-05-06 The" in out.replace(":", "") and "2019 The lock" in out.replace(":", "")
    for out in (html, page):
        listed = re.findall(r'<span class="date">([^<]+)</span>(.*?)</li>', out)
        notes = {day: INFERRED_DATE in rest for day, rest in listed}
        assert notes == {"2019": False, "2025-05-06": False, "2025-05-09": True}
        assert f"2025-05-09 ({INFERRED_DATE}):" in out  # in the plot's tooltip too
        assert "read against the earliest publication date" in out


def test_json_in_pieces_is_the_whole_dump_byte_for_byte(tmp_path: Path, examples_digest: Digest) -> None:
    """The report is written an article or a story at a time; it is the same text as one
    ``json.dumps`` of the whole digest (empty lists, notes, non-ASCII and surrogates included)."""
    from dataclasses import replace

    from newsdesk.models import Note
    from newsdesk.report import json_chunks

    odd = Article(id="x1", text="Zoë said “ja” \udce9 é\n\nsecond line", path="caf\udce9/ä.txt")
    digests = [
        examples_digest,
        _digest(),
        Digest((), ()),
        replace(_digest(), articles=(*_digest().articles, odd), notes=(Note("a.txt", "same article as b.txt"),)),
    ]
    for d in digests:
        whole = json.dumps(d.to_dict(), ensure_ascii=False, indent=2) + "\n"
        assert "".join(json_chunks(d)) == whole
        write_json(d, tmp_path / "d.json")
        assert (tmp_path / "d.json").read_bytes() == whole.encode("utf-8", "backslashreplace")
    assert len(list(json_chunks(examples_digest))) > len(examples_digest.articles) + len(examples_digest.stories)
