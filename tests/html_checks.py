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
# A word ends in a letter: in "p-значение" the Latin word is the symbol "p", not "p-".
_LATIN_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?")
#: A glossary key or a snake_case id, e.g. ``flow.arrivals``, ``ten_years_later_a``.
_KEY = re.compile(r"\b[a-z][a-z0-9]*(?:[._][a-z0-9]+)+\b")
_SKIP = {"script", "style", "code", "pre", "title", "desc", "metadata"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _texts_by_language(html: str) -> list[tuple[str, str]]:
    """(effective language, text) of every text node a reader sees; text in translate="no"
    elements, scripts, styles and code is left out."""
    from html.parser import HTMLParser

    found: list[tuple[str, str]] = []

    class Walker(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack: list[tuple[str, str | None, bool]] = []

        def handle_starttag(self, tag, attrs):
            if tag in _VOID:
                return
            attrs = dict(attrs)
            self.stack.append((tag, attrs.get("lang") or attrs.get("xml:lang"), attrs.get("translate") == "no"))

        def handle_startendtag(self, tag, attrs):
            pass

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
    abbreviations every language writes in Latin letters) or a glossary key / snake_case id.
    In an English report only keys count. Returns ``"<word>: <text>"`` lines, empty if none."""
    leaks = []
    for text_lang, text in _texts_by_language(html):
        if text_lang != lang:
            continue
        for key in _KEY.findall(text):
            leaks.append(f"{key}: {text.strip()[:120]}")
        if lang != "en":
            for word in _LATIN_WORD.findall(_KEY.sub(" ", text)):
                if word not in symbols:
                    leaks.append(f"{word}: {text.strip()[:120]}")
    return leaks
