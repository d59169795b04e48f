"""lxml page tree -> page metadata: title, published date, authors, site name, language, canonical URL."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from newsdesk.extraction.html_meta_rules import (
    AUTHOR_META,
    BYLINE_XPATH,
    DATE_META,
    NOT_AUTHOR,
    SITE_META,
    TITLE_META,
    TITLE_SEPARATORS,
)

_CANONICAL = etree.XPath("//link[@rel='canonical']/@href")
_CONTENT_LANGUAGE = etree.XPath("//meta[@http-equiv='content-language']/@content")
_BYLINE = etree.XPath(BYLINE_XPATH)


@dataclass
class PageMeta:
    """What the page says about itself (None where it says nothing usable)."""

    title: str | None = None
    published: str | None = None
    precision: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    language: str | None = None
    url: str | None = None


def _clean(text: object) -> str:
    return " ".join(str(text).split()) if text else ""


def _json_ld(root: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, @graph members flattened."""
    out: list[dict[str, Any]] = []
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                out.append(item)
                stack.extend(g for g in item.get("@graph", []) if isinstance(g, dict))
            elif isinstance(item, list):
                stack.extend(item)
    return out


def _articles(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    def is_article(o: dict[str, Any]) -> bool:
        kind = o.get("@type", "")
        kinds = kind if isinstance(kind, list) else [kind]
        return any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report")) for k in kinds)

    return [o for o in objects if is_article(o)] or [o for o in objects if "headline" in o]


MetaIndex = dict[str, list[str]]


def _meta_index(root: lxml.html.HtmlElement) -> MetaIndex:
    """Values of every <meta name|property|itemprop=... content=...>, by lower-cased key (read once)."""
    found: MetaIndex = {}
    for el in root.iterfind(".//meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = _clean(el.get("content"))
        if key and value:
            found.setdefault(key, []).append(value)
    return found


def _meta(found: MetaIndex, names: tuple[str, ...]) -> Iterator[str]:
    """Values of <meta name|property|itemprop=...> in the order of ``names``."""
    for name in names:
        yield from found.get(name, [])


def _names(value: Any) -> list[str]:
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        return _names(value.get("name"))
    return [_clean(value)] if isinstance(value, str) and _clean(value) else []


def _split_authors(raw: str) -> list[str]:
    raw = re.sub(r"^\s*(?:by|von|par|por|di|door)\s+", "", raw, flags=re.I)
    parts = re.split(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\be\b|&|\|)\s*", raw)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def _author_ok(name: str) -> bool:
    return 2 < len(name) <= 60 and not NOT_AUTHOR.search(name) and len(name.split()) <= 5


def _authors(root: lxml.html.HtmlElement, articles: list[dict[str, Any]], index: MetaIndex) -> list[str]:
    candidates: list[str] = [n for a in articles for n in _names(a.get("author"))]
    if not candidates:
        candidates = [n for raw in _meta(index, AUTHOR_META) for n in _split_authors(raw)]
    if not candidates:
        for el in _BYLINE(root)[:3]:
            candidates.extend(_split_authors(_clean(el.text_content())))
    out: list[str] = []
    site = _site(root, [], None, index) or ""
    for name in candidates:
        for part in _split_authors(re.sub(r"(?<=\w{3})\. .*$", "", name)):
            if _author_ok(part) and part not in out and not _similar(part, site) and "." not in part[-4:]:
                out.append(part)
    return out[:6]


def normalize_date(raw: str) -> tuple[str, str] | None:
    """A date string -> (ISO 8601, precision), keeping time and zone when given."""
    raw = raw.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        return raw, "day"
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        try:
            from dateutil import parser

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = parser.parse(raw, fuzzy=False)
        except (ValueError, OverflowError, TypeError, parser.ParserError):
            return None
    if not 1990 <= value.year <= 2100:
        return None
    if not re.search(r"\d[:h]\d\d", raw):
        return value.date().isoformat(), "day"
    precision = "second" if re.search(r"\d:\d\d:\d\d", raw) else "minute"
    return value.isoformat(timespec="seconds" if precision == "second" else "minutes"), precision


def _published(
    root: lxml.html.HtmlElement, articles: list[dict[str, Any]], index: MetaIndex
) -> tuple[str, str] | None:
    raws = [str(a[k]) for a in articles for k in ("datePublished", "dateCreated") if a.get(k)]
    raws += list(_meta(index, DATE_META))
    raws += [t.get("datetime", "") for t in root.iterfind(".//time[@datetime]")][:2]
    for raw in raws:
        found = normalize_date(raw)
        if found:
            return found
    return _htmldate(root)


def _htmldate(root: lxml.html.HtmlElement) -> tuple[str, str] | None:
    """Last resort: htmldate's fast search of the markup and visible text (day precision)."""
    from htmldate import find_date

    try:
        found = find_date(root, extensive_search=False, original_date=True)
    except (ValueError, TypeError, RecursionError):
        return None
    return (found, "day") if found else None


def _title(
    root: lxml.html.HtmlElement, articles: list[dict[str, Any]], site: str | None, index: MetaIndex
) -> str | None:
    h1 = [_clean(h.text_content()) for h in root.iterfind(".//h1")]
    candidates = list(_meta(index, TITLE_META)) + [_clean(a.get("headline")) for a in articles]
    head = _clean(root.findtext(".//title"))
    if h1 and any(_similar(h1[0], c) for c in candidates[:2] + [head]):
        return h1[0]  # the visible headline, when the page's declared titles agree with it
    for cand in candidates + h1[:1] + [head]:
        if cand and len(cand) > 3:
            return _strip_site(cand, site)
    return None


def _similar(a: str, b: str) -> bool:
    wa, wb = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return bool(wa) and len(wa & wb) >= 0.5 * max(len(wa), len(wb))


def _strip_site(title: str, site: str | None) -> str:
    """Cut a " | Site" or " - Site" suffix (or prefix) from a page title."""
    for sep in TITLE_SEPARATORS:
        if sep in title:
            parts = title.split(sep)
            if site and parts[-1].strip().lower() == site.lower() or len(parts[-1].split()) <= 3:
                return sep.join(parts[:-1]).strip() if len(sep.join(parts[:-1])) > 10 else title
    return title


def _site(
    root: lxml.html.HtmlElement, objects: list[dict[str, Any]], url: str | None, index: MetaIndex
) -> str | None:
    for value in _meta(index, SITE_META):
        return re.split(r" [|\-–—:] ", value)[0].strip()
    for o in objects:
        names = _names(o.get("publisher"))
        if names:
            return names[0]
    head = _clean(root.findtext(".//title"))
    for sep in TITLE_SEPARATORS:
        if sep in head and 0 < len(head.rsplit(sep, 1)[1].split()) <= 4:
            return head.rsplit(sep, 1)[1].strip()
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.") or None


def _language(root: lxml.html.HtmlElement, index: MetaIndex) -> str | None:
    raw = root.get("lang") or root.get("xml:lang") or next(_meta(index, ("og:locale", "content-language")), "")
    raw = raw or next(iter(_CONTENT_LANGUAGE(root)), "")
    code = re.split(r"[-_]", raw.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def _canonical(root: lxml.html.HtmlElement, url: str | None, index: MetaIndex) -> str | None:
    for href in _CANONICAL(root) + list(_meta(index, ("og:url",))):
        if href.startswith("http"):
            return href.strip()
    return url


def page_meta(root: lxml.html.HtmlElement, *, url: str | None = None) -> PageMeta:
    """Read the page's metadata (JSON-LD, <meta>, <link>, <html lang>, byline markup)."""
    objects = _json_ld(root)
    articles = _articles(objects)
    index = _meta_index(root)
    canonical = _canonical(root, url, index)
    site = _site(root, objects, canonical, index)
    date = _published(root, articles, index)
    return PageMeta(
        title=_title(root, articles, site, index),
        published=date[0] if date else None,
        precision=date[1] if date else None,
        authors=_authors(root, articles, index),
        site_name=site,
        language=_language(root, index),
        url=canonical,
    )
