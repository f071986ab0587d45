"""The routine checker: what a routine file's fields must be, walked node by node into a Routine.

Every mistake is collected with its place (`steps[2].hold` at line 14, column 11),
so a person sees all of them at once, not one per try.
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from stretchtui.figures import (
    MAX_DRAWING_ROWS,
    MIN_DRAWING_ROWS,
    POSES,
    Figure,
    drawing_problem,
)
from stretchtui.routines.fields import FieldReader, hint_for
from stretchtui.routines.model import (
    AREAS,
    Breathing,
    Cooldown,
    Defaults,
    Effort,
    Level,
    Position,
    Routine,
    Side,
    Step,
    Warmup,
)
from stretchtui.routines.problems import Problem
from stretchtui.routines.yaml_nodes import NULL_TAG, describe
from stretchtui.textsafe import excerpt

ROUTINE_FIELDS = ("name", "level", "summary", "warmup", "rounds", "defaults", "steps", "cooldown")
WARMUP_FIELDS = ("name", "duration", "how", "figure")
COOLDOWN_FIELDS = WARMUP_FIELDS
DEFAULT_FIELDS = ("prepare", "rest", "round_rest", "switch", "tempo", "breathing")
BREATHING_FIELDS = ("inhale", "exhale")
STEP_FIELDS = (
    "name",
    "how",
    "areas",
    "position",
    "hold",
    "reps",
    "tempo",
    "sides",
    "phases",
    "effort",
    "prepare",
    "rest",
    "breathing",
    "figure",
)
Spot = tuple[int, int, str]
"""Where a line of a drawing is: line, column (1-based; column 0 when unknown), field."""
FIGURE_EXAMPLE = (
    "a built-in figure like cat-cow (the README lists them) or a drawing: "
    f"a list of {MIN_DRAWING_ROWS} to {MAX_DRAWING_ROWS} lines"
)


class RoutineChecker(FieldReader):
    """Walks the composed YAML of one routine file, collecting problems as it goes."""

    def routine(
        self, root: Node, routine_id: str, path: Path | None, digest: str
    ) -> Routine | None:
        if not isinstance(root, MappingNode):
            self.problem(
                root,
                "",
                f"expected the routine's fields (name, level, steps, …) at the top, "
                f"found {describe(root)}",
            )
            return None
        if not any(
            isinstance(key, ScalarNode) and str(key.value) in ROUTINE_FIELDS
            for key, _ in root.value
        ):
            # Some other file (a config, /etc/shadow): one line, and none of it quoted back.
            self.problem(
                root,
                "",
                "not a routine: none of its top-level fields is name, level, steps or another "
                "routine field",
            )
            return None
        fields = self.mapping(root, "", ROUTINE_FIELDS, "a mapping")
        assert fields is not None
        for required in ("name", "level", "steps"):
            if required not in fields:
                self.problem(root, required, "missing; every routine needs name, level and steps")
        name = self.text(fields["name"], "name") if "name" in fields else None
        level = self.choice(fields["level"], "level", Level) if "level" in fields else None
        summary = self.text(fields["summary"], "summary") if "summary" in fields else ""
        warmup = self.easy_part(fields["warmup"], "warmup") if "warmup" in fields else None
        cooldown = self.easy_part(fields["cooldown"], "cooldown") if "cooldown" in fields else None
        rounds = self.count(fields["rounds"], "rounds", "rounds") if "rounds" in fields else 1
        defaults = self.defaults(fields["defaults"]) if "defaults" in fields else Defaults()
        steps = self.steps(fields["steps"], defaults or Defaults()) if "steps" in fields else None
        if self.problems:
            return None
        assert name and level and rounds and defaults and steps is not None
        return Routine(
            id=routine_id,
            name=name,
            level=level,
            summary=summary or "",
            warmup=warmup,
            rounds=rounds,
            defaults=defaults,
            steps=tuple(steps),
            path=path,
            digest=digest,
            cooldown=(
                Cooldown(cooldown.name, cooldown.duration, cooldown.how, cooldown.figure)
                if cooldown
                else None
            ),
        )

    def easy_part(self, node: Node, field: str) -> Warmup | None:
        """The warm-up or the cool-down: the same three fields (the cool-down is made from it)."""
        what, example = {
            "warmup": ("a warm-up", "March in place, duration: 5m"),
            "cooldown": ("a cool-down", "Slow breathing, duration: 1m"),
        }[field]
        fields = self.mapping(node, field, WARMUP_FIELDS, f"{what} like {{name: {example}}}")
        if fields is None:
            return None
        for required in ("name", "duration"):
            if required not in fields:
                self.problem(
                    node, f"{field}.{required}", f"missing; {what} needs name and duration"
                )
        name = self.text(fields["name"], f"{field}.name") if "name" in fields else None
        duration = (
            self.duration(fields["duration"], f"{field}.duration", "duration")
            if "duration" in fields
            else None
        )
        how = self.text(fields["how"], f"{field}.how") if "how" in fields else ""
        before = len(self.problems)
        figure = self.figure_or(fields, field)
        if name is None or duration is None or how is None or len(self.problems) > before:
            return None
        return Warmup(name=name, duration=duration, how=how, figure=figure)

    def breathing(self, node: Node, field: str, fallback: Breathing) -> Breathing | None:
        fields = self.mapping(
            node, field, BREATHING_FIELDS, "a breathing pattern like {inhale: 4s, exhale: 6s}"
        )
        if fields is None:
            return None
        inhale = self.duration_or(fields, "inhale", field, fallback.inhale)
        exhale = self.duration_or(fields, "exhale", field, fallback.exhale)
        if inhale is None or exhale is None:
            return None
        return Breathing(inhale=inhale, exhale=exhale)

    def breathing_or(
        self, fields: dict[str, Node], prefix: str, default: Breathing
    ) -> Breathing | None:
        if "breathing" not in fields:
            return default
        return self.breathing(fields["breathing"], f"{prefix}.breathing", default)

    def defaults(self, node: Node) -> Defaults | None:
        fields = self.mapping(node, "defaults", DEFAULT_FIELDS, "a mapping of default timings")
        if fields is None:
            return None
        base = Defaults()
        prepare = self.duration_or(fields, "prepare", "defaults", base.prepare)
        rest = self.duration_or(fields, "rest", "defaults", base.rest)
        round_rest = self.duration_or(fields, "round_rest", "defaults", base.round_rest)
        switch = self.duration_or(fields, "switch", "defaults", base.switch)
        tempo = self.duration_or(fields, "tempo", "defaults", base.tempo)
        breathing = self.breathing_or(fields, "defaults", base.breathing)
        if (
            prepare is None
            or rest is None
            or round_rest is None
            or switch is None
            or tempo is None
            or breathing is None
        ):
            return None
        return Defaults(
            prepare=prepare,
            rest=rest,
            round_rest=round_rest,
            switch=switch,
            tempo=tempo,
            breathing=breathing,
            prepare_given="prepare" in fields,
        )

    def steps(self, node: Node, defaults: Defaults) -> list[Step] | None:
        items = self.sequence(node, "steps", "stretches")
        if items is None:
            return None
        if not items:
            self.problem(node, "steps", "the list is empty; a routine needs at least one stretch")
            return None
        steps = [self.step(item, f"steps[{index}]", defaults) for index, item in enumerate(items)]
        if any(step is None for step in steps):
            return None
        return [step for step in steps if step is not None]

    def step(self, node: Node, field: str, defaults: Defaults) -> Step | None:
        fields = self.mapping(node, field, STEP_FIELDS, "a stretch with name and hold or reps")
        if fields is None:
            return None
        before = len(self.problems)
        if "name" not in fields:
            self.problem(node, f"{field}.name", "missing; every stretch needs a name")
        has_hold, has_reps = "hold" in fields, "reps" in fields
        if has_hold and has_reps:
            self.problem(fields["reps"], f"{field}.reps", "give hold or reps, not both")
        elif not has_hold and not has_reps:
            self.problem(node, field, "needs hold (seconds to hold) or reps (repetitions)")
        if has_hold and not has_reps:
            for only_reps in ("tempo", "phases", "effort"):
                if only_reps in fields:
                    self.problem(
                        fields[only_reps],
                        f"{field}.{only_reps}",
                        "only applies to a stretch with reps",
                    )
        name = self.text(fields["name"], f"{field}.name") if "name" in fields else None
        how = self.text(fields["how"], f"{field}.how") if "how" in fields else ""
        areas = self.areas(fields["areas"], f"{field}.areas") if "areas" in fields else ()
        position = (
            self.choice(fields["position"], f"{field}.position", Position)
            if "position" in fields
            else Position.STANDING
        )
        hold = self.duration(fields["hold"], f"{field}.hold", "hold") if has_hold else None
        reps = self.count(fields["reps"], f"{field}.reps", "reps") if has_reps else None
        tempo = self.duration_or(fields, "tempo", field, defaults.tempo)
        sides = self.sides(fields["sides"], f"{field}.sides") if "sides" in fields else ()
        phases = self.phases(fields["phases"], f"{field}.phases") if "phases" in fields else None
        effort = (
            self.choice(fields["effort"], f"{field}.effort", Effort)
            if "effort" in fields
            else Effort.INHALE
        )
        prepare = self.duration_or(fields, "prepare", field, defaults.prepare)
        rest = self.duration_or(fields, "rest", field, defaults.rest)
        breathing = self.breathing_or(fields, field, defaults.breathing)
        figure = self.figure_or(fields, field)
        if len(self.problems) > before:
            return None
        assert name and how is not None and areas is not None and position and sides is not None
        assert tempo is not None and prepare is not None and rest is not None and breathing
        assert effort is not None
        return Step(
            name=name,
            how=how,
            areas=areas,
            position=position,
            hold=hold,
            reps=reps,
            tempo=tempo,
            sides=sides,
            phases=phases,
            effort=effort,
            prepare_given="prepare" in fields or defaults.prepare_given,
            prepare=prepare,
            rest=rest,
            breathing=breathing,
            figure=figure,
        )

    def figure_or(self, fields: dict[str, Node], prefix: str) -> Figure | None:
        """fields["figure"] read as a Figure; None when not given (or wrong: a problem says so)."""
        if "figure" not in fields:
            return None
        return self.figure(fields["figure"], f"{prefix}.figure")

    def figure(self, node: Node, field: str) -> Figure | None:
        """A built-in pose's name, or a drawing: a list of lines, or a `|` block of them."""
        if isinstance(node, SequenceNode):
            return self.drawing_list(node, field)
        if not isinstance(node, ScalarNode) or node.tag == NULL_TAG:
            found = "nothing" if isinstance(node, ScalarNode) else describe(node)
            self.problem(node, field, f"expected {FIGURE_EXAMPLE}; found {found}")
            return None
        raw = str(node.value)
        if "\n" in raw.strip():
            return self.drawing_block(node, field, raw)
        name = raw.strip().lower()
        if name in POSES:
            return Figure(pose=name)
        shown = excerpt(raw) if raw.strip() else "nothing"
        self.problem(node, field, f"expected {FIGURE_EXAMPLE}; got {shown}{hint_for(name, POSES)}")
        return None

    def drawing_list(self, node: SequenceNode, field: str) -> Figure | None:
        """A drawing written as a list, one quoted line per item."""
        lines: list[tuple[str, Spot]] = []
        for index, item in enumerate(node.value):
            where = f"{field}[{index}]"
            if not isinstance(item, ScalarNode):
                self.problem(item, where, f"expected a line of the drawing, found {describe(item)}")
                return None
            text = "" if item.tag == NULL_TAG else str(item.value)
            if "\n" in text.strip("\n"):
                self.problem(item, where, "expected one line of the drawing per item")
                return None
            quoted = 1 if item.style in ("'", '"') else 0
            mark = item.start_mark
            lines.append((text.rstrip(), (mark.line + 1, mark.column + 1 + quoted, where)))
        # Spaces inside every quote on the left are how the list was written, not the drawing.
        indent = min(
            (len(text) - len(text.lstrip(" ")) for text, _ in lines if text.strip()), default=0
        )
        return self.drawing(
            node,
            field,
            [(text[indent:], (line, column + indent, at)) for text, (line, column, at) in lines],
        )

    def drawing_block(self, node: ScalarNode, field: str, raw: str) -> Figure | None:
        """A drawing written as a `|` block: a bad line is pointed at where it is in the file."""
        source = getattr(node.start_mark, "buffer", None)
        file_lines = source.split("\n") if isinstance(source, str) else []
        first = node.start_mark.line + (1 if node.style == "|" else 0)
        lines: list[tuple[str, Spot]] = []
        for offset, text in enumerate(raw.split("\n")):
            number = first + offset  # 0-based, like the marks
            column = 0
            if node.style == "|" and number < len(file_lines):
                found = file_lines[number]
                column = len(found) - len(found.lstrip(" "))
            else:
                # A quoted or folded string: only where it starts is known (column 0 says so).
                number, column = node.start_mark.line, -1
            lines.append((text.rstrip(), (number + 1, column + 1, field)))
        return self.drawing(node, field, lines)

    def drawing(self, node: Node, field: str, lines: list[tuple[str, Spot]]) -> Figure | None:
        """A drawing's size and characters checked; each bad line is pointed at."""
        while lines and not lines[-1][0].strip():
            lines.pop()
        while lines and not lines[0][0].strip():
            lines.pop(0)
        if len(lines) > MAX_DRAWING_ROWS:
            self.problem(
                node, field, f"the drawing has {len(lines)} lines; at most {MAX_DRAWING_ROWS}"
            )
            return None
        if len(lines) < MIN_DRAWING_ROWS:
            what = "shows nothing" if not lines else "has one line"
            self.problem(
                node,
                field,
                f"the drawing {what}; a drawing needs {MIN_DRAWING_ROWS} to {MAX_DRAWING_ROWS} "
                "lines (one word names a built-in figure)",
            )
            return None
        wrong_lines = [
            Problem(
                self.label,
                f"line {number} of the drawing: {wrong[1]}",
                line,
                column + wrong[0] if column else node.start_mark.column + 1,
                at,
            )
            for number, (text, (line, column, at)) in enumerate(lines, start=1)
            if (wrong := drawing_problem(text)) is not None
        ]
        self.problems.extend(wrong_lines)
        return None if wrong_lines else Figure(drawing=tuple(text for text, _ in lines))

    def areas(self, node: Node, field: str) -> tuple[str, ...] | None:
        items = self.sequence(node, field, "body areas")
        if items is None:
            return None
        areas: list[str] = []
        for index, item in enumerate(items):
            raw = str(item.value).strip().lower() if isinstance(item, ScalarNode) else None
            if raw not in AREAS:
                shown = excerpt(raw) if raw else describe(item)
                self.problem(
                    item,
                    f"{field}[{index}]",
                    f"expected one of {', '.join(AREAS)}; got {shown}{hint_for(raw, AREAS)}",
                )
                continue
            assert raw is not None
            if raw in areas:
                self.problem(item, f"{field}[{index}]", f"{raw} is listed twice")
                continue
            areas.append(raw)
        return tuple(areas)

    def sides(self, node: Node, field: str) -> tuple[Side, ...] | None:
        if isinstance(node, ScalarNode) and str(node.value).strip().lower() == "both":
            return (Side.RIGHT, Side.LEFT)
        if isinstance(node, ScalarNode) and node.tag != NULL_TAG:
            side = self.choice(node, field, Side)
            return (side,) if side else None
        items = self.sequence(node, field, "sides like [right, left]")
        if items is None:
            return None
        sides: list[Side] = []
        for index, item in enumerate(items):
            side = self.choice(item, f"{field}[{index}]", Side)
            if side is None:
                continue
            if side in sides:
                self.problem(item, f"{field}[{index}]", f"{side.value} is listed twice")
                continue
            sides.append(side)
        if not items:
            self.problem(node, field, "the list is empty; leave sides out for a stretch done once")
        return tuple(sides)

    def phases(self, node: Node, field: str) -> tuple[str, str] | None:
        items = self.sequence(node, field, "two movement names, e.g. [cow, cat]")
        if items is None:
            return None
        if len(items) != 2:
            self.problem(
                node, field, f"expected two movements (breathe in, breathe out), got {len(items)}"
            )
            return None
        first, second = (self.text(item, f"{field}[{i}]") for i, item in enumerate(items))
        if first is None or second is None:
            return None
        return (first, second)
