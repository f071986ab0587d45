"""`stretchtui serve`: the app in a browser, one app process per open tab, through textual-serve.

On top of textual-serve's Server this adds what a served stretch timer needs:
the access guard (loopback, or a token), a page that plays the cue sounds the
app sends and fits a phone, and a shutdown that ends every open session
cleanly (recorded as ended early) within two seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import logging
import signal
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from string import Template

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from stretchtui.kinds import CueSound
from stretchtui.paths import AppPaths, bundled_sounds_dir
from stretchtui.web.access import access_guard, is_loopback
from stretchtui.web.browser_sound import SOUND_META

log = logging.getLogger("stretchtui.web")

HERE = Path(__file__).resolve().parent
# A tab's app gets this long to end its session and exit after being asked to quit;
# then it is killed. Together with closing the sockets this stays under two seconds.
QUIT_GRACE = 1.2
SOUND_NAMES = frozenset(sound.value for sound in CueSound)


@dataclass(frozen=True)
class Listening:
    """Where the server ended up listening, and the addresses to print."""

    host: str
    port: int
    token: str | None

    def urls(self) -> list[tuple[str, str]]:
        """(label, url) pairs: this machine's, and the network's when listening on every address."""
        tail = f":{self.port}/" + ("" if self.token is None else f"?token={self.token}")
        if self.host in ("", "0.0.0.0", "::"):
            return [
                ("On this machine", f"http://127.0.0.1{tail}"),
                ("On your network", f"http://{lan_address()}{tail}"),
            ]
        name = f"[{self.host}]" if ":" in self.host else self.host
        return [("Open", f"http://{name}{tail}")]


def lan_address() -> str:
    """This machine's address on its network (no packet is sent), or its host name."""
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("10.254.254.254", 1))
        address = probe.getsockname()[0]
        if isinstance(address, str) and not address.startswith("127."):
            return address
    return socket.gethostname()


def app_command(paths: AppPaths) -> str:
    """The shell command textual-serve runs for each tab: this Python, these folders."""
    import shlex

    argv = [
        sys.executable,
        "-m",
        "stretchtui.web.session_app",
        "--config-dir",
        str(paths.config_dir.resolve()),
        "--data-dir",
        str(paths.data_dir.resolve()),
    ]
    # exec: the shell becomes the app, so stopping the process stops the app itself.
    return "exec " + shlex.join(argv)


class TabApp(AppService):
    """One tab's app process; forwards the cue sounds it asks the page to play."""

    async def on_meta(self, data: bytes) -> None:
        try:
            meta = json.loads(data)
        except ValueError:
            return
        if isinstance(meta, dict) and meta.get("type") == SOUND_META:
            sound = meta.get("sound")
            gain = meta.get("gain")
            if (sound is None or sound in SOUND_NAMES) and isinstance(gain, int | float):
                message = json.dumps([SOUND_META, {"sound": sound, "gain": gain}])
                with contextlib.suppress(ConnectionError, RuntimeError):
                    await self.remote_write_str(message)
            return
        await super().on_meta(data)

    async def end(self, grace: float) -> None:
        """Ask the app to quit (it records the session as ended early); kill it if it lingers."""
        try:
            await asyncio.wait_for(self.stop(), grace)
        except (TimeoutError, ConnectionError, RuntimeError):
            process = self._process
            if process is not None and process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()


class StretchServer(Server):
    """textual-serve's Server with stretchtui's page, access guard and shutdown."""

    def __init__(
        self,
        paths: AppPaths,
        *,
        host: str,
        port: int,
        token: str | None,
        font_size: int = 16,
    ) -> None:
        super().__init__(app_command(paths), host=host, port=port, title="stretchtui")
        self.token = token
        self.font_size = font_size
        self.tabs: set[TabApp] = set()
        self.sockets: set[web.WebSocketResponse] = set()
        self._page = Template((HERE / "page.html").read_text(encoding="utf-8"))

    def make_app(self) -> web.Application:
        """The aiohttp application: every route behind the access guard."""
        guard = access_guard(self.token, loopback_only=is_loopback(self.host))
        app = web.Application(middlewares=[guard])
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.static("/static", self.statics_path, name="static"),
                web.static("/page", HERE / "page_static", name="page"),
                web.static("/sounds", bundled_sounds_dir(), name="sounds"),
            ]
        )
        return app

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page: textual-serve's terminal, our sound player, sized for phones too."""
        # Built from the address the browser used, so a phone's page talks back to
        # the same address it loaded from (whatever --host was).
        origin = f"{request.scheme}://{request.host}"
        socket_scheme = "wss" if request.scheme == "https" else "ws"
        font_size = max(8, min(48, to_int(request.query.get("fontsize", ""), self.font_size)))
        page = self._page.substitute(
            static=html.escape(f"{origin}/static/", quote=True),
            page=html.escape(f"{origin}/page/", quote=True),
            sounds=html.escape(f"{origin}/sounds/", quote=True),
            websocket=html.escape(f"{socket_scheme}://{request.host}/ws", quote=True),
            font_size=font_size,
        )
        return web.Response(
            text=page,
            content_type="text/html",
            headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"},
        )

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: its own app process, fed the keys and size the page sends."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = max(10, min(500, to_int(request.query.get("width", "80"), 80)))
        height = max(5, min(300, to_int(request.query.get("height", "24"), 24)))
        await websocket.prepare(request)

        async def close() -> None:
            await websocket.close()

        tab = TabApp(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.tabs.add(tab)
        self.sockets.add(websocket)
        try:
            await tab.start(width, height)
            await self._process_messages(websocket, tab)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("a browser tab's connection failed")
        finally:
            self.sockets.discard(websocket)
            if tab in self.tabs:
                self.tabs.discard(tab)
                await tab.end(QUIT_GRACE)
            with contextlib.suppress(Exception):
                await websocket.close()
        return websocket

    async def end_tabs(self) -> None:
        """End every open tab's app (each records its session as ended early) and socket."""
        tabs = list(self.tabs)
        self.tabs.clear()
        await asyncio.gather(*(tab.end(QUIT_GRACE) for tab in tabs), return_exceptions=True)
        closing = [
            asyncio.wait_for(ws.close(code=1001, message=b"server stopped"), 0.3)
            for ws in list(self.sockets)
        ]
        await asyncio.gather(*closing, return_exceptions=True)

    async def run(self, ready: Callable[[Listening], None], stop: asyncio.Event) -> None:
        """Listen until `stop` is set, then end every tab and close within two seconds."""
        runner = web.AppRunner(self.make_app(), handle_signals=False, shutdown_timeout=0.3)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
            port = self.port
            for address in runner.addresses:
                if isinstance(address, tuple) and len(address) >= 2:
                    port = int(address[1])
                    break
            ready(Listening(self.host, port, self.token))
            await stop.wait()
            await site.stop()
            await self.end_tabs()
        finally:
            await runner.cleanup()


def serve_until_stopped(server: StretchServer, ready: Callable[[Listening], None]) -> int:
    """Run the server; Ctrl+C or SIGTERM end it cleanly. Returns the exit code (0)."""

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(signum, stop.set)
        await server.run(ready, stop)

    asyncio.run(main())
    return 0
