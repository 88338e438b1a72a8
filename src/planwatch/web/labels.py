"""Display labels for the codes stored in the database (status, kind, measure, role …).

Each label is an English message id marked with `N_` so Babel extracts it; the
template filter ``label`` translates it into the request's language.
"""

from __future__ import annotations

from planwatch.web.i18n import gettext


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it yet."""
    return message


LABELS: dict[str, dict[str, str]] = {
    "status": {
        "met": N_("met"), "missed": N_("missed"), "on_track": N_("on track"), "at_risk": N_("at risk"),
        "no_data": N_("no data"), "absent": N_("explicitly absent"), "achieved": N_("achieved"),
        "substantial": N_("substantial progress"), "moderate": N_("moderate progress"),
        "limited": N_("limited progress"), "deterioration": N_("deterioration"), "": N_("no data"),
    },
    "kind": {"result": N_("result"), "target": N_("target")},
    "measure": {"level": N_("level"), "growth": N_("growth"), "share": N_("share"),
                "points": N_("points"), "ratio": N_("ratio")},
    "polarity": {"higher": N_("higher is better"), "lower": N_("lower is better"), "neutral": N_("neutral")},
    "role": {"admin": N_("admin"), "editor": N_("editor"), "viewer": N_("viewer")},
    "source": {"document": N_("from a document"), "import": N_("imported"), "manual": N_("entered by hand")},
    "task_status": {"未启动": N_("not started"), "推进中": N_("in progress"), "已完成": N_("done"),
                    "滞后": N_("behind schedule"), "取消": N_("cancelled")},
    "plan_kind": {"annual_plan": N_("annual plan"), "work_report": N_("government work report"),
                  "five_year_plan": N_("five-year plan"), "other": N_("other document")},
    "domain": {
        "agriculture": N_("agriculture"), "consumption": N_("consumption"), "economy": N_("economy"),
        "employment": N_("employment"), "energy": N_("energy"), "environment": N_("environment"),
        "fiscal": N_("public finance"), "income": N_("income"), "industry": N_("industry"),
        "innovation": N_("innovation"), "investment": N_("investment"), "population": N_("population"),
        "poverty": N_("poverty"), "prices": N_("prices"), "social": N_("social services"),
        "trade": N_("trade"),
    },
    "level": {"national": N_("national"), "province": N_("province"), "city": N_("city"),
              "district": N_("district"), "county": N_("county")},
}

COMPARATOR_SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "≈": "≈", "=": "=", "between": "–"}


def label(code: object, kind: str) -> str:
    """The translated label of `code` in the table `kind` (the code itself when unknown)."""
    text = LABELS.get(kind, {}).get(str(code if code is not None else ""))
    return gettext(text) if text else str(code if code is not None else "")


def comparator_symbol(comparator: str | None) -> str:
    """≥ ≤ ≈ … for a stored comparator."""
    return COMPARATOR_SYMBOLS.get(comparator or "", comparator or "")


def label_tables() -> dict[str, dict[str, str]]:
    """Every label table translated into the current language (for scripts)."""
    tables = {kind: {code: gettext(text) for code, text in table.items()} for kind, table in LABELS.items()}
    tables["comparator"] = dict(COMPARATOR_SYMBOLS)
    return tables
