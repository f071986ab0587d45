"""One browser tab's app: the process textual-serve starts for each connection.

`python -m stretchtui.web.session_app --config-dir DIR --data-dir DIR` runs the
same app as the terminal, on the same config and history, with two changes for
a browser: cue sounds are sent to the page (never the server's speakers, never
the bell of the terminal the server was started in), and a notice says so.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from stretchtui.paths import AppPaths
    from stretchtui.services import Services
    from stretchtui.web.browser_sound import Post


class PageRelay:
    """Posts meta packets to the page from any thread, on the app's own event loop.

    The web driver writes screen updates from the event loop; writing a packet from
    the sound thread at the same moment could split one of them, so every packet
    is handed to the loop instead.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._app: App[Any] | None = None

    def attach(self, app: App[Any], loop: asyncio.AbstractEventLoop) -> None:
        self._app = app
        self._loop = loop

    def post(self, meta: dict[str, object]) -> None:
        loop = self._loop
        if loop is None:
            return
        # The loop may be closing as the app exits: a cue then is a cue not heard.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(self._write, meta)

    def _write(self, meta: dict[str, object]) -> None:
        # Textual keeps its driver private; the web driver is the one with write_meta.
        driver = getattr(self._app, "_driver", None)
        write_meta = getattr(driver, "write_meta", None)
        if write_meta is not None:
            with contextlib.suppress(OSError, ValueError):
                write_meta(meta)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="stretchtui-web-session")
    parser.add_argument("--config-dir", required=True)
    parser.add_argument("--data-dir", required=True)
    return parser.parse_args(argv)


def served_services(paths: AppPaths, post: Post) -> Services:
    """The app's services with the page as the only sound output, and a notice saying so."""
    from stretchtui.services import open_services
    from stretchtui.web.browser_sound import browser_player

    # sound=False: no sound device is probed and no terminal opened (the child shares the
    # server's controlling terminal: a bell there would ring on the server, not the phone).
    services = open_services(paths, sound=False)
    services.player.close()
    player = browser_player(services.settings, post)
    notice = player.notice
    services.player = player
    if notice:
        services.warnings.append(notice)
    return services


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app for one browser tab; the session is recorded as in the terminal."""
    from stretchtui import glyphs
    from stretchtui.catalog import load_catalog
    from stretchtui.paths import bundled_routines_dir, resolve_paths
    from stretchtui.tui.launch import create_app

    args = parse_args(argv)
    # A browser shows every character, whatever the locale the server was started in.
    glyphs.use(glyphs.UNICODE)
    paths = resolve_paths(args.config_dir, args.data_dir)
    catalog = load_catalog(bundled_routines_dir(), paths.user_routines_dir, paths.cache_dir)
    relay = PageRelay()
    services = served_services(paths, relay.post)
    app = create_app(services, catalog)

    async def run() -> int | None:
        relay.attach(app, asyncio.get_running_loop())
        return await app.run_async()

    try:
        code = asyncio.run(run())
    finally:
        # Closed tab, server shutdown, SIGTERM: the record says "ended early", never "in progress".
        app.end_active_session()
        services.close()
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    sys.exit(main())
