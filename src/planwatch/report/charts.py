"""The report's charts as PNG bytes, drawn offline by matplotlib with a CJK font shipped by a package.

The font is Noto Sans CJK SC from the `mplfonts` wheel, never a system font: the same
pictures come out on a fresh machine without Chinese fonts.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Any

from planwatch.errors import PlanwatchError

CATEGORIES = ("完成", "推进中", "滞后或未完成", "未启动或暂无数据")
COLOURS = ("#2e7d32", "#1565c0", "#c62828", "#9e9e9e")


@lru_cache(maxsize=1)
def font_path() -> Path:
    """The bundled CJK font file (Noto Sans CJK SC from the mplfonts package)."""
    from importlib.util import find_spec

    spec = find_spec("mplfonts")  # located, not imported: only its font file is used
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a declared dependency
        raise PlanwatchError("the mplfonts package (CJK font for charts) is not installed: pip install -e .")
    path = Path(list(spec.submodule_search_locations)[0]) / "fonts" / "NotoSansCJKsc-Regular.otf"
    if not path.exists():  # pragma: no cover
        raise PlanwatchError(f"CJK font missing from the mplfonts package: {path}")
    return path


@lru_cache(maxsize=1)
def _pyplot() -> Any:
    """matplotlib's pyplot on the Agg backend with the bundled font registered and selected."""
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    font_manager.fontManager.addfont(str(font_path()))
    name = font_manager.FontProperties(fname=str(font_path())).get_name()
    plt.rcParams["font.family"] = [name]
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def _png(fig: Any) -> bytes:
    """The figure as PNG bytes (then closed)."""
    plt = _pyplot()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()


def attainment_by_domain(domains: list[tuple[str, tuple[int, int, int, int]]]) -> bytes:
    """Stacked horizontal bars: per domain, the share of targets and tasks in each of `CATEGORIES`."""
    plt = _pyplot()
    names = [_short(name) for name, _c in domains][::-1]
    counts = [c for _n, c in domains][::-1]
    fig, ax = plt.subplots(figsize=(7.5, 0.55 * max(len(domains), 2) + 1.2))
    left = [0.0] * len(domains)
    for i, (label, colour) in enumerate(zip(CATEGORIES, COLOURS, strict=True)):
        shares = [100 * c[i] / sum(c) if sum(c) else 0 for c in counts]
        ax.barh(names, shares, left=left, color=colour, label=label, height=0.6)
        left = [a + b for a, b in zip(left, shares, strict=True)]
    ax.set_xlim(0, 100)
    ax.set_xlabel("占目标和任务数的比例（%）")
    ax.set_title("各领域目标任务完成情况")
    ax.legend(ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.22), frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return _png(fig)


def timeline(years: list[int], values: list[float | None]) -> tuple[list[int], list[float]]:
    """Every year from the first to the last of `years` with its value, NaN for a year without one (none stated, or
    no plan of that year stored): drawn on a time axis, a line breaks there and the years keep their distance; the
    axis read "2008 2011 2012 … 2018 2021", evenly spaced, and the target line joined 2018 to 2021 as if adjacent."""
    given = {y: v for y, v in zip(years, values, strict=False) if v is not None}
    if not years:
        return [], []
    span = list(range(min(years), max(years) + 1))
    return span, [float(given[y]) if y in given else float("nan") for y in span]


def _year_ticks(ax: Any, years: list[int]) -> None:
    """A tick at every year of the axis (every 2nd, 5th … when they are many), labelled with the year."""
    if not years:
        return
    first, last = min(years), max(years)
    step = next(n for n in (1, 2, 5, 10, 20, 50, 100) if (last - first) / n <= 8)
    ticks = [y for y in range(first, last + 1) if (y - first) % step == 0]
    ax.set_xticks(ticks, [str(y) for y in ticks])
    ax.set_xlim(first - 0.6, last + 0.6)


def targets_vs_actuals(series: list[tuple[str, str, list[int], list[float | None], list[float | None]]]) -> bytes:
    """Small multiples: per headline indicator, actuals by year as bars and the target as a line, on a time axis.

    Years are numbers on the axis (`timeline`): a year with no target or actual is a gap of its width, and the target
    line breaks across it, never joining 2018 to 2021 as if they were adjacent years. An indicator without any actual
    draws no bars and says so in its panel (暂无实际值); the legend lists 实际 only when some panel has one, and 目标
    (the legend is the figure's, under the title, not the first panel's)."""
    plt = _pyplot()
    n = max(len(series), 1)
    cols = 2 if n > 1 else 1
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(7.5, 2.6 * rows + 0.3), squeeze=False)
    handles: dict[str, Any] = {}
    for k, (name, unit, years, targets, actuals) in enumerate(series):
        ax = axes[k // cols][k % cols]
        measured = [(y, a) for y, a in zip(years, actuals, strict=False) if a is not None]
        if measured:
            bars = ax.bar([y for y, _a in measured], [a for _y, a in measured], width=0.6, color="#1565c0", label="实际")
            handles.setdefault("实际", bars)
        else:
            ax.text(0.5, 0.92, "暂无实际值", transform=ax.transAxes, ha="center", va="top", fontsize=8, color="#616161")
        axis, line_values = timeline(years, targets)
        (line,) = ax.plot(axis, line_values, color="#c62828", marker="o", linestyle="--", label="目标")
        handles.setdefault("目标", line)
        _year_ticks(ax, years)
        ax.set_title(f"{_short(name, 14)}（{unit}）", fontsize=9)
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    for k in range(len(series), rows * cols):
        axes[k // cols][k % cols].axis("off")
    fig.suptitle("主要指标目标与实际（按年度）", fontsize=11)
    fig.tight_layout(rect=(0, 0, 1, 0.95))
    if handles:
        names = sorted(handles, key=("实际", "目标").index)
        fig.legend([handles[h] for h in names], names, loc="upper right", ncol=len(names), fontsize=7, frameon=False)
    return _png(fig)


def _short(text: str, width: int = 16) -> str:
    """A heading shortened for an axis label."""
    text = text.split("，")[0]
    return text if len(text) <= width else text[: width - 1] + "…"


__all__ = ["CATEGORIES", "attainment_by_domain", "font_path", "targets_vs_actuals", "timeline"]
