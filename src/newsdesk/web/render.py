"""Templates and view objects -> HTML: the server's pages and the one-file ``digest --html``.

One Jinja2 environment with autoescape on for every template: article text, titles and names
are always escaped; only the packaged style sheet is inlined as is.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from newsdesk.models import Digest
from newsdesk.report.view import tally
from newsdesk.web.library import DigestLibrary
from newsdesk.web.pages import Links, article_page, evidence_css, story_page


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("newsdesk.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **context: Any) -> str:
    """One page; ``links`` defaults to the server's routes."""
    context.setdefault("links", Links())
    context.setdefault("inline_css", None)
    context.setdefault("q", None)
    return environment().get_template(template).render(**context)


def style_sheet() -> str:
    return files("newsdesk.web").joinpath("static/style.css").read_text(encoding="utf-8")


def digest_html(d: Digest) -> str:
    """Every story page and article page of ``d`` in one self-contained HTML file (styles inline,
    no script, links as anchors inside the file)."""
    links = Links(one_file=True)
    library = DigestLibrary(d)
    stories = [story_page(s, library.articles_of(s), links) for s in d.stories]
    articles = [article_page(a, library.citing(a.id)) for a in d.articles]
    return render("digest.html", links=links, inline_css=style_sheet() + evidence_css(articles), stories=stories,
                  articles=articles, errors=d.errors, tally=tally(d))
