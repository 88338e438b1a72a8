"""Chinese inside English pages, marked as Chinese: `lang="zh-CN"` on each run of Chinese text, so a screen reader
reads a plan's title, an indicator, a quote or a unit with a Chinese voice instead of an English one (or not at all).

An English page is `<html lang="en">`, but what the documents say stays Chinese (plan titles, indicators, quotes,
governments, units, task texts). `mark_chinese` wraps every run of Chinese characters of the page's text in
`<span lang="zh-CN">` (a run may hold digits, spaces and punctuation between Chinese characters, never Latin
letters: "Plan 深圳市坪山区2019年计划" marks "深圳市坪山区2019年计划" alone) and gives an `<option>` whose text is
Chinese the attribute itself (an option holds text only). Scripts, styles, titles and text areas are left alone, as
are attribute values and elements that already say their language.
"""

from __future__ import annotations

import re

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_RUN = re.compile(f"[{CJK}](?:[^<>A-Za-z{CJK}]*[{CJK}])*")
_HAS = re.compile(f"[{CJK}]")
_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")
_LANG = re.compile(r"\slang\s*=")  # the attribute itself, not data-lang=
_LANG_ZH = re.compile(r"\slang\s*=\s*[\"']?zh", re.I)
RAW = frozenset({"script", "style", "textarea", "title"})  # their content is not the page's text


def mark_chinese(html: str) -> str:
    """`html` (an English page) with its runs of Chinese text marked `lang="zh-CN"` (see the module's docstring)."""
    if not _HAS.search(html):
        return html
    tokens = _TOKEN.split(html)
    out: list[str] = []
    raw: str | None = None  # inside <script>, <style>, <textarea>, <title>: the tag that ends it
    zh_depth = 0  # inside an element that already says lang="zh…"
    stack: list[bool] = []  # for each open element that is not void: whether it set lang="zh…"
    for index, token in enumerate(tokens):
        if index % 2:  # a tag or a comment
            tag = _TAG.match(token)
            if tag:
                closing, name = tag.group(1) == "/", tag.group(2).lower()
                if raw is not None:
                    if closing and name == raw:
                        raw = None
                elif closing:
                    if name not in _VOID and stack:
                        zh_depth -= stack.pop()
                else:
                    if name in RAW and not token.rstrip().endswith("/>"):
                        raw = name
                    elif name not in _VOID and not token.rstrip().endswith("/>"):
                        own = bool(_LANG_ZH.search(token))
                        stack.append(own)
                        zh_depth += own
                        if name == "option" and not own and not _LANG.search(token):
                            following = tokens[index + 1] if index + 1 < len(tokens) else ""
                            if _HAS.search(following):
                                token = token[:-1].rstrip("/ ") + ' lang="zh-CN">'
                                stack[-1] = True
                                zh_depth += 1
            out.append(token)
        elif raw is not None or zh_depth > 0 or not token or not _HAS.search(token):
            out.append(token)
        else:
            out.append(_RUN.sub(lambda m: f'<span lang="zh-CN">{m.group(0)}</span>', token))
    return "".join(out)


_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
                   "!doctype"})
