"""The access guard on its own: tokens, the cookie, loopback's Host check, cross-site sockets."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

import pytest

pytest.importorskip("aiohttp", reason="the web extra is not installed (scripts/setup installs it)")

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from stretchtui.web.access import (
    TOKEN_COOKIE,
    TokenError,
    access_guard,
    check_token,
    is_loopback,
    new_token,
)

TOKEN = "a-fine-token_0123456789"
Client = TestClient[web.Request, web.Application]
Make = Callable[..., Coroutine[Any, Any, Client]]


async def hello(request: web.Request) -> web.Response:
    return web.Response(text="hello")


@pytest.fixture
async def make_client() -> AsyncIterator[Make]:
    clients: list[Client] = []

    async def make(token: str | None, *, loopback_only: bool) -> Client:
        app = web.Application(middlewares=[access_guard(token, loopback_only=loopback_only)])
        app.router.add_get("/", hello)
        app.router.add_get("/static/x.js", hello)
        client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.close()


def test_new_tokens_are_long_url_safe_and_different() -> None:
    tokens = {new_token() for _ in range(20)}
    assert len(tokens) == 20
    for token in tokens:
        assert check_token(token) == token
        assert len(token) >= 16


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("short-token", "--token must be at least 16 characters, got 11"),
        ("has spaces in the middle", "--token may only use letters, digits, '-' and '_'"),
        ("semi;colons&and=equals!", "--token may only use letters, digits, '-' and '_'"),
    ],
)
def test_unusable_tokens_say_why(token: str, message: str) -> None:
    with pytest.raises(TokenError) as raised:
        check_token(token)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("", False),
        ("::", False),
        ("192.168.1.20", False),
        ("my-laptop.local", False),
    ],
)
def test_only_loopback_addresses_count_as_this_machine(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


async def test_with_a_token_nothing_is_served_without_it(make_client: Make) -> None:
    client = await make_client(TOKEN, loopback_only=False)
    for path in ("/", "/static/x.js", "/?token=wrong", f"/?token={TOKEN}x", "/?token=ünïcode"):
        response = await client.get(path)
        assert response.status == 403, path
        assert "printed by `stretchtui serve`" in await response.text()


async def test_the_token_in_the_url_sets_a_cookie_that_opens_the_rest(make_client: Make) -> None:
    client = await make_client(TOKEN, loopback_only=False)
    first = await client.get(f"/?token={TOKEN}")
    assert first.status == 200
    cookie = first.cookies[TOKEN_COOKIE]
    assert cookie.value == TOKEN
    assert cookie["httponly"]
    assert cookie["samesite"] == "Strict"
    # The client keeps the cookie, as a browser does.
    assert (await client.get("/static/x.js")).status == 200


async def test_loopback_refuses_a_host_header_naming_another_machine(make_client: Make) -> None:
    client = await make_client(None, loopback_only=True)
    assert (await client.get("/")).status == 200
    for host in ("localhost:8000", "[::1]:8000", "127.0.0.1"):
        assert (await client.get("/", headers={"Host": host})).status == 200, host
    # DNS rebinding: a name that resolved to 127.0.0.1 for a page elsewhere.
    response = await client.get("/", headers={"Host": "attacker.example:8000"})
    assert response.status == 403
    assert "only answers on localhost" in await response.text()


async def test_a_websocket_from_another_site_is_refused(make_client: Make) -> None:
    client = await make_client(None, loopback_only=True)
    upgrade = {"Upgrade": "websocket", "Connection": "Upgrade"}
    own = f"http://127.0.0.1:{client.port}"
    refused = await client.get("/", headers={**upgrade, "Origin": "http://evil.example"})
    assert refused.status == 403
    assert "another site" in await refused.text()
    # The page's own origin (and a client that is no browser) pass the guard.
    assert (await client.get("/", headers={**upgrade, "Origin": own})).status == 200
    assert (await client.get("/", headers=upgrade)).status == 200
