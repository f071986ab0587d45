"""The addresses `stretchtui serve` prints: ones that reach the server, with the token."""

from __future__ import annotations

import pytest

pytest.importorskip("textual_serve", reason="the web extra is not installed")

from stretchtui.web.server import Listening


def test_loopback_prints_one_address_without_a_token() -> None:
    assert Listening("127.0.0.1", 8000, None).urls() == [("Open", "http://127.0.0.1:8000/")]


def test_every_address_prints_this_machine_and_the_network_with_the_token(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("stretchtui.web.server.lan_address", lambda: "192.168.1.20")
    assert Listening("0.0.0.0", 8123, "t" * 20).urls() == [
        ("On this machine", f"http://127.0.0.1:8123/?token={'t' * 20}"),
        ("On your network", f"http://192.168.1.20:8123/?token={'t' * 20}"),
    ]


def test_one_network_address_is_the_only_one_printed() -> None:
    # Listening on that address alone: 127.0.0.1 would not reach it.
    assert Listening("192.168.1.20", 80, "t" * 20).urls() == [
        ("Open", f"http://192.168.1.20:80/?token={'t' * 20}")
    ]
    assert Listening("fe80::1", 8000, None).urls() == [("Open", "http://[fe80::1]:8000/")]
