"""Random input -> the text-dump cleaner, find_times, find_quotes and the report writers stay sound.

Each ``check_*`` function states one target's invariants; the tests run them on a few hundred
examples, and ``scripts/fuzz_campaign.py`` runs the same checks for as long as asked.
"""

from __future__ import annotations

import json
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from newsdesk.errors import InputError
from newsdesk.extraction.textdump import extract_text
from newsdesk.models import Article, BriefSentence, Claim, Digest, FileError, Story, StoryQuote, content_id
from newsdesk.nlp.quotes import find_quotes
from newsdesk.nlp.times import find_times
from newsdesk.report import to_json
from newsdesk.report.markdown import to_markdown

WORDS = ("the harbour council said on Monday that its ferry would sail every hour from 3 May 2025 "
         "after two years of repairs , \" ' “ ” « » — - : ; . ? ! last week next Friday at 10:30 a.m. "
         "Read More Advertisement Published by Share this 12 per cent ( ) [ ] * _ ` < > # | & ~ \\").split()
MARKUP = ["`", "``", "*", "**", "_", "[x](y)", "![i](j)", "<img src=x onerror=alert(1)>", "<b>", "</p>",
          "&amp;", "&#60;", "# ", "- ", "1. ", "> ", "===", "---", "|a|b|", "~~s~~", "\\", "<http://x.y>",
          "[a]: /u", "    code", "\t", "\r\n", "\n\n", "\x00", "\u2028"]  # fmt: skip

prose = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKUP), st.text(max_size=8)),
                 max_size=40).map(" ".join)
lines = st.lists(st.one_of(prose, st.sampled_from(["", "Read More", "Advertisement", "By Ada Reed"])),
                 max_size=30).map("\n".join)
names = st.one_of(st.text(min_size=1, max_size=30),
                  st.binary(min_size=1, max_size=20).map(lambda b: os.fsdecode(b.replace(b"/", b"_"))))
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def check_text_dump(text: str) -> None:
    """Every paragraph the cleaner keeps is (a part of) a line of the input: nothing invented."""
    try:
        article = extract_text(text)
    except InputError:
        return
    flat = " ".join(text.split())
    for para in article.text.split("\n\n"):
        assert para and " ".join(para.split()) in flat, para


def check_times(text: str, reference: str | None) -> None:
    for x in find_times(text, reference, fallback=False):
        assert text[x.start : x.end] == x.text and x.start < x.end
        assert x.type in {"DATE", "TIME", "DURATION", "SET"}
        assert x.value and x.value == x.value.strip()


def check_quotes(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None and q.speaker_end is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker


def _digest(paths: list[str], texts: list[str]) -> Digest:
    articles = tuple(Article(id=content_id(t + str(i)), text=t or "x", title=t, path=p)
                     for i, (p, t) in enumerate(zip(paths, texts)))
    ids = tuple(a.id for a in articles)
    story = Story(id="s1", title=texts[0], articles=ids,
                  brief=tuple(BriefSentence(t, ids) for t in texts),
                  claims=tuple(Claim(t, ids, 2) for t in texts),
                  quotes=tuple(StoryQuote(t, t, ids) for t in texts))
    return Digest(articles, (story,), tuple(FileError(p, t) for p, t in zip(paths, texts)))


def _shown_text(md: str) -> str:
    """The characters a CommonMark viewer shows; fails on any token that is markup we did not write."""
    allowed = {"heading_open", "heading_close", "paragraph_open", "paragraph_close", "bullet_list_open",
               "bullet_list_close", "ordered_list_open", "ordered_list_close", "list_item_open",
               "list_item_close", "inline"}  # fmt: skip
    out = []
    for tok in MarkdownIt("commonmark").parse(md):
        assert tok.type in allowed, (tok.type, tok.markup, md)
        for child in tok.children or []:
            assert child.type in {"text", "softbreak", "strong_open", "strong_close"}, (child.type, md)
            out.append(child.content)
    return " ".join(" ".join(out).split())


def check_markdown(paths: list[str], texts: list[str]) -> None:
    """Random names and text render as exactly that text (paths as shown): nothing becomes markup."""
    from newsdesk.ingest import shown

    md = to_markdown(_digest(paths, texts))
    seen = _shown_text(md)
    for t in [*texts, *(shown(p) for p in paths)]:
        assert " ".join(t.replace("\x00", "").split()) in seen, (t, md)


def check_json(paths: list[str], texts: list[str]) -> None:
    """Every path round-trips through the JSON bytes (surrogate escapes), and the JSON is UTF-8."""
    data = to_json(_digest(paths, texts)).encode("utf-8", "backslashreplace")
    back = json.loads(data.decode("utf-8"))
    assert [a["path"] for a in back["articles"]] == paths
    assert [os.fsencode(e["path"]) for e in back["errors"]] == [os.fsencode(p) for p in paths]


def check_reports(items: list[tuple[str, str]]) -> None:
    paths, texts = [p for p, _ in items], [t for _, t in items]
    check_markdown(paths, texts)
    check_json(paths, texts)


references = st.one_of(st.none(), st.dates().map(str), st.just("2025-08-28T10:00"))
reports = st.lists(st.tuples(names, prose), min_size=1, max_size=4)
# target -> (check, strategies of its arguments): the fuzz campaign runs these
TARGETS = {
    "textdump": (check_text_dump, (lines,)),
    "times": (check_times, (prose, references)),
    "quotes": (check_quotes, (prose,)),
    "reports": (check_reports, (reports,)),
}


@PROPERTY
@given(lines)
def test_text_dump_cleaner_invents_nothing(text: str) -> None:
    check_text_dump(text)


@PROPERTY
@given(prose, references)
def test_find_times_spans_are_the_text(text: str, reference: str | None) -> None:
    check_times(text, reference)


@PROPERTY
@given(prose)
def test_find_quotes_spans_are_the_text(text: str) -> None:
    check_quotes(text)


@PROPERTY
@given(reports)
def test_reports_show_random_names_and_text_as_text(items: list[tuple[str, str]]) -> None:
    check_reports(items)


def test_markdown_file_name_injection_is_text() -> None:
    name = "a` <img src=x onerror=alert(1)> `.txt"
    md = to_markdown(_digest([name], ["Some text."]))
    assert "<img" not in MarkdownIt("commonmark").render(md)
    assert re.search(r"\\<img src=x onerror=alert\(1\)\\>", md)


def test_non_utf8_path_round_trips_through_json() -> None:
    path = os.fsdecode(b"caf\xe9-\xff.txt")
    check_json([path], ["Some text."])
    assert b"\\udce9" in to_json(_digest([path], ["x"])).encode("utf-8", "backslashreplace")
