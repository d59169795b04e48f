"""Random bytes, text and markup -> ``extract`` returns a sound Article or raises a NewsdeskError, nothing else."""

from __future__ import annotations

import json
from html import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import NewsdeskError
from newsdesk.extraction import extract, looks_like_html
from newsdesk.models import Article, content_id

TAGS = ["p", "div", "article", "main", "section", "header", "nav", "aside", "figure", "figcaption", "h1", "h2",
        "ul", "li", "table", "tr", "td", "script", "style", "a", "b", "i", "span", "font", "blockquote", "br",
        "html", "head", "body", "title", "noscript", "svg", "form", "iframe", "time"]  # fmt: skip
ATTRS = ["", ' class="content"', ' class="related-links"', ' id="main"', ' class="share"', " hidden",
         ' style="display:none"', ' href="/a?b=1&c=2"', ' charset="iso-8859-1"', " class=\"x", ' lang="fr"']  # fmt: skip
ODD = ["<!doctype html>", "<!-- a comment -->", "<![CDATA[ x ]]>", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "&bogus;",
       "<meta charset='latin-1'>", "<meta charset='x-unknown'>", "</p>", "</div></div>", "<p", "<?xml version='1.0'?>",
       "\x00", "\ufeff", "\r\n", "<script>document.write('</p>')</script>"]  # fmt: skip
WORDS = ("the harbour council of the invented town said on monday that its new ferry would sail every hour "
         "after two years of repairs and a long quarrel over the cost of the pier engineers residents").split()

sentence = st.lists(st.sampled_from(WORDS), min_size=6, max_size=40).map(lambda w: " ".join(w).capitalize() + ".")


def _markup(well_formed: bool) -> st.SearchStrategy[str]:
    """Nested random markup; ``well_formed``: escaped text, quoted attributes, every element closed."""
    if well_formed:
        leaf = st.one_of(st.text(max_size=60).map(escape), sentence, st.sampled_from(ODD[:10]))
        attrs = st.sampled_from([a for a in ATTRS if a.count('"') % 2 == 0])
    else:
        leaf = st.one_of(st.text(max_size=60), sentence, st.sampled_from(ODD))
        attrs = st.sampled_from(ATTRS)
    return st.recursive(
        leaf,
        lambda inner: st.builds(
            lambda tag, attr, kids, close: f"<{tag}{attr}>" + "".join(kids) + (f"</{tag}>" if close else ""),
            st.sampled_from(TAGS),
            attrs,
            st.lists(inner, max_size=5),
            st.just(True) if well_formed else st.booleans(),
        ),
        max_leaves=40,
    )


markup = _markup(well_formed=False)
# what comes before an article: well formed, or an unclosed <script>, <nav> or quote would rightly swallow it
chrome = _markup(well_formed=True)
CODECS = ["utf-8", "latin-1", "cp1252", "utf-16", "cp1251", "shift_jis"]
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(content: str | bytes) -> Article | None:
    """The property: an Article whose fields hold together, or a NewsdeskError (then None)."""
    try:
        art = extract(content)
    except NewsdeskError as err:
        assert str(err) and "\n" not in err.message
        return None
    assert isinstance(art, Article)
    assert art.text.strip() and art.id == content_id(art.text)
    assert art.source_format in ("html", "text")
    json.dumps(art.to_dict())  # the CLI's JSON line can always be written
    return art


@SETTINGS
@given(markup)
def test_random_markup(html: str) -> None:
    _check(html)


@SETTINGS
@given(markup, st.sampled_from(CODECS))
def test_random_markup_as_bytes_in_any_encoding(html: str, codec: str) -> None:
    _check(html.encode(codec, errors="replace"))


@SETTINGS
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    _check(data)


@SETTINGS
@given(st.lists(st.one_of(st.text(max_size=120), sentence), max_size=30).map("\n".join))
def test_random_text_dumps(text: str) -> None:
    art = _check(text)
    assert art is None or art.source_format == ("html" if looks_like_html(text) else "text")


@SETTINGS
@given(st.lists(chrome, max_size=4), st.lists(sentence.map(lambda s: f"{s} {s} {s}"), min_size=3, max_size=6))
def test_an_article_in_random_chrome_is_found(around: list[str], paragraphs: list[str]) -> None:
    """Several long paragraphs in an <article> are found whatever closed markup comes before them."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = "<html><body>" + "".join(around) + f"<article>{body}</article></body></html>"
    art = _check(html)
    assert art is not None
    assert any(p in art.text for p in paragraphs)


@settings(max_examples=40, deadline=None)
@given(markup)
def test_same_input_same_output(html: str) -> None:
    try:
        first = extract(html).to_dict()
    except NewsdeskError as err:
        first = {"error": str(err)}
    try:
        second = extract(html).to_dict()
    except NewsdeskError as err:
        second = {"error": str(err)}
    assert first == second
