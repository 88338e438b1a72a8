"""Output files written whole or not at all: checked before any work, written beside, renamed on success.

A command that writes a file (a report, the panel, a ledger, a template, a backup) first calls
`check_output`, so a path that cannot be written (a folder, a missing folder, a file where a
folder should be) fails in one line before minutes of work; it then writes inside
`atomic_output`, into ``<name>.<pid>.partial`` in the same folder, renamed over the file only
when the writing succeeded. A failed or interrupted command thus never truncates an existing
file nor leaves a partial one behind.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planwatch.errors import OutputError

__all__ = ["atomic_output", "check_output"]


def check_output(path: Path | str) -> Path:
    """`path` if a file can be written there; else OutputError naming the path and the problem."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give the name of the file to write")
    if path.name in ("", ".", ".."):
        raise OutputError(f"{path}: is not a file name; give the name of the file to write")
    parent = path.parent
    for folder in (parent, *parent.parents):  # the nearest existing ancestor must be a folder
        if folder.exists():
            if not folder.is_dir():
                raise OutputError(f"{path}: {folder} is a file, not a folder; choose another path")
            break
    if not parent.exists():
        raise OutputError(f"{path}: the folder {parent} does not exist; create it first or choose another path")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: cannot write in the folder {parent} (permission denied)")
    return path


@contextmanager
def atomic_output(path: Path | str) -> Iterator[Path]:
    """Yield where to write `path`'s new content; on success it replaces `path`, on any failure it is removed.

    A device or pipe (``-o /dev/stdout``) is written directly: there is nothing to replace.
    A symbolic link is written through (its target is replaced, the link stays).
    """
    path = check_output(path)
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        yield path
        return
    final = Path(os.path.realpath(path)) if path.is_symlink() else path
    partial = final.with_name(f"{final.name}.{os.getpid()}.partial")
    try:
        yield partial
        os.replace(partial, final)
    except OSError as exc:
        _remove(partial)
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc}); nothing was changed") from None
    except BaseException:
        _remove(partial)
        raise


def _remove(partial: Path) -> None:
    """Delete a partial file if it is there (a failure to do so is not worth hiding the first error)."""
    try:
        partial.unlink(missing_ok=True)
    except OSError:
        pass
