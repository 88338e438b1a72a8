"""Static files: the app's own CSS/JS, and ECharts from the npm package (never a CDN).

ECharts is installed by ``npm ci`` into ``node_modules/`` at the repository root
(``package.json`` pins it); it is served at ``/static/vendor/echarts.min.js``. A copy
placed in ``web/static/vendor/`` (for a non-editable install) or the path in
``PLANWATCH_ECHARTS_JS`` takes precedence.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from starlette.staticfiles import StaticFiles

STATIC = Path(str(resources.files("planwatch.web").joinpath("static")))
ECHARTS = "vendor/echarts.min.js"
_NPM_FILE = Path("node_modules") / "echarts" / "dist" / "echarts.min.js"


def echarts_path() -> Path | None:
    """Where the ECharts bundle is on this machine, or None when `npm ci` has not been run."""
    candidates = [STATIC / ECHARTS]
    if os.environ.get("PLANWATCH_ECHARTS_JS"):
        candidates.insert(0, Path(os.environ["PLANWATCH_ECHARTS_JS"]))
    candidates += [parent / _NPM_FILE for parent in Path(__file__).resolve().parents]
    candidates.append(Path.cwd() / _NPM_FILE)
    return next((path for path in candidates if path.is_file()), None)


class StaticAssets(StaticFiles):
    """StaticFiles over web/static that also finds the vendored ECharts bundle."""

    def __init__(self) -> None:
        super().__init__(directory=str(STATIC))
        self._echarts = echarts_path()

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        """The file for `path`, falling back to node_modules for the ECharts bundle."""
        full, stat = super().lookup_path(path)
        if stat is None and path.replace("\\", "/") == ECHARTS:
            found = self._echarts or echarts_path()
            if found is not None:
                return str(found), os.stat(found)
        return full, stat
