"""One view, two renderings: every page is a function returning data, served as HTML and JSON.

``@page(router, "/targets", "targets.html")`` registers the view at ``/targets``
(HTML from the template), ``/targets.json`` and ``/api/targets`` (the same data as
JSON; only the ``/api`` route appears in the OpenAPI schema).
"""

from __future__ import annotations

import functools
import inspect
import json
import math
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pydantic import BaseModel
from starlette.datastructures import QueryParams

from planwatch.monitor.rules import stored_comparator
from planwatch.web import i18n, paging
from planwatch.web.deps import require_reader
from planwatch.web.highlight import highlight
from planwatch.web.labels import (
    actual_value,
    actual_when,
    aspect_words,
    chart_scales,
    comparator_symbol,
    entry_evidence,
    explain,
    in_words,
    label,
    label_tables,
    period_label,
    period_words,
    plan_label,
    record_texts,
    span_years,
    system_name,
    target_value,
)
from planwatch.web.labels import amount as _amount
from planwatch.web.labels import number as _number
from planwatch.web.lang_marks import mark_chinese
from planwatch.web.sessions import CSRF_FIELD

TEMPLATES = Path(str(resources.files("planwatch.web").joinpath("templates")))


def code_spans(text: str) -> Markup:
    """`text` escaped, with its `backticked` parts (commands, headers quoted from the docs) as <code>."""
    parts = str(text).split("`")
    if len(parts) % 2 == 0:  # an odd backtick: show the text as written
        return Markup.escape(text)
    return Markup("").join(Markup("<code>{}</code>").format(p) if i % 2 else Markup.escape(p)
                           for i, p in enumerate(parts))


def _date(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value or "")


def show_page_again(request: Request, path: str, query: str = "") -> None:
    """Render this response as the page at `path`?`query` (a refused form's page shown again at its POST address).

    The template's `path` and `query()` then describe that page, so its links, language switch and
    forms' ``next`` lead to it, not to the POST-only address the browser is at.
    """
    request.state.page = (path, QueryParams(query))


def page_address(request: Request) -> tuple[str, QueryParams]:
    """The path and query of the page a response shows: the request's, or those set by `show_page_again`."""
    shown = getattr(request.state, "page", None)
    return shown if shown is not None else (request.url.path, request.query_params)


def _query(request: Request, **changes: Any) -> str:
    """The current query string with `changes` applied (None removes a key)."""
    params = dict(page_address(request)[1])
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params) if params else ""


def _segment(value: Any) -> str:
    """`value` escaped as one segment of a URL path: every reserved character encoded, `/` too (unlike urlencode)."""
    from urllib.parse import quote

    return quote(str(value), safe="")


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    """Jinja's environment, with `row.key` on a plain dict read as the key at once.

    Jinja reads ``{{ r.quote }}`` as an attribute first and, on AttributeError, as an item: for the
    dicts our views return that is a raised and caught exception per lookup (≈ 3,000 on an indicator
    page at corpus scale). A plain dict has no attributes but those of `dict` itself, so for any other
    name present as a key the result is the same, without the exception."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute` as Jinja reads it (attribute first, then item)."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


def colon(label_text: str) -> str:
    """A label followed by its language's colon: "协办单位：" on a Chinese page, "Co-units: " on an English one."""
    return f"{label_text}：" if i18n.current_language().startswith("zh") else f"{label_text}: "


def sentence(text: str) -> str:
    """`text` ended as a sentence in the page's language ("…上限 20 MB。", "… 20 MB."), unless it already ends with
    a stop: a message followed by another ran on ("超过大小上限 20 MiB 已填写的内容…": review ux4 #20)."""
    text = str(text).rstrip()
    if not text or text[-1] in "。！？.!?；;：:":
        return text
    return text + ("。" if i18n.current_language().startswith("zh") else ".")


def make_environment() -> Environment:
    """The Jinja2 environment: autoescaping, i18n through the current request's language."""
    env = _Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "xml"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message: i18n.translations(i18n.current_language()).gettext(message),
        lambda s, p, n: i18n.translations(i18n.current_language()).ngettext(s, p, n),
        newstyle=True,
    )
    env.filters["number"] = _number
    env.filters["date"] = _date
    env.filters["amount"] = _amount
    env.filters["label"] = label
    env.filters["segment"] = _segment
    env.filters["explain"] = explain
    env.filters["code_spans"] = code_spans
    env.filters["system_name"] = system_name
    env.filters["cmp"] = comparator_symbol
    env.filters["worded_comparator"] = stored_comparator  # a verdict row's signed comparator back to the wording's
    env.filters["period"] = period_label
    env.filters["actual_when"] = actual_when
    env.filters["entry"] = entry_evidence
    env.filters["span_years"] = span_years
    env.filters["period_words"] = period_words
    env.filters["aspect"] = aspect_words
    from planwatch.web.audit_view import action_label, entity_label

    env.filters["audit_action"] = action_label
    env.filters["audit_entity"] = entity_label
    env.filters["plan_label"] = plan_label
    env.filters["colon"] = colon
    env.filters["sentence"] = sentence
    env.globals["in_words"] = in_words
    env.globals["target_value"] = target_value
    env.globals["actual_value"] = actual_value
    env.globals["record_texts"] = record_texts
    env.globals["chart_scales"] = chart_scales
    env.globals["highlight"] = highlight
    env.globals["label_tables"] = label_tables
    from planwatch.store.accounts import PASSWORD_MIN

    env.globals["password_min"] = PASSWORD_MIN  # the accounts' one rule, as the password fields' minlength
    env.policies["json.dumps_function"] = lambda obj, **kw: json.dumps(obj, default=_json_default, **kw)
    return env


