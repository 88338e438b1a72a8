"""`planwatch demo`: load the bundled Pingshan plan, say what planwatch found, serve the dashboard."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

import typer


def demo(
    serve: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the dashboard after loading.")] = True,
    host: Annotated[str | None, typer.Option(help="Address to listen on (default: settings.host).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default: settings.port).")] = None,
) -> None:
    """Load the bundled Pingshan 2019 plan into the database, summarise it, then serve the dashboard."""
    from planwatch.cli.store import load_demo
    from planwatch.documents import bundled_plan_path, load
    from planwatch.extract import extract_quantities
    from planwatch.monitor.service import assess_targets, counts
    from planwatch.settings import get_settings
    from planwatch.store.db import connect

    settings = get_settings()
    engine = connect(settings.url)
    results = load_demo(engine)
    document = load(bundled_plan_path())
    records = extract_quantities(document.text, doc=document.name)
    kinds = Counter(r.kind for r in records)
    typer.echo(f"planwatch demo: {document.name} loaded into {settings.url}")
    for result in results:
        typer.echo(f"  plan {getattr(result, 'plan_id', '?')}: {getattr(result, 'status', '')}, "
                   f"{getattr(result, 'records', 0)} records")
    typer.echo(f"  {kinds['result']} results and {kinds['target']} targets found in the plan; for example:")
    for record in [r for r in records if r.kind == "target"][:5]:
        typer.echo(f"    {record.year} {record.indicator} {record.comparator} {record.value:g}{record.unit}  «{record.quote}»")
    c = counts(assess_targets(engine))
    typer.echo(f"  attainment: {c['met']} met / {c['missed']} missed / {c['on track']} on track / "
               f"{c['no data']} no data (planwatch assess)")
    typer.echo("  next: planwatch extract | planwatch assess | planwatch tasks list | planwatch serve")
    if serve:
        from planwatch.cli.web import serve as serve_dashboard

        serve_dashboard(host=host, port=port)


def register(app: typer.Typer) -> None:
    """Add `demo` to `app`."""
    app.command("demo")(demo)
