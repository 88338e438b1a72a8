"""The web dashboard and JSON API (FastAPI, Jinja2 pages in Chinese and English)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(*args: Any, **kwargs: Any) -> FastAPI:
    """The planwatch web application (see `planwatch.web.app.create_app`)."""
    from planwatch.web.app import create_app as factory

    return factory(*args, **kwargs)


__all__ = ["create_app"]