_ENV: Environment | None = None


def environment() -> Environment:
    """The shared template environment."""
    global _ENV
    if _ENV is None:
        _ENV = make_environment()
    return _ENV


def _login_next(request: Request, data: dict[str, Any]) -> str:
    """Where the 登录 link returns to: this page with its query (filters kept), when it is a page one can GET."""
    from planwatch.web.redirects import back_to

    path, query = page_address(request)
    if path == "/login":
        return str(data.get("next") or "/")
    return back_to(request, path + (f"?{query}" if query else ""), "/")


def render_template(request: Request, name: str, data: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """Render template `name` with `data` and the common page context."""
    token = i18n.set_language(getattr(request.state, "language", i18n.DEFAULT_LANGUAGE))
    try:
        context = {
            "request": request, "data": data, **data,
            "user": getattr(request.state, "user", None),
            "csrf_field": CSRF_FIELD,
            "csrf_token": request.state.session.csrf if hasattr(request.state, "session") else "",
            "lang": i18n.current_language(), "languages": i18n.LANGUAGES,
            "query": functools.partial(_query, request), "path": page_address(request)[0],
            "login_next": _login_next(request, data),
        }
        html = environment().get_template(name).render(context)
        if context["lang"] != "zh":  # the documents' Chinese inside an English page (lang_marks)
            html = mark_chinese(html)
    finally:
        i18n.reset_language(token)
    return HTMLResponse(html, status_code=status_code)


def _json_default(value: Any) -> Any:
    """JSON for what json.dumps cannot write itself: dates, sets, dataclasses and the like."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    return jsonable_encoder(value)


def dumps(data: Any) -> str:
    """`data` as compact JSON (UTF-8 kept, dates as ISO strings); a non-finite number is null (JSON has none)."""
    try:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_json_default, allow_nan=False)
    except ValueError:  # inf or NaN: stored before actuals were checked, or overflowed (1e307 亿元); rare, so retried
        return json.dumps(_finite(jsonable_encoder(data, custom_encoder={datetime: _iso, date: _iso})),
                          ensure_ascii=False, separators=(",", ":"), default=_json_default, allow_nan=False)


def _iso(value: date) -> str:
    return value.isoformat()


def _finite(value: Any) -> Any:
    """`value` with every non-finite float (inf, -inf, NaN) inside it replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def json_response(data: Any, status_code: int = 200) -> Response:
    """`data` as a JSON response."""
    return Response(dumps(data), status_code=status_code, media_type="application/json")


def page(router: APIRouter, path: str, template: str, *, api: str | None = None, json_path: str | None = None,
         summary: str = "", tags: list[str] | None = None, model: type[BaseModel] | None = None,
         responses: dict[int | str, dict[str, Any]] | None = None,
         ) -> Callable[[Callable[..., dict[str, Any]]], Callable[..., dict[str, Any]]]:
    """Register a view at `path` (HTML), `path`.json and /api`path` (JSON, in the OpenAPI schema, described by `model`
    (`web.schemas`): the view's dict is sent as it is, the model only documents it)."""
    api_path = api or "/api" + path
    json_variant = json_path or path + ".json"

    def decorate(view: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        signature = inspect.signature(view, eval_str=True)
        if "request" not in signature.parameters:
            raise TypeError(f"page view {view.__name__} needs a `request: Request` parameter")

        def html_endpoint(*args: Any, **kwargs: Any) -> Response:
            request = kwargs["request"]
            require_reader(request)
            data = view(*args, **kwargs)
            if isinstance(data, Response):
                return data
            return render_template(request, template, data)

        def json_endpoint(*args: Any, **kwargs: Any) -> Response:
            require_reader(kwargs["request"])
            with paging.json_paging():  # a page past the last: empty, not the last again
                data = view(*args, **kwargs)
            return data if isinstance(data, Response) else json_response(data)

        for endpoint in (html_endpoint, json_endpoint):
            endpoint.__signature__ = signature  # type: ignore[attr-defined]
            endpoint.__name__ = view.__name__
            endpoint.__doc__ = view.__doc__
        doc = summary or (view.__doc__ or "").strip().splitlines()[0] if view.__doc__ else summary
        router.add_api_route(json_variant, json_endpoint, methods=["GET"], include_in_schema=False)
        router.add_api_route(api_path, json_endpoint, methods=["GET"], summary=doc, tags=list[str | Enum](tags or ["pages"]),
                             name=f"api_{view.__name__}", response_model=model, responses=responses)
        router.add_api_route(path, html_endpoint, methods=["GET"], include_in_schema=False,
                             response_class=HTMLResponse, name=view.__name__)
        return view

    return decorate
