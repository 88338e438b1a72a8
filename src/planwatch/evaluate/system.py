"""An indicator system (指标体系) read from YAML: dimensions, weighted items, scoring rules, missing-data policy.

Every problem is reported as one line naming the file, the line and the problem
(`planwatch.errors.ValidationError`), e.g. ``system.yaml:12: unknown indicator '总产值'``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from planwatch.documents import read_file_bytes
from planwatch.errors import DocumentError, ValidationError

RULES = ("met", "linear", "rank")
MISSING = ("reweight", "zero")
MEASURES = ("level", "growth", "share", "points", "ratio")
BUNDLED = "evaluation-system.yaml"


@dataclass(frozen=True, slots=True)
class Item:
    """One scored item: an indicator under a rule, or the completion rate of (some of) the plan's tasks."""

    weight: float
    indicator: str = ""  # canonical registry name; empty for a task item
    measure: str | None = None
    rule: str = "met"
    met: float = 100.0
    missed: float = 0.0
    floor: float | None = None
    tasks: tuple[str, ...] | None = None  # () = every task; words = domains whose heading has one of them
    line: int = 0

    @property
    def label(self) -> str:
        """How the item is named in tables: the indicator (and measure), or 任务完成率."""
        if self.tasks is not None:
            from planwatch.evaluate.scoring import Detail

            return Detail("eval_task_rate_of", words="、".join(self.tasks)) if self.tasks else Detail("eval_task_rate")
        return self.indicator + {"growth": "增速", "share": "比重"}.get(self.measure or "", "")

    def describe(self) -> str:
        """The rule in words, shown on hover in the dashboard and in `planwatch evaluate --explain`."""
        from planwatch.evaluate.scoring import Detail

        if self.tasks is not None:
            return Detail("eval_rule_tasks")
        if self.rule == "met":
            return Detail("eval_rule_met", met=self.met, missed=self.missed)
        if self.rule == "linear":
            return Detail("eval_rule_linear", floor=self.floor)
        return Detail("eval_rule_rank")


@dataclass(frozen=True, slots=True)
class Dimension:
    """A dimension (经济运行, 创新 …) with its weight and items."""

    name: str
    weight: float
    items: tuple[Item, ...]
    line: int = 0


@dataclass(frozen=True, slots=True)
class System:
    """A whole indicator system."""

    name: str
    dimensions: tuple[Dimension, ...]
    missing: str = "reweight"
    unit_task_share: float = 0.6
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def bundled_path() -> Path:
    """The bundled default system file."""
    return Path(str(resources.files("planwatch.data").joinpath(BUNDLED)))


