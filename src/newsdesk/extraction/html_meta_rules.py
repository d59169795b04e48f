"""Where pages keep their metadata, as data: <meta> names, byline XPath, title separators."""

from __future__ import annotations

import re

TITLE_META = ("og:title", "twitter:title", "headline", "dc.title", "sailthru.title")
DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "og:published_time",
    "article:modified_time",
)
AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl")
SITE_META = ("og:site_name", "application-name", "twitter:app:name:iphone")
BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(@class, 'byline') or contains(@class, 'author-name')"
    " or contains(@class, 'article-author')][string-length(normalize-space()) < 80]"
)
TITLE_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ", " « ", " » ")
NOT_AUTHOR = re.compile(
    r"https?://|www\.|@|\d|\b(?:staff|editor|editorial|news ?desk|team|\w*admin|redaktion|correspondent)\b|facebook|twitter",
    re.I,
)
