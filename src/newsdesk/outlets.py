"""Outlets file (TOML) -> who publishes what: name, domains, country, owner group, wire agency.

Two outlets of one owner are not independent sources, and a wire agency's copy counts for the
agency: ``independence_key`` says which source an article stands for.  newsdesk ships a small
starter file of major wire agencies (``newsdesk/data/outlets.toml``); everything else is the
user's, in ``outlets.toml`` of the user config folder or the file ``NEWSDESK_OUTLETS`` names.
A user entry with the same name replaces the starter's.
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from newsdesk.errors import UsageError
from newsdesk.models import Article

log = logging.getLogger("newsdesk.outlets")
FIELDS = frozenset({"name", "aliases", "domains", "country", "owner", "wire", "labels"})


@dataclass(frozen=True)
class Outlet:
    """One outlet.  ``owner`` groups outlets of one owner; ``labels`` are the user's own
    (e.g. {"lean": "...", "region": "..."}) for grouping coverage."""

    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str | None = None
    owner: str | None = None
    wire: bool = False
    labels: Mapping[str, str] = field(default_factory=dict)

    @property
    def group(self) -> str:
        """The independent source this outlet stands for: its owner group, else itself."""
        return self.owner or self.name


class Outlets:
    """A lookup of outlets by domain (sub-domains included) and by name or alias."""

    def __init__(self, outlets: Iterable[Outlet] = ()) -> None:
        self.outlets: tuple[Outlet, ...] = tuple(outlets)
        self._by_domain = {d.lower().removeprefix("www."): o for o in self.outlets for d in o.domains}
        self._by_name = {n.casefold(): o for o in self.outlets for n in (o.name, *o.aliases)}

    @classmethod
    def load(cls, path: Path | None = None, *, starter: bool = True) -> Outlets:
        """The starter file, then the user's (``path``, else ``NEWSDESK_OUTLETS``, else the
        user config folder's outlets.toml when it exists); raises ``UsageError`` on a bad file."""
        found: dict[str, Outlet] = {}
        if starter:
            text = resources.files("newsdesk").joinpath("data/outlets.toml").read_text("utf-8")
            found.update((o.name, o) for o in parse_outlets(text, "starter outlets file"))
        user = path or _user_file()
        if user is not None:
            try:
                text = user.read_text("utf-8")
            except OSError as exc:
                raise UsageError(f"cannot read outlets file: {exc.strerror or exc}", path=str(user)) from exc
            found.update((o.name, o) for o in parse_outlets(text, str(user)))
        return cls(found.values())

    def for_url(self, url: str | None) -> Outlet | None:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            host = host.partition(".")[2]
        return None

    def for_name(self, name: str | None) -> Outlet | None:
        return self._by_name.get(name.casefold()) if name else None

    def find(self, *, url: str | None = None, name: str | None = None) -> Outlet | None:
        return self.for_url(url) or self.for_name(name)

    def independence_key(self, *, url: str | None, outlet: str | None, wire: str | None) -> str | None:
        """Which independent source an article stands for: the wire agency it credits, else its
        outlet's owner group; None when the outlets file knows neither."""
        agency = self.for_name(wire)
        if agency is not None and agency.wire:
            return f"owner:{agency.group}"
        known = self.find(url=url, name=outlet)
        return f"owner:{known.group}" if known is not None else None


def parse_outlets(text: str, where: str) -> list[Outlet]:
    """``[[outlet]]`` tables -> ``Outlet``s; a clear ``UsageError`` for anything malformed."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"outlets file is not valid TOML ({exc})", path=where) from exc
    rows = data.get("outlet", [])
    if not isinstance(rows, list):
        raise UsageError("outlets file: use [[outlet]] tables", path=where)
    return [_outlet(row, n, where) for n, row in enumerate(rows, 1)]


def _outlet(row: object, n: int, where: str) -> Outlet:
    if not isinstance(row, dict) or not isinstance(row.get("name"), str) or not row["name"].strip():
        raise UsageError(f"outlet #{n} needs a name", path=where)
    unknown = set(row) - FIELDS
    if unknown:
        raise UsageError(f"outlet {row['name']!r}: unknown field(s) {', '.join(sorted(unknown))}", path=where)
    lists = {k: row.get(k, []) for k in ("domains", "aliases")}
    for key, value in lists.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"outlet {row['name']!r}: {key} must be a list of strings", path=where)
    labels = row.get("labels", {})
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        raise UsageError(f"outlet {row['name']!r}: labels must be a table of strings", path=where)
    if not isinstance(row.get("wire", False), bool):
        raise UsageError(f"outlet {row['name']!r}: wire must be true or false", path=where)
    return Outlet(
        name=row["name"].strip(),
        domains=tuple(d.strip().lower() for d in lists["domains"]),
        aliases=tuple(a.strip() for a in lists["aliases"]),
        country=row.get("country"),
        owner=row.get("owner"),
        wire=row.get("wire", False),
        labels=dict(sorted(labels.items())),
    )


def _user_file() -> Path | None:
    named = os.environ.get("NEWSDESK_OUTLETS")
    if named:
        return Path(named)
    from platformdirs import user_config_dir

    default = Path(user_config_dir("newsdesk")) / "outlets.toml"
    return default if default.is_file() else None


_LOADED: list[Outlets] = []


def default_outlets() -> Outlets:
    """The starter file plus the user's, read once per process."""
    if not _LOADED:
        _LOADED.append(Outlets.load())
    return _LOADED[0]


def owner_keys(articles: Iterable[Article], outlets: Outlets | None = None) -> dict[str, str]:
    """Article id -> the independent source it stands for, for the articles the outlets file
    knows (by wire credit, URL domain or outlet name); the others are left out."""
    outlets = outlets if outlets is not None else default_outlets()
    keys = {}
    for a in articles:
        key = outlets.independence_key(url=a.url, outlet=a.outlet, wire=a.wire)
        if key is not None:
            keys[a.id] = key
    return keys


def join_owners(group_of: Mapping[str, int], owners: Mapping[str, str]) -> dict[str, int]:
    """Article id -> its independent source: copy groups (``group_of``) joined where their
    articles share an owner key (the smallest group number names the joined source)."""
    joined = {g: g for g in group_of.values()}
    first_of_owner: dict[str, int] = {}

    def root(g: int) -> int:
        while joined[g] != g:
            g = joined[g]
        return g

    for article_id in sorted(owners):
        if article_id not in group_of:
            continue
        g = root(group_of[article_id])
        a, b = sorted((root(first_of_owner.setdefault(owners[article_id], g)), g))
        joined[b] = a
    return {i: root(g) for i, g in group_of.items()}
