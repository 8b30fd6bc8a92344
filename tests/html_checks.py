"""Find resources an HTML report would load from the network."""

from __future__ import annotations

import re

# src/href of script, link, img, iframe, source; CSS url() and @import.
_PATTERNS = [
    re.compile(r"<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc\s*=\s*[\"']?((?:https?:)?//[^\"' >]+)", re.I),
    re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?((?:https?:)?//[^\"' >]+)", re.I),
    re.compile(r"url\(\s*[\"']?((?:https?:)?//[^\"')]+)", re.I),
    re.compile(r"@import\s+[\"']((?:https?:)?//[^\"']+)", re.I),
]


def external_resources(html: str) -> list[str]:
    """URLs that the page would fetch (plain hyperlinks a reader may click are not resources)."""
    found: list[str] = []
    for pattern in _PATTERNS:
        found += pattern.findall(html)
    return found


# ---- Translation leaks ---------------------------------------------------------------------------
# A report's narrative is English (<html lang="en">); what it computes carries the report language
# in a lang attribute, and text in another language by design (a quote, the English gloss, the
# audit's reasons) carries its own. An element marked translate="no" holds ids, codes or formulas.
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
# Written apart from the presenter's own identifier rule, so that an identifier it fails to mark
# is still caught here: tokens of letters and digits joined by "." or "_".
_TOKEN = re.compile(r"(?<![\w.])[a-z][a-z0-9]*(?:[._][a-z0-9]+)+")
#: A template field left unformatted, e.g. ``{n:@plural.claims}``.
_FIELD = re.compile(r"\{[A-Za-z_][^{}]*\}")


def keys_in(text: str) -> list[str]:
    """Dotted keys, snake_case ids and unformatted template fields in ``text``: ``flow.arrivals``,
    ``ten_years_later_a``, ``{n:,}``; a token counts when one of its parts has two or more
    characters (so ``e.g`` and ``i.e`` do not)."""
    fields = _FIELD.findall(text)
    tokens = [t for t in _TOKEN.findall(_FIELD.sub(" ", text)) if any(len(part) > 1 for part in re.split(r"[._]", t))]
    return fields + tokens


_SKIP = {"script", "style", "code", "pre", "title", "desc", "metadata"}
_READ_ATTRIBUTES = ("aria-label", "alt", "title")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _texts_by_language(html: str) -> list[tuple[str, str]]:
    """(effective language, text) of every text node a reader sees, and of the attributes read
    aloud or shown on hover (aria-label, alt, title); text in translate="no" elements, scripts,
    styles and code is left out."""
    from html.parser import HTMLParser

    found: list[tuple[str, str]] = []

    class Walker(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack: list[tuple[str, str | None, bool]] = []

        def handle_starttag(self, tag, attrs):
            if tag in _VOID:
                self.handle_startendtag(tag, attrs)
                return
            attrs = dict(attrs)
            self.stack.append((tag, attrs.get("lang") or attrs.get("xml:lang"), attrs.get("translate") == "no"))
            self.read_attributes(attrs)

        def read_attributes(self, attrs):
            # what a screen reader or a tooltip says is text a reader meets too
            if any(t in _SKIP or no for t, _, no in self.stack):
                return
            lang = next((lang for _, lang, _ in reversed(self.stack) if lang), "")
            found.extend((lang, attrs[a]) for a in _READ_ATTRIBUTES if (attrs.get(a) or "").strip())

        def handle_startendtag(self, tag, attrs):
            attrs = dict(attrs)
            self.stack.append((tag, attrs.get("lang") or attrs.get("xml:lang"), attrs.get("translate") == "no"))
            self.read_attributes(attrs)
            self.stack.pop()

        def handle_endtag(self, tag):
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i][0] == tag:
                    del self.stack[i:]
                    return

        def handle_data(self, data):
            if not data.strip() or any(t in _SKIP or no for t, _, no in self.stack):
                return
            lang = next((lang for _, lang, _ in reversed(self.stack) if lang), "")
            found.append((lang, data))

    Walker().feed(html)
    return found


def untranslated(html: str, lang: str, symbols: frozenset[str] = frozenset()) -> list[str]:
    """Leaks in a report rendered in ``lang``: text in ``lang`` elements that holds an English
    word (a Latin-script word that is not one of ``symbols``, the formula symbols and method
    abbreviations every language writes in Latin letters) or a dotted key / snake_case id.
    In an English report only keys count. Returns ``"<word>: <text>"`` lines, empty if none."""
    leaks = []
    for text_lang, text in _texts_by_language(html):
        if text_lang != lang:
            continue
        keys = keys_in(text)
        for key in keys:
            leaks.append(f"{key}: {text.strip()[:120]}")
        if lang != "en":
            rest = text
            for key in keys:
                rest = rest.replace(key, " ")
            for word in _LATIN_WORD.findall(rest):
                if word not in symbols:
                    leaks.append(f"{word}: {text.strip()[:120]}")
    return leaks
