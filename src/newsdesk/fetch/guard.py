"""URL -> allowed or refused: only http(s) to public addresses unless the user allows more."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from newsdesk.fetch.errors import FetchError
from newsdesk.fetch.settings import FetchSettings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def check_url(url: str, settings: FetchSettings) -> None:
    """Raise ``FetchError`` unless ``url`` is http(s) and every address its host resolves to may be
    fetched.  The check resolves the name itself, so a public name pointing at a private address is
    refused too."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}", url=url)
    host = parts.hostname
    if not host:
        raise FetchError("URL has no host", url=url)
    try:
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"bad port ({exc})", url=url) from exc
    for address in resolve(host, port or (443 if parts.scheme == "https" else 80), url):
        reason = refusal(address, settings)
        if reason:
            raise FetchError(f"refused: {host} is {reason} ({address}); allow it in the fetch settings", url=url)


def resolve(host: str, port: int, url: str) -> list[Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}", url=url) from exc
    return sorted({ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos}, key=str)


def refusal(address: Address, settings: FetchSettings) -> str:
    """Why ``address`` may not be fetched, or '' when it may."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_loopback:
        return "" if settings.allow_loopback else "a loopback address"
    if address.is_unspecified or address.is_multicast or address.is_reserved:
        return "not a unicast address"
    if address.is_link_local:
        return "" if settings.allow_private else "a link-local address"
    if address.is_private or not address.is_global:
        return "" if settings.allow_private else "a private address"
    return ""