def load_system(path: Path | str | None = None, known: set[str] | None = None) -> System:
    """Read and check a system file (the bundled default when None).

    `known` adds indicator names (e.g. the database's registry) to the bundled standard ones.
    """
    import yaml

    path = Path(path) if path is not None else bundled_path()
    name = path.name if path == bundled_path() else str(path)
    try:  # a regular file within max_file_mb, as every input: a FIFO or /dev/zero is refused at once
        data = read_file_bytes(path)
    except DocumentError as exc:
        raise ValidationError(str(exc).replace(str(path), name, 1)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(f"{name}: not a UTF-8 text file") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise ValidationError(f"{name}:{line}: malformed YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise ValidationError(f"{name}: malformed YAML: {exc}") from None
    return _Reader(name, _registry(known)).system(root)


def _registry(known: set[str] | None) -> dict[str, str]:
    """Matching key → canonical name, from the bundled table (names and aliases) and `known`."""
    from planwatch.store.indicators import bundled_table, key

    names: dict[str, str] = {}
    for row in bundled_table():
        for alias in (row.name, *row.aliases):
            names.setdefault(key(alias), row.name)
    for n in known or ():
        names.setdefault(key(n), n)
    return names


class _Reader:
    """Walks the YAML node tree, keeping line numbers for messages."""

    def __init__(self, name: str, registry: dict[str, str]) -> None:
        self.name = name
        self.registry = registry

    def fail(self, node: Any, problem: str) -> ValidationError:
        """One-line error at `node`'s line."""
        return ValidationError(f"{self.name}:{node.start_mark.line + 1}: {problem}")

    def mapping(self, node: Any, what: str) -> dict[str, Any]:
        """A mapping node as {key: value node}."""
        import yaml

        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping (key: value)")
        out: dict[str, Any] = {}
        for k, v in node.value:
            out[str(k.value)] = v
        return out

    def sequence(self, node: Any, what: str) -> list[Any]:
        """A sequence node's items."""
        import yaml

        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        return list(node.value)

    def scalar(self, node: Any, what: str) -> str:
        """A scalar's text."""
        import yaml

        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what} must be a single value")
        return str(node.value)

    def number(self, node: Any, what: str, minimum: float | None = 0.0) -> float:
        """A scalar number (≥ `minimum`)."""
        text = self.scalar(node, what)
        try:
            value = float(text)
        except ValueError:
            raise self.fail(node, f"{what} must be a number, not {text!r}") from None
        if minimum is not None and value < minimum:
            raise self.fail(node, f"{what} must be at least {minimum:g}, not {value:g}")
        return value

    def unknown_keys(self, fields: dict[str, Any], allowed: set[str], what: str) -> None:
        """Reject keys this format does not know (a typo would silently change a score)."""
        for k, v in fields.items():
            if k not in allowed:
                raise self.fail(v, f"unknown key {k!r} in {what} (allowed: {', '.join(sorted(allowed))})")

    def system(self, root: Any) -> System:
        """The whole file."""
        if root is None:
            raise ValidationError(f"{self.name}:1: empty file; a system needs `dimensions:`")
        top = self.mapping(root, "the file")
        self.unknown_keys(top, {"name", "missing", "dimensions", "units"}, "the file")
        if "dimensions" not in top:
            raise self.fail(root, "no `dimensions:` list")
        missing = self.scalar(top["missing"], "missing") if "missing" in top else "reweight"
        if missing not in MISSING:
            raise self.fail(top["missing"], f"missing must be one of {', '.join(MISSING)}, not {missing!r}")
        share = 0.6
        if "units" in top:
            units = self.mapping(top["units"], "units")
            self.unknown_keys(units, {"tasks"}, "units")
            if "tasks" in units:
                share = self.number(units["tasks"], "units.tasks")
                if share > 1:
                    raise self.fail(units["tasks"], "units.tasks is a share between 0 and 1")
        dims = tuple(self.dimension(n) for n in self.sequence(top["dimensions"], "dimensions"))
        if not dims:
            raise self.fail(top["dimensions"], "dimensions is empty")
        names = [d.name for d in dims]
        for d in dims:
            if names.count(d.name) > 1:
                raise ValidationError(f"{self.name}:{d.line}: dimension {d.name!r} appears twice")
        name = self.scalar(top["name"], "name") if "name" in top else "指标体系"
        return System(name, dims, missing, share, self.name)

    def dimension(self, node: Any) -> Dimension:
        """One dimension."""
        fields = self.mapping(node, "a dimension")
        self.unknown_keys(fields, {"name", "weight", "items"}, "a dimension")
        for required in ("name", "weight", "items"):
            if required not in fields:
                raise self.fail(node, f"a dimension needs `{required}:`")
        items = tuple(self.item(n) for n in self.sequence(fields["items"], "items"))
        if not items:
            raise self.fail(fields["items"], "a dimension needs at least one item")
        return Dimension(self.scalar(fields["name"], "name"), self.number(fields["weight"], "weight"), items,
                         node.start_mark.line + 1)

    def item(self, node: Any) -> Item:
        """One item: indicator + rule, or tasks."""
        import yaml

        fields = self.mapping(node, "an item")
        line = node.start_mark.line + 1
        if "weight" not in fields:
            raise self.fail(node, "an item needs `weight:`")
        weight = self.number(fields["weight"], "weight")
        if "tasks" in fields:
            self.unknown_keys(fields, {"tasks", "weight"}, "a task item")
            value = fields["tasks"]
            if isinstance(value, yaml.ScalarNode):
                words: tuple[str, ...] = () if value.value in ("all", "") else (value.value,)
            else:
                words = tuple(self.scalar(w, "tasks") for w in self.sequence(value, "tasks"))
            return Item(weight, tasks=words, line=line)
        self.unknown_keys(fields, {"indicator", "measure", "weight", "rule", "met", "missed", "floor"}, "an item")
        if "indicator" not in fields:
            raise self.fail(node, "an item needs `indicator:` (or `tasks:`)")
        written = self.scalar(fields["indicator"], "indicator")
        from planwatch.store.indicators import key

        canonical = self.registry.get(key(written))
        if canonical is None:
            raise self.fail(fields["indicator"], f"unknown indicator {written!r} (`planwatch indicators` lists the registry)")
        measure = self.scalar(fields["measure"], "measure") if "measure" in fields else None
        if measure is not None and measure not in MEASURES:
            raise self.fail(fields["measure"], f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
        rule = self.scalar(fields["rule"], "rule") if "rule" in fields else "met"
        if rule not in RULES:
            raise self.fail(fields["rule"], f"unknown rule {rule!r} (use one of: {', '.join(RULES)})")
        floor = self.number(fields["floor"], "floor", minimum=None) if "floor" in fields else None
        if rule == "linear" and floor is None:
            raise self.fail(node, "rule linear needs `floor:` (the value that scores 0)")
        met = self.number(fields["met"], "met") if "met" in fields else 100.0
        missed = self.number(fields["missed"], "missed") if "missed" in fields else 0.0
        return Item(weight, canonical, measure, rule, met, missed, floor, None, line)


__all__ = ["MISSING", "RULES", "Dimension", "Item", "System", "bundled_path", "load_system"]
