"""`stretchtui serve`: the app in a browser, on this machine or, with a token, on a network."""

from __future__ import annotations

import argparse

from stretchtui.cli.context import EXIT_INVALID, EXIT_USAGE, CliContext, add_command

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INSTALL_HINT = "stretchtui serve needs the web extra: pip install 'stretchtui[web]'"


def port_value(text: str) -> int:
    """`--port P`: 1-65535, or 0 for any free port."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be 0-65535 (0: any free port), got {port}")
    return port


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = add_command(
        subparsers, "serve", "Serve the app to a web browser (a phone or tablet on the floor)."
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"the address to listen on (default {DEFAULT_HOST}, this machine only; "
        "0.0.0.0 for every network, which needs a token)",
    )
    parser.add_argument(
        "--port",
        type=port_value,
        default=DEFAULT_PORT,
        help=f"the port (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument(
        "--token",
        metavar="T",
        help="the access token (16 or more letters, digits, - or _); on an address other "
        "than this machine's, a random one is made when not given",
    )
    parser.set_defaults(handler=serve)


def serve(context: CliContext, args: argparse.Namespace) -> int:
    from stretchtui.web.access import TokenError, check_token, is_loopback, new_token

    token: str | None = args.token
    if token is not None:
        try:
            check_token(token)
        except TokenError as error:
            context.error(str(error))
            return EXIT_USAGE
    elif not is_loopback(args.host):
        token = new_token()
    try:
        # Heavy, and only in the web extra: imported when serving, never before.
        from stretchtui.web.server import Listening, StretchServer, serve_until_stopped
    except ImportError:
        context.error(INSTALL_HINT)
        return EXIT_INVALID
    server = StretchServer(context.paths, host=args.host, port=args.port, token=token)

    def ready(listening: Listening) -> None:
        print("stretchtui is serving the app to web browsers.", flush=True)
        for label, url in listening.urls():
            print(f"  {label}: {url}", flush=True)
        if listening.token is not None and not is_loopback(listening.host):
            print(
                "  Anyone on the network with this address can use the app as you: "
                "share it only with your own devices.",
                flush=True,
            )
        print(f"History: {context.paths.history_file}", flush=True)
        print("Ctrl+C stops the server and ends any open session.", flush=True)

    try:
        return serve_until_stopped(server, ready)
    except OSError as error:
        context.error(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}")
        return EXIT_INVALID
