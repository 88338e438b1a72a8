"""The dashboard's message catalogues: re-extract `messages.pot` from the code and templates, update the zh and en
catalogues from it (`make locale`), or check that they are up to date (`--check`, as tests/web/test_i18n.py does).

    .venv/bin/python tools/catalogues.py            # extract, then update zh and en (their translations are kept)
    .venv/bin/python tools/catalogues.py --check    # exit 1, listing what is behind, when the catalogues need it

The commands it runs, from the repository root (babel.cfg maps the files; ``N_`` marks a label for extraction):

    pybabel extract -F src/planwatch/locale/babel.cfg -k N_ --sort-output --add-location=file --project=planwatch
        --version=0.1.0 -o src/planwatch/locale/messages.pot src/planwatch/web     (the version of pyproject.toml)
    pybabel update -i src/planwatch/locale/messages.pot -d src/planwatch/locale -l zh --no-fuzzy-matching  (and en)

Sorted output and locations without line numbers keep a diff to what changed: a message moved inside its file
changes no line of the catalogues. A message the code no longer uses stays in each .po as an obsolete entry (``#~``),
as babel's update leaves it. planwatch reads the .po files at start-up (`planwatch.web.i18n`): no compile step.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import tomllib
from pathlib import Path

from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = Path("src/planwatch/locale")  # relative to ROOT: the catalogues' locations read src/planwatch/web/…
SOURCE = Path("src/planwatch/web")
POT = LOCALE / "messages.pot"
LANGUAGES = ("zh", "en")
TRANSLATED = ("zh",)  # the languages whose every message needs a translation (en's msgid is its text)


def _pybabel(*args: str) -> None:
    """Run a pybabel command from the repository root."""
    with contextlib.chdir(ROOT):
        CommandLineInterface().run(["pybabel", "-q", *args])


def extract(output: Path = POT) -> None:
    """Extract every message marked in the code and templates into the template `output`."""
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    _pybabel("extract", "-F", str(LOCALE / "babel.cfg"), "-k", "N_", "--sort-output", "--add-location=file",
             "--project=planwatch", f"--version={version}", "-o", str(output), str(SOURCE))


def update() -> None:
    """Update each language's catalogue from messages.pot, keeping its translations."""
    for language in LANGUAGES:
        _pybabel("update", "-i", str(POT), "-d", str(LOCALE), "-l", language, "--no-fuzzy-matching")


def catalogue_path(language: str) -> Path:
    return ROOT / LOCALE / language / "LC_MESSAGES" / "messages.po"


def _read(path: Path, language: str | None = None):  # type: ignore[no-untyped-def]
    with path.open("rb") as fp:
        return read_po(fp, locale=language)


def msgids(path: Path) -> set[str | tuple[str, ...]]:
    """The active messages of a template or catalogue (a plural one as its (singular, plural) pair)."""
    return {m.id for m in _read(path) if m.id}


def untranslated(language: str) -> list[str]:
    """The active messages of `language` whose translation is empty (any plural form) or fuzzy (not used)."""
    return sorted(m.id if isinstance(m.id, str) else m.id[0] for m in _read(catalogue_path(language), language)
                  if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else (m.string,))))


def source_msgids() -> set[str | tuple[str, ...]]:
    """The messages the code and templates mark now (extracted into a temporary template)."""
    with tempfile.TemporaryDirectory() as folder:
        pot = Path(folder) / "messages.pot"
        extract(pot)
        return msgids(pot)


def problems() -> list[str]:
    """What `make locale` (and then a translator) has to fix; empty when the catalogues are up to date."""
    found: list[str] = []
    source = source_msgids()

    def shown(ids: set[str | tuple[str, ...]]) -> str:
        return "; ".join(repr(i) for i in sorted(i if isinstance(i, str) else i[0] for i in ids)[:10])

    for name, ids in [("messages.pot", msgids(ROOT / POT))] + [
            (f"{language}/messages.po", msgids(catalogue_path(language))) for language in LANGUAGES]:
        if source - ids:
            found.append(f"{name} lacks {len(source - ids)} message(s) of the source: {shown(source - ids)}")
        if ids - source:
            found.append(f"{name} holds {len(ids - source)} message(s) the source no longer uses: {shown(ids - source)}")
    for language in TRANSLATED:
        if missing := untranslated(language):
            found.append(f"{language}/messages.po: {len(missing)} message(s) without a translation (empty or fuzzy): "
                         + "; ".join(repr(m) for m in missing[:10]))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report what is out of date (exit 1 if anything)")
    if parser.parse_args(argv).check:
        found = problems()
        for line in found:
            print(line, file=sys.stderr)
        if found:
            print("run `make locale`, then translate the empty msgstr of zh/LC_MESSAGES/messages.po", file=sys.stderr)
        return 1 if found else 0
    extract()
    update()
    for language in TRANSLATED:
        if missing := untranslated(language):
            print(f"{language}: {len(missing)} message(s) to translate (empty msgstr)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
