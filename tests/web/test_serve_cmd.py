"""`stretchtui serve`'s own errors: each a message and an exit code, before anything listens."""

from __future__ import annotations

import socket

import pytest

from stretchtui.cli import main


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--token", "short"], "--token must be at least 16 characters, got 5"),
        (["--token", "spaces are not ok here"], "--token may only use letters, digits"),
    ],
)
def test_unusable_token_is_a_usage_error(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", *args]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_bad_port_is_a_usage_error(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", port]) == 2
    assert "--port" in capsys.readouterr().err


def test_a_port_already_taken_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("textual_serve", reason="the web extra is not installed")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 1
    assert f"stretchtui: cannot listen on 127.0.0.1:{port}:" in capsys.readouterr().err


def test_without_the_web_extra_it_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    # As if the extra were not installed: importing any of it fails.
    for name in ("textual_serve", "textual_serve.server", "textual_serve.app_service"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "stretchtui.web.server", raising=False)
    assert main(["serve"]) == 1
    assert "pip install 'stretchtui[web]'" in capsys.readouterr().err
