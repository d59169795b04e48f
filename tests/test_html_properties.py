"""Random bytes and markup -> extract_html returns an Article or raises a NewsdeskError, nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.errors import NewsdeskError
from newsdesk.extract.html import decode_html, extract_html
from newsdesk.models import Article

TAGS = ["p", "div", "article", "h1", "h2", "ul", "li", "table", "td", "script", "a", "b", "span", "html", "body"]
fragment = st.recursive(
    st.text(max_size=80),
    lambda inner: st.builds(
        lambda tag, kids, close: f"<{tag}>" + "".join(kids) + (f"</{tag}>" if close else ""),
        st.sampled_from(TAGS),
        st.lists(inner, max_size=4),
        st.booleans(),
    ),
    max_leaves=30,
)


def _check(html: str) -> None:
    try:
        art = extract_html(html)
    except NewsdeskError:
        return
    assert isinstance(art, Article) and art.text and art.source_format == "html"


@settings(max_examples=100, deadline=None)
@given(fragment)
def test_random_markup(html: str) -> None:
    _check(html)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    try:
        text = decode_html(data)
    except NewsdeskError:
        return
    assert isinstance(text, str)
    _check(text)
