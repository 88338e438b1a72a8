"""Web pages (.html/.htm) as saved from a government site, via selectolax (lexbor).

Keeps the article: the largest of the usual content containers (div.TRS_Editor,
#zoom, .article, .content...) or else the element holding most Chinese text;
drops navigation, scripts and styles. Paragraphs come out one per line, table
rows as tab-separated cells, with the page's headline first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import regex

from planwatch.documents.decode import decode_bytes
from planwatch.documents.page_debris import drop_page_debris
from planwatch.errors import DocumentError

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

_CONTENT = (
    "div.TRS_Editor", "div.TRS_UEDITOR", "#zoom", "#Zoom", "#UCAP-CONTENT", "#mainText", ".pages_content",
    "article", ".article", ".article-content", ".articleContent", "#article", ".content", "#content",
    ".main-content", ".detail", ".news_content", ".text", "#text",
)
_DROP = (
    "script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "form", "select",
    "button", "svg", "object", "embed", "link", "meta", "head",
    ".nav", "#nav", ".menu", "#menu", ".breadcrumb", ".crumb", ".position", ".location", ".footer", "#footer",
    ".header", "#header", ".share", ".sidebar", ".toolbar", ".print", ".related",
)
_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "tbody", "thead",
    "section", "article", "blockquote", "pre", "dd", "dt", "dl", "center", "hr", "main", "figure", "figcaption",
    "caption",
}
_CELL = {"td", "th"}
_HAN = regex.compile(r"\p{Han}")
_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", regex.IGNORECASE)
# A run of HTML whitespace; around a line break between two CJK characters it vanishes (CSS Text 3).
_WS = regex.compile(r"[ \t\r\n\f]+")
_CJK_BREAK = regex.compile(r"(?<=[\p{Han}\u3000-\u303f\uff00-\uffef])[ \t\r\f]*\n[ \t\r\n\f]*(?=[\p{Han}\u3000-\u303f\uff00-\uffef])")
_TITLE_SPLIT = regex.compile(r"\s*(?:_|\||－|—|-{1,2})\s*")
_INNER_SHARE = 0.6  # an inner container with this share of its wrapper's Chinese text is the article
_MIN_CONTENT_HAN = 50
_LAYOUT_CELL_HAN = 100  # a cell with paragraphs and this much Chinese text lays out the page


def read_html(path: Path, data: bytes) -> str:
    """The article text of a saved web page: title, then paragraphs one per line."""
    from selectolax.lexbor import LexborHTMLParser

    html = _flatten(_decode_html(path, data))
    tree = LexborHTMLParser(html)
    title = _headline(tree)
    for selector in _DROP:
        for node in tree.css(selector):
            node.decompose()
    root = _article(tree)
    if root is None:
        raise DocumentError(f"{path}: no text found in this web page; save the article as .txt instead", reason="no_text")
    lines = [line for line in drop_page_debris("\n".join(_lines(root))).split("\n") if line]  # toolbars in the article
    if title and not any(title in line for line in lines[:3]):
        lines.insert(0, title)
    if not lines:
        raise DocumentError(f"{path}: no text found in this web page; save the article as .txt instead", reason="no_text")
    return "\n".join(lines)


# HTML parsing checks the stack of open elements at each tag, so its time grows with the square of
# the nesting depth (100,000 nested divs: minutes). No page nests this deep; deeper tags are dropped.
MAX_DEPTH = 256
_TAG = regex.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*?(/?)>")
_UNCOUNTED = frozenset({  # void elements, and those whose end tag is optional (often left out)
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption",
    "html", "head", "body",
})


def _flatten(html: str, limit: int = MAX_DEPTH) -> str:
    """`html` with the tags nested deeper than `limit` (and their end tags) removed, in one pass."""
    if html.count("<") <= limit:
        return html
    stack: list[tuple[str, bool]] = []  # open elements: (name, dropped)
    depth = 0
    cuts: list[tuple[int, int]] = []
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _UNCOUNTED or m.group(3):
            continue
        if not m.group(1):
            dropped = depth >= limit
            stack.append((name, dropped))
            if dropped:
                cuts.append(m.span())
            else:
                depth += 1
        elif stack and stack[-1][0] == name:
            _name, dropped = stack.pop()
            if dropped:
                cuts.append(m.span())
            else:
                depth -= 1
    if not cuts:
        return html
    pieces, pos = [], 0
    for start, end in cuts:
        pieces.append(html[pos:start])
        pos = end
    pieces.append(html[pos:])
    return "".join(pieces)


def _decode_html(path: Path, data: bytes) -> str:
    """Decode with the page's declared charset when it fits, else detect."""
    match = _CHARSET.search(data[:4096])
    if match and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = match.group(1).decode("ascii").lower()
        if declared in {"gb2312", "gbk", "gb_2312-80", "x-gbk"}:
            declared = "gb18030"
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, path)[0]


