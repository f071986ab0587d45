"""One factory that builds the app: the CLI and the tests both come through here."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from stretchtui.catalog import Catalog, CatalogEntry
    from stretchtui.resume import ResumeOffer
    from stretchtui.services import Services
    from stretchtui.tui.app import StretchApp


def create_app(
    services: Services,
    catalog: Catalog,
    start_routine: CatalogEntry | None = None,
    *,
    resume: ResumeOffer | None = None,
) -> StretchApp:
    """The app wired to these services (store, player, clock, settings) and routines.

    With `start_routine` it goes straight into that session, with `resume` straight into
    carrying on that one; either way it exits after the summary.
    """
    # Imported here so that run_app can keep TLS out before Textual brings in asyncio.
    from stretchtui.tui.app import StretchApp

    return StretchApp(services, catalog, start_routine, resume=resume)


def run_app(
    services: Services,
    catalog: Catalog,
    start_routine: CatalogEntry | None = None,
    *,
    resume: ResumeOffer | None = None,
    after_first_paint: Callable[[], object] | None = None,
) -> int:
    """Run the app in this terminal until the person leaves; returns the exit code.

    `after_first_paint` is called once the first frame has gone to the terminal."""
    leave_out_tls()
    app = create_app(services, catalog, start_routine, resume=resume)
    if after_first_paint is not None:
        app.after_first_paint(after_first_paint)
    try:
        code = app.run()
    finally:
        # Whatever stopped the app (ctrl+q, a signal, an error), the record must not stay open.
        app.end_active_session()
    return code if isinstance(code, int) else 0


def leave_out_tls() -> None:
    """Keep OpenSSL out of a full-screen process: about 4 MB of its resident memory.

    asyncio imports `ssl` for TLS connections, which the full screen never makes (the
    browser view is served by `stretchtui serve`, another process). With `ssl` marked
    missing before Textual first imports asyncio, asyncio and every library the app uses
    take it as a Python built without TLS, which each of them handles. Once `ssl` is
    loaded (a test that imported the app first) this changes nothing.
    """
    if "ssl" not in sys.modules:
        sys.modules["ssl"] = None  # type: ignore[assignment]
