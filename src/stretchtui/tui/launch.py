"""One factory that builds the app: the CLI and the tests both come through here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stretchtui.catalog import Catalog, CatalogEntry
from stretchtui.services import Services
from stretchtui.tui.app import StretchApp

if TYPE_CHECKING:
    from stretchtui.resume import ResumeOffer


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
    return StretchApp(services, catalog, start_routine, resume=resume)


def run_app(
    services: Services,
    catalog: Catalog,
    start_routine: CatalogEntry | None = None,
    *,
    resume: ResumeOffer | None = None,
) -> int:
    """Run the app in this terminal until the person leaves; returns the exit code."""
    app = create_app(services, catalog, start_routine, resume=resume)
    try:
        code = app.run()
    finally:
        # Whatever stopped the app (ctrl+q, a signal, an error), the record must not stay open.
        app.end_active_session()
    return code if isinstance(code, int) else 0
