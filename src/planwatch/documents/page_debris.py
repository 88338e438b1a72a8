"""The toolbar, breadcrumb, share and print words of a government web page, dropped from saved pages.

A page saved as .txt (or read from .html) keeps lines such as "下载 / 打印 / 全屏 / 收藏 /
【字号：加大 还原 减小】" and "您的位置: 首页 > 云南要闻" at its top, and "分享到: / 分享到微信 / × /
相关报道：" at its bottom. They are not part of the plan: the reader drops whole lines of them at
the head and the tail of the text (never in the body, where a line like "中" could be a table
cell). Lines are kept or dropped whole, so offsets into the text that remains stay exact.
"""

from __future__ import annotations

import regex

__all__ = ["drop_page_debris"]

# Words that only a page's tools say (a line of nothing else is debris wherever it stands in a block).
_STRONG = frozenset(
    "下载 打印 全屏 收藏 打印本页 打印此页 打印文章 关闭 关闭窗口 关闭本页 分享 分享到 分享至 分享到微信 分享到微博 分享到QQ空间 "
    "微信 微博 QQ空间 QQ好友 朋友圈 复制链接 返回顶部 回到顶部 返回首页 扫一扫 手机扫一扫 在手机打开当前页 扫一扫在手机打开当前页 "
    "纠错 我要纠错 加入收藏 收藏本页 保存 保存本页 字号 字体 字号： 字体： 相关报道 相关文档 相关链接 相关阅读 相关新闻 "
    "视力保护色 视力保护 默认 背景色 繁体 简体 无障碍 长者模式 读屏专用 上一篇 下一篇 点击图片进入专题 浏览次数".split()
)
# Words that are debris only next to a strong word: the size buttons and separators.
_WEAK = frozenset("大 中 小 加大 还原 减小 默认 × ✕ | ｜ / > 》 » › → 首页 】 【 】 ] [ 点击 进入专题".split())
_TOKEN_SPLIT = regex.compile(r"[\s\u3000|｜/·•:：]+")
_TRIM = regex.compile(r"^[【\[（(《》<>\s]+|[】\]）)》《<>:：\s]+$")
# One-line breadcrumbs: "当前位置：首页 > 政务公开 > …", "您的位置: 首页".
_CRUMB = regex.compile(r"^\s*(?:当前位置|您的位置|您现在的位置|你的位置|你现在的位置|所在位置|现在位置|位置)\s*[:：]")
_CRUMB_SEP = regex.compile(r"^[>》»›→/\\\-—]+$")
_FONT = regex.compile(r"^\s*【?\s*(?:字号|字体)\s*[:：]?")
_HEAD_LINES = 40
_TAIL_LINES = 15
_CRUMB_ITEM_MAX = 12


def _tokens(line: str) -> list[str]:
    return [t for t in (_TRIM.sub("", tok) for tok in _TOKEN_SPLIT.split(line)) if t] or (
        [line.strip()] if line.strip() else [])


def _kind(line: str) -> str:
    """'strong', 'weak' or '' for a line: all its words are tool words, separators or neither."""
    tokens = _tokens(line)
    if not tokens:
        return ""
    if all(t in _STRONG or t in _WEAK for t in tokens) and any(t in _STRONG for t in tokens):
        return "strong"
    if _FONT.match(line) and len(line.strip()) <= 24:
        return "strong"
    if all(t in _WEAK for t in tokens) or _CRUMB_SEP.match(line.strip()):
        return "weak"
    return ""


def _debris_lines(lines: list[str], indexes: range) -> set[int]:
    """Indexes (within `indexes`) of lines that belong to a block of page tools or a breadcrumb."""
    drop: set[int] = set()
    kinds = {i: _kind(lines[i]) for i in indexes}
    ordered = list(indexes)
    # Runs of tool lines: a run counts when it holds at least one strong line.
    run: list[int] = []
    for i in [*ordered, None]:
        if i is not None and kinds[i] and (not run or i == run[-1] + 1):
            run.append(i)
            continue
        if run and any(kinds[j] == "strong" for j in run):
            drop.update(run)
        run = [i] if i is not None and kinds[i] else []
    # Breadcrumbs: the label line, its items and separators, and a repeat of the last item.
    for i in ordered:
        if not _CRUMB.match(lines[i]):
            continue
        drop.add(i)
        if _CRUMB.sub("", lines[i]).strip():
            continue  # the whole trail is on this line
        j, last = i + 1, ""
        while j in kinds and j < len(lines):
            text = lines[j].strip()
            if _CRUMB_SEP.match(text) or text in ("首页", "主页"):
                drop.add(j)
            elif len(text) <= _CRUMB_ITEM_MAX and (j - 1 in drop) and (
                    _CRUMB_SEP.match(lines[j - 1].strip()) or text == last or lines[j - 1].strip() in ("首页", "主页")):
                drop.add(j)
                last = text
            else:
                break
            j += 1
    return drop


def drop_page_debris(text: str) -> str:
    """`text` without the page-tool and breadcrumb lines at its head and tail (lines kept or dropped whole)."""
    lines = text.split("\n")
    n = len(lines)
    if n < 3:
        return text
    head = range(0, min(n, _HEAD_LINES))
    tail = range(max(min(n, _HEAD_LINES), n - _TAIL_LINES), n)
    drop = _debris_lines(lines, head) | _debris_lines(lines, tail)
    if not drop:
        return text
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)
