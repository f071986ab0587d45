"""Who may use a served app: loopback by default, a token on any other address.

The token travels once in the URL (`/?token=…`, as Jupyter does) and then in a
cookie, so the page's assets and its WebSocket need no token in their own URLs.
Every route sits behind the same middleware: no page, asset or socket is served
without it when a token is set.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from aiohttp import hdrs, web
from aiohttp.typedefs import Middleware

TOKEN_COOKIE = "stretchtui_token"
MIN_TOKEN_LENGTH = 16
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]+")
# Names a browser may use for this machine when the server only listens on loopback.
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class TokenError(ValueError):
    """A --token that is too short or has characters a URL would mangle."""


def new_token() -> str:
    """A random URL-safe token (32 characters, 192 bits)."""
    return secrets.token_urlsafe(24)


def check_token(token: str) -> str:
    """The token if it is usable in a URL as is; TokenError saying why if not."""
    if len(token) < MIN_TOKEN_LENGTH:
        raise TokenError(
            f"--token must be at least {MIN_TOKEN_LENGTH} characters, got {len(token)}"
        )
    if TOKEN_PATTERN.fullmatch(token) is None:
        raise TokenError("--token may only use letters, digits, '-' and '_'")
    return token


def is_loopback(host: str) -> bool:
    """True when `host` (as given to --host) only listens on this machine."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _same(given: str | None, token: str) -> bool:
    if given is None:
        return False
    # compare_digest on bytes: a str with non-ASCII characters would raise.
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("utf-8"))


def _host_name(request: web.Request) -> str:
    """The name in the Host header, without the port ("[::1]:8000" -> "::1")."""
    try:
        return (request.url.host or "").lower()
    except ValueError:
        return ""


def _origin_matches(request: web.Request) -> bool:
    """A browser's WebSocket must come from this server's own page (no cross-site socket)."""
    origin = request.headers.get(hdrs.ORIGIN)
    if origin is None:
        # Not a browser (a browser always sends Origin on a WebSocket handshake).
        return True
    return urlsplit(origin).netloc.lower() == request.host.lower()


def access_guard(token: str | None, *, loopback_only: bool) -> Middleware:
    """aiohttp middleware: 403 for a request without the token (when one is set).

    On loopback it also refuses a Host header naming another machine, so a web page
    elsewhere cannot reach the app through DNS rebinding, and every WebSocket must
    come from the app's own page.
    """

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        if loopback_only and _host_name(request) not in LOOPBACK_NAMES:
            raise web.HTTPForbidden(text="stretchtui: this server only answers on localhost\n")
        from_query = token is not None and _same(request.query.get("token"), token)
        from_cookie = token is not None and _same(request.cookies.get(TOKEN_COOKIE), token)
        if token is not None and not (from_query or from_cookie):
            raise web.HTTPForbidden(
                text="stretchtui: open the address printed by `stretchtui serve`, "
                "with its ?token=…\n"
            )
        if request.headers.get(hdrs.UPGRADE, "").lower() == "websocket" and not _origin_matches(
            request
        ):
            raise web.HTTPForbidden(text="stretchtui: a WebSocket from another site\n")
        response = await handler(request)
        if from_query and not response.prepared:
            assert token is not None
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="Strict", path="/")
        return response

    return guard
