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
