"""Repainting a few small widgets straight to the terminal, without a Textual frame.

During a hold a second changes the countdown, a few cells of the breath bar and
now and then the progress line. Textual's way to show that is a chain of
messages (each widget's idle check, an update message to the screen, the
screen's idle, its update timer) and then a compositor pass that renders again
every widget under the bounding box of all the changes: about 8 ms of CPU for a
frame that changes a handful of cells. A widget that paints directly renders
only its own changed lines, through the same styles cache Textual renders it
with, and all of them go out through the app's cell map (`cell_diff`) in one
write after the current callback is done.

The direct way is taken only where it shows exactly what Textual's frame would:
the widget is on the screen the terminal shows, laid out (no layout pending on
it or above it), nothing is drawn in front of the lines (a toast, a tooltip),
no Textual repaint of it is already pending, and the cell map knows what the
terminal holds (not after a new size, another screen or a suspension). Anything
else, and in headless runs (tests, snapshots), the widget refreshes as usual.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Self

from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from stretchtui.tui.cell_diff import PlacedUpdate

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

    from stretchtui.tui.cell_diff import TerminalCells


class DirectPaint(Widget):
    """A widget whose plain repaints go straight to the terminal when the app allows it.

    The app opts in by having a `direct_painter` (a DirectPainter); otherwise, and for
    a refresh that needs a layout or a recompose, this is Textual's `refresh`.
    """

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if repaint and not layout and not recompose and self._is_mounted:
            painter: DirectPainter | None = getattr(self.app, "direct_painter", None)
            if painter is not None and painter.take(self, regions):
                return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def refresh_by_frame(self, regions: tuple[Region, ...]) -> None:
        """Textual's own refresh (the painter's way back when it cannot paint)."""
        super().refresh(*regions)


class DirectPainter:
    """Paints DirectPaint widgets' changed lines through the app's cell map, once per turn."""

    def __init__(self, app: App[Any], cells: TerminalCells) -> None:
        self._app = app
        self._cells = cells
        self._queue: dict[DirectPaint, list[Region] | None] = {}
        self._scheduled = False
        self.painted = 0
        """Direct paints written (for tests and benchmarks)."""

    def take(self, widget: DirectPaint, regions: tuple[Region, ...]) -> bool:
        """Queue a repaint of `regions` of `widget` (all of it if none); False to leave it to
        Textual. The widget is marked dirty now, as `refresh` would, so whatever renders it
        next renders it as it is."""
        if not self._may_paint() or widget._repaint_required:
            return False
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        widget._layout_cache.clear()
        widget._set_dirty(*regions)
        widget.clear_cached_dimensions()
        widget._rich_style_cache.clear()
        if widget in self._queue:
            queued = self._queue[widget]
            if queued is not None:
                queued.extend(regions) if regions else self._queue.update({widget: None})
        else:
            self._queue[widget] = list(regions) if regions else None
        if not self._scheduled:
            self._scheduled = True
            loop.call_soon(self.flush)
        return True

    def flush(self) -> None:
        """Write what was queued (or hand it back to Textual, where it can no longer paint)."""
        self._scheduled = False
        queue, self._queue = self._queue, {}
        placements: list[tuple[int, int, Strip]] = []
        screen: Screen[Any] | None = None
        try:
            for widget, regions in queue.items():
                lines = self._lines(widget, regions) if self._may_paint() else None
                if lines is None or (screen is not None and widget.screen is not screen):
                    widget.refresh_by_frame(tuple(regions or ()))
                    continue
                screen = widget.screen
                placements.extend(lines)
                # Drawn: Textual need not draw these regions again.
                widget._repaint_regions.clear()
            if screen is not None and placements:
                size = (self._app.size.width, self._app.size.height)
                update = PlacedUpdate(self._cells, placements, screen, size)
                self._app._display(screen, update)
                self.painted += 1
        except Exception as error:  # a broken render must end the app as Textual's would
            self._app._handle_exception(error)

    def _may_paint(self) -> bool:
        app = self._app
        return (
            app._running
            and not app._closed
            and not app.is_headless
            and not app.is_inline
            and app._driver is not None
            and not app._batch_count
        )

    def _lines(
        self, widget: DirectPaint, regions: list[Region] | None
    ) -> list[tuple[int, int, Strip]] | None:
        """Widget's lines under `regions` as (x, y, strip) on the terminal, or None if Textual
        must draw them."""
        if not widget.is_attached or widget._repaint_required:
            return None
        screen = widget.screen
        app = self._app
        if screen is not app.screen or screen._layout_required:
            return None
        if any(getattr(node, "_layout_required", False) for node in widget.ancestors_with_self):
            return None
        compositor = screen._compositor
        size = (app.size.width, app.size.height)
        if tuple(compositor.size) != size or not self._cells.knows(screen, size):
            return None
        visible = compositor.visible_widgets
        geometry = visible.get(widget)
        if geometry is None:
            return None
        region, clip = geometry
        if regions:
            offset = widget.content_offset + region.offset
            wanted = [part.translate(offset) for part in regions]
        else:
            wanted = [region]
        areas = [area for part in wanted if (area := part.intersection(clip))]
        if not areas:
            return []
        # Nothing may be drawn in front (the map runs from front to back).
        for other, (other_region, other_clip) in visible.items():
            if other is widget:
                break
            front = other_region.intersection(other_clip)
            if any(front.overlaps(area) for area in areas):
                return None
        placements: list[tuple[int, int, Strip]] = []
        for area in areas:
            crop = area.translate((-region.x, -region.y))
            for y, strip in zip(area.line_range, widget.render_lines(crop), strict=False):
                placements.append((area.x, y, strip))
        return placements
