"""The manual matches the code: the CLI and settings pages are regenerated and compared,
every command's options appear in its section, and every page is in the navigation."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("docs_reference", ROOT / "tools" / "docs_reference.py")
assert _spec and _spec.loader
reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reference)


def test_cli_page_is_the_help_of_every_command() -> None:
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert page == reference.cli_markdown(), "docs/cli.md is out of date: run .venv/bin/python tools/docs_reference.py"


@pytest.mark.parametrize("path", reference.command_paths(), ids=lambda p: " ".join(p) or "planwatch")
def test_every_option_of_a_command_is_documented(path: tuple[str, ...]) -> None:
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    title = "## " + " ".join(("planwatch", *path))
    assert title + "\n" in page, f"{title} missing from docs/cli.md"
    section = page.split(title + "\n", 1)[1].split("\n## ", 1)[0]
    for option in set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", reference.help_text(path))):
        assert option in section, f"{option} of {title[3:]} missing from docs/cli.md"


def test_settings_page_lists_every_setting() -> None:
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert page == reference.settings_markdown(), "docs/settings.md is out of date: run .venv/bin/python tools/docs_reference.py"


def test_every_page_is_in_the_navigation() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))

    def pages(items: list) -> set[str]:
        found: set[str] = set()
        for item in items:
            for value in item.values():
                found |= pages(value) if isinstance(value, list) else {value}
        return found

    listed = pages(config["nav"])
    on_disk = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert on_disk == listed, f"not in mkdocs.yml nav: {sorted(on_disk - listed)}; missing files: {sorted(listed - on_disk)}"