def _headline(tree: LexborHTMLParser) -> str:
    """The article's headline: the first h1, else the <title> up to the site name."""
    for selector in ("h1", ".title", "#title", "h2"):
        node = tree.css_first(selector)
        if node is not None:
            text = _WS.sub(" ", node.text(separator="")).strip()
            if _HAN.search(text) and len(text) <= 120:
                return text
    node = tree.css_first("title")
    if node is not None:
        text = _WS.sub(" ", node.text()).strip()
        return _TITLE_SPLIT.split(text)[0].strip() if text else ""
    return ""


def _han_count(node: LexborNode) -> int:
    return len(_HAN.findall(node.text(separator="")))


def _article(tree: LexborHTMLParser) -> LexborNode | None:
    """The node holding the article: a known content container, else the densest block."""
    found: list[tuple[int, LexborNode]] = []
    for selector in _CONTENT:
        for node in tree.css(selector):
            han = _han_count(node)
            if han >= _MIN_CONTENT_HAN:
                found.append((han, node))
    if found:
        best_han, best = max(found, key=lambda item: item[0])
        # A wrapper (.content) holding the article (#zoom) and some links: keep the inner one.
        inner = [(han, node) for han, node in found if han >= _INNER_SHARE * best_han and _inside(node, best)]
        while inner:
            best_han, best = max(inner, key=lambda item: item[0])
            inner = [(han, node) for han, node in inner if han >= _INNER_SHARE * best_han and _inside(node, best)]
        return best
    # Largest text block: the element whose own paragraphs (not its descendants' blocks) hold most Chinese text.
    body = tree.body
    if body is None:
        return None
    best, best_han = body, 0
    for node in body.css("div, td, section, article, main"):
        han = sum(len(_HAN.findall(child.text(deep=child.tag != "div", separator="") or ""))
                  for child in _children(node) if child.tag in {"-text", "p", "span", "font", "br", "strong", "b"})
        if han > best_han:
            best, best_han = node, han
    return best


def _inside(node: LexborNode, ancestor: LexborNode) -> bool:
    """True when `node` is a proper descendant of `ancestor`."""
    target = ancestor.mem_id
    parent = node.parent
    while parent is not None:
        if parent.mem_id == target:
            return True
        parent = parent.parent
    return False


def _children(node: LexborNode) -> list[LexborNode]:
    out: list[LexborNode] = []
    child = node.child
    while child is not None:
        out.append(child)
        child = child.next
    return out


def _is_layout_cell(node: LexborNode) -> bool:
    """True for a table cell used for page layout: it holds paragraphs and a lot of text, not a value."""
    return (node.css_first("p, div, br, table") is not None
            and _han_count(node) >= _LAYOUT_CELL_HAN)


def _lines(root: LexborNode) -> list[str]:
    """Paragraphs under `root`, one per line; table rows as tab-joined cells."""
    parts: list[str] = []
    cell_depth = 0
    stack: list[tuple[LexborNode, bool, bool]] = [(root, True, False)]  # (node, entering, is a data cell)
    while stack:
        node, entering, is_cell = stack.pop()
        tag = node.tag or ""  # processing instructions (<?xml …?>) have no tag
        if tag == "-text":
            parts.append(_WS.sub(" ", _CJK_BREAK.sub("", node.text_content or "")))
            continue
        if not tag or tag.startswith("_") or tag == "-comment":
            continue
        if entering:
            is_cell = tag in _CELL and not _is_layout_cell(node)
            block = tag in _BLOCK or (tag in _CELL and not is_cell)
            if is_cell:
                cell_depth += 1
            elif block:
                parts.append(" " if cell_depth else "\n")
            stack.append((node, False, is_cell))
            stack.extend((child, True, False) for child in reversed(_children(node)))
        else:
            block = tag in _BLOCK or (tag in _CELL and not is_cell)
            if is_cell:
                cell_depth -= 1
                parts.append("\t")
            elif block:
                parts.append(" " if cell_depth else "\n")
    text = "".join(parts)
    lines: list[str] = []
    for raw in text.split("\n"):
        cells = [_WS.sub(" ", cell).strip(" \u00a0\u3000") for cell in raw.split("\t")]
        line = "\t".join(cells).rstrip("\t")  # a leading empty cell keeps the columns in place
        line = line.strip() if "\t" not in line else line
        if line:
            lines.append(line)
    return lines
