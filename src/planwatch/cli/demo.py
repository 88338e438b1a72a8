"""`planwatch demo`: load the bundled plans, say what planwatch found and judged, serve the dashboard.

The bundle: the Pingshan 2019 plan (no successor is bundled, so its targets wait for actuals)
and the State Council work reports of 2016, 2017 and 2018 (each year's targets judged on
the next report). Actuals are never invented.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from planwatch.cli.web import HostOption, PortOption, listen, run_dashboard

if TYPE_CHECKING:
    from sqlalchemy import Engine


def demo(
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the dashboard after loading.")] = True,
    host: HostOption = None,
    port: PortOption = None,
) -> None:
    """Load the bundled Pingshan 2019 plan into the database, summarise it, then serve the dashboard."""
    from planwatch.settings import get_settings

    settings = get_settings()
    sock = listen(host or settings.host, port or settings.port) if serve else None  # a busy port: said before loading
    try:
        _load_and_show(settings.url)
    except BaseException:
        if sock is not None:
            sock.close()
        raise
    if sock is not None:
        run_dashboard(sock)


def _load_and_show(url: str) -> None:
    """Load the bundled plans into the database at `url` and print what planwatch found and judged."""
    from planwatch.cli.language import language, verdict
    from planwatch.cli.monitor import summary
    from planwatch.cli.store import _target, load_demo, plan_names
    from planwatch.documents import bundled_plan_path, load
    from planwatch.extract import extract_quantities
    from planwatch.monitor.display import cite_parts
    from planwatch.monitor.service import assess_targets, counts
    from planwatch.store.db import connect, masked_url

    engine = connect(url, create=True)
    results = [*load_examples(engine), *load_demo(engine)]
    document = load(bundled_plan_path())
    records = extract_quantities(document.text, doc=document.name)
    kinds = Counter(r.kind for r in records)
    typer.echo(f"planwatch demo: {document.name} loaded into {masked_url(url)}")  # never the password
    for result in results:
        typer.echo(f"  plan {getattr(result, 'plan_id', '?')}: {getattr(result, 'status', '')}, "
                   f"{getattr(result, 'records', 0)} records")
    typer.echo(f"  {kinds['result']} results and {kinds['target']} targets found in the plan; for example:")
    for record in [r for r in records if r.kind == "target"][:5]:
        typer.echo(f"    {record.year} {record.indicator} {record.comparator} {record.value:g}{record.unit}  «{record.quote}»")
    rows = assess_targets(engine)
    c = counts(rows)
    typer.echo(f"  attainment: {summary(c)} (planwatch assess)")  # the verdicts' words in the interface language
    shown = [r for r in rows if r.status in ("met", "missed") and r.actual_quote][:5]
    names = plan_names(engine, [r.actual_plan_id for r in shown] + [p.get("plan_id") for r in shown for p in r.evidence_parts])
    for row in shown:
        target = _target(row.comparator, row.value, row.value_max, row.measure, row.unit)
        cited = (cite_parts(row.evidence_parts, names) if row.evidence_parts  # a sum: every year it adds up
                 else f"«{row.actual_quote}» ({names.get(row.actual_plan_id, row.actual_document)})")
        judged = f"{verdict(row.status)}，依据{cited}" if language() == "zh" else f"{verdict(row.status)} on {cited}"
        typer.echo(f"    {row.government} {row.year} {row.indicator} {target}: {judged}")
    typer.echo("  next: planwatch extract | planwatch assess | planwatch tasks list | planwatch serve")


def example_paths() -> list[Path]:
    """The bundled consecutive State Council reports (2016, 2017, 2018), oldest first."""
    folder = Path(str(resources.files("planwatch.data").joinpath("examples")))
    return sorted(folder.glob("national-gwr-*.txt"))


def load_examples(engine: Engine) -> list[Any]:
    """Ingest the bundled State Council reports (every pipeline stage); a no-op when they are there."""
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    return [ingest_document(engine, load(path)) for path in example_paths()]


def register(app: typer.Typer) -> None:
    """Add `demo` to `app`."""
    app.command("demo")(demo)
