"""extract_html: invented snippets -> Article fields; an AEB slice pins the F1 floor."""

from __future__ import annotations

import gzip
import json
import sys

import pytest

from newsdesk.errors import BinaryInput, NoArticleFound
from newsdesk.extract.html import decode_html, extract_html

PARAS = [
    "The harbour council of Velmora voted on Tuesday to rebuild the northern pier before the winter storms arrive.",
    "Councillor Ines Marrow said the old timbers had rotted through and that fishing boats could no longer moor safely.",
    "Work is expected to start in March and to cost about four million crowns, paid from the regional fund.",
    "Residents who spoke at the meeting welcomed the plan but asked for a temporary landing stage during the works.",
]


def page(body_extra: str = "", head_extra: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    return (
        "<!doctype html><html lang='en'><head><title>Velmora rebuilds its pier | Coast Courier</title>"
        "<meta property='og:site_name' content='Coast Courier'>"
        "<meta property='article:published_time' content='2024-03-05T09:30:00+01:00'>"
        "<meta name='author' content='Tomas Reld'>"
        f"<link rel='canonical' href='https://courier.example/pier'>{head_extra}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>Velmora rebuilds its pier</h1>{paras}<h2>What comes next</h2>"
        f"<p>{PARAS[0]} The council meets again next month.</p>{body_extra}</article>"
        "<footer>Copyright 2024 Coast Courier. All rights reserved.</footer></body></html>"
    )


def test_body_and_metadata() -> None:
    art = extract_html(page(), path="pier.html")
    assert all(p in art.text for p in PARAS)
    assert "Sport" not in art.text and "All rights reserved" not in art.text
    assert art.title == "Velmora rebuilds its pier"
    assert art.published == "2024-03-05T09:30:00+01:00" and art.published_precision == "second"
    assert art.authors == ("Tomas Reld",)
    assert art.outlet == "Coast Courier" and art.language == "en"
    assert art.url == "https://courier.example/pier" and art.source_format == "html"
    assert "What comes next" in art.headings and "What comes next" not in art.text


@pytest.mark.parametrize(
    "chrome",
    [
        "<p>Sign up for our newsletter to get the best stories in your inbox.</p>",
        "<p>Follow us on Twitter and Facebook for the latest news.</p>",
        "<p>You may also like...</p><p>Tide tables for April</p><p>Ferry fares rise again</p>",
    ],
)
def test_chrome_lines_dropped(chrome: str) -> None:
    art = extract_html(page(chrome))
    assert "newsletter" not in art.text and "Follow us" not in art.text and "Ferry fares" not in art.text
    assert PARAS[-1] in art.text


def test_json_ld_metadata() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Velmora rebuilds its pier",'
        ' "datePublished": "2024-03-05", "author": [{"@type": "Person", "name": "Ada Quill"}]}</script>'
    )
    art = extract_html(page(head_extra=ld).replace("<meta name='author' content='Tomas Reld'>", ""))
    assert art.authors == ("Ada Quill",)


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<html><body><nav><a href='/'>Home</a></nav></body></html>", "<html><body></body></html>"],
)
def test_no_article(html: str) -> None:
    with pytest.raises(NoArticleFound):
        extract_html(html, path="x.html")


def test_binary_input() -> None:
    with pytest.raises(BinaryInput):
        extract_html("\x00\x01\x02" * 100)
    with pytest.raises(BinaryInput):
        decode_html(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("<meta charset='iso-8859-1'><p>Café à Zürich</p>".encode("latin-1"), "Café à Zürich"),
        ("\ufeff<p>Ünïcode</p>".encode("utf-8"), "Ünïcode"),
        ("<p>Ünïcode</p>".encode("utf-16"), "Ünïcode"),
        ("<meta charset='utf-8'><p>Straße</p>".encode("cp1252"), "Straße"),
        ("<p>plain ascii</p>".encode(), "plain ascii"),
    ],
)
def test_decode_html(data: bytes, expected: str) -> None:
    assert expected in decode_html(data)


def test_deep_nesting_and_broken_markup() -> None:
    deep = "<div>" * 5000 + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>" * 5000
    art = extract_html(f"<html><body>{deep}</body></html>")
    assert PARAS[1] in art.text
    broken = "<html><body><p>" + "</b><i><p>".join(PARAS) + "<table><tr><td></div></body>"
    assert PARAS[2] in extract_html(broken).text


@pytest.mark.parametrize(
    "text",
    ["", " a ", "a\n\n b", " \n x \t\t y  z \n", "\t\ta \t b", "a\xa0\n\xa0b", "x" + " \n" * 200 + "y", "\u2009" * 300],
)
def test_fast_readability_clean_is_exact(text: str) -> None:
    import readability.readability as lib

    from newsdesk.extract.html_readability import _clean

    assert _clean(text) == lib.clean(text)


@pytest.mark.parametrize("text", ["", "plain <p>text</p>", "tab\there", "bell\x07", "nul\x00", "esc\x1b é \ud800"])
def test_control_character_check(text: str) -> None:
    from newsdesk.extract.html import _CONTROL, _has_control

    assert _has_control(text) == bool(_CONTROL.search(text))


def test_aeb_slice_f1_floor(shared) -> None:  # type: ignore[no-untyped-def]
    aeb = shared / "data" / "aeb"
    sys.path.insert(0, str(shared / "tools"))
    from aeb_score import score

    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf8"))
    ids = sorted(truth)[::6][:20]
    pred = {}
    for pid in ids:
        html = gzip.open(aeb / "html" / f"{pid}.html.gz", "rt", encoding="utf8").read()
        art = extract_html(html)
        pred[pid] = "\n\n".join([art.text, *art.headings])
    res = score({i: truth[i] for i in ids}, pred)
    assert res["f1"] >= FLOOR, res["f1"]


FLOOR = 0.95
