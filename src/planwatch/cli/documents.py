"""`planwatch text` and `planwatch outline`: what planwatch reads in a plan file.

`text` prints the document text that every record's offsets index; `outline`
prints its heading tree. Problems with the file are raised as DocumentError
(one line on stderr, exit status 2, via `planwatch.cli.main`).
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from planwatch.documents import bundled_plan_path, load
from planwatch.documents.meta import describe
from planwatch.documents.outline import Outline, Section, build_outline


class OutlineFormat(str, Enum):
    tree = "tree"
    json = "json"


def _write(text: str) -> None:
    """Write `text` to stdout as UTF-8 whatever the terminal's locale says."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(stream, "buffer"):
        stream.flush()
        stream.buffer.write(text.encode("utf-8"))
        stream.buffer.flush()
    else:
        stream.write(text)
        stream.flush()


def text(
    file: Annotated[Path, typer.Argument(help="Plan file (.txt .md .docx .pdf .html).", show_default=False)],
) -> None:
    """Print the document text exactly as planwatch reads it (record offsets index this text)."""
    document = load(file)
    for note in document.notes:  # on stderr: pipes get the text alone
        typer.echo(f"note: {file}: {note}", err=True)
    out = document.text
    if sys.stdout.isatty() and not out.endswith("\n"):
        out += "\n"  # for the prompt only; pipes get the text byte for byte
    _write(out)


def outline(
    file: Annotated[Path | None, typer.Argument(help="Plan file; none: the bundled Pingshan 2019 plan.", show_default=False)] = None,
    format: Annotated[
        OutlineFormat, typer.Option("--format", "-f", help="tree: indented headings; json: the full tree.")
    ] = OutlineFormat.tree,
) -> None:
    """Print the heading tree of a plan (第一章 / 一、 / （一） / 1. / （1） / 一是) with character ranges."""
    document = load(file or bundled_plan_path())
    tree = build_outline(document.text)
    meta = describe(document.text, document.name)
    if format is OutlineFormat.json:
        payload = {"doc": document.name, "format": document.format, "chars": len(document.text),
                   "converted_from": document.script or None, "notes": document.notes,
                   "meta": meta.to_dict(), "sections": tree.to_list()}
        _write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    facts = " · ".join(str(v) for v in (meta.government, meta.level, meta.year, meta.kind, *document.notes) if v)
    lines = [f"{meta.title or document.name}  ({facts})" if facts else (meta.title or document.name)]
    lines.extend(render_tree(tree))
    if not tree.sections:
        lines.append("(no headings found)")
    _write("\n".join(lines) + "\n")


def render_tree(tree: Outline) -> list[str]:
    """The outline as indented lines: label, title and [start–end) character range."""
    lines: list[str] = []

    def visit(node: Section, prefix: str, last: bool, top: bool) -> None:
        branch = "" if top else ("└── " if last else "├── ")
        gap = "" if node.label.endswith(("、", "）", ")", "是")) else " "
        lines.append(f"{prefix}{branch}{node.label}{gap}{node.title}  [{node.start}–{node.end})")
        child_prefix = prefix if top else prefix + ("    " if last else "│   ")
        for i, child in enumerate(node.children):
            visit(child, child_prefix, i == len(node.children) - 1, False)

    for section in tree.sections:
        visit(section, "", True, True)
    return lines


def register(app: typer.Typer) -> None:
    """Add `text` and `outline` to `app`."""
    app.command("text")(text)
    app.command("outline")(outline)
