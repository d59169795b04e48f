"""``newsdesk serve`` options -> a running reading room on loopback (or, with --public, elsewhere)."""

from __future__ import annotations

import gc
import ipaddress
import logging

from newsdesk.errors import UsageError
from newsdesk.web.library import Library

log = logging.getLogger("newsdesk.web")
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, public: bool) -> None:
    """Raise ``UsageError`` for an address other machines could reach, unless ``public``."""
    if not public and not is_loopback(host):
        raise UsageError(
            f"refusing to serve on {host}: it is not a loopback address; "
            "add --public to let other machines read this library"
        )


def run(library: Library, host: str, port: int, *, public: bool = False, allow_writes: bool = False) -> None:
    """Serve ``library`` until interrupted."""
    import uvicorn

    from newsdesk.web.app import create_app

    check_host(host, public)
    app = create_app(library, allow_writes=allow_writes)
    # What start-up made (modules, the app, its templates) lives as long as the server: out of the
    # cyclic collector's reach, a full collection walks only what requests made.  Without this one
    # request in twenty or so paid a full collection of the whole heap (tens of ms).
    gc.collect()
    gc.freeze()
    log.info("serving on http://%s:%d/", host, port)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False)
