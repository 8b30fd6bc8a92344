"""The Content-Security-Policy of a report page: no network source, and no script or style but
the page's own, allowed by hash. Kept apart from the presentation helpers so that the export
step (outside the kernel) needs no pandas."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape

_HEAD_ELEMENT = re.compile(r"<(script|style)\b[^>]*>(.*?)</\1>", re.DOTALL | re.IGNORECASE)
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(html: str) -> str:
    """The Content-Security-Policy of a page: nothing from the network (``default-src 'none'``;
    images only as ``data:`` URIs), no script but the page's own and no style sheet but its own,
    each allowed by the SHA-256 hash of its text. Only elements in the ``<head>`` count as the
    page's own: data reaches a page only in its body, so a ``<script>`` that got there would not
    run. The ``style`` attributes of embedded SVG figures are allowed by their hashes too
    (``'unsafe-hashes'``). Hashes are sorted, so the same page always gets the same policy."""
    head = html[: html.lower().find("</head>")] if "</head>" in html.lower() else ""
    own = {"script": set(), "style": set()}
    for element in _HEAD_ELEMENT.finditer(head):
        own[element[1].lower()].add(_csp_hash(element[2]))
    attributes = {_csp_hash(unescape(m[1] if m[1] is not None else m[2])) for m in _STYLE_ATTRIBUTE.finditer(html)}
    directives = ["default-src 'none'"]
    if own["script"]:
        directives.append("script-src " + " ".join(sorted(own["script"])))
    styles = sorted(own["style"]) + (["'unsafe-hashes'", *sorted(attributes)] if attributes else [])
    if styles:
        directives.append("style-src " + " ".join(styles))
    directives += ["img-src data:", "base-uri 'none'", "form-action 'none'"]
    return "; ".join(directives)


def with_content_security_policy(html: str) -> str:
    """``html`` with its :func:`content_security_policy` as a ``<meta http-equiv>`` right after
    the ``<meta charset>`` (a policy covers only what follows it)."""
    charset = re.search(r"<meta charset=[^>]*>", html, re.IGNORECASE)
    if charset is None:
        raise ValueError("page has no <meta charset>: the Content-Security-Policy goes right after it")
    # The policy is keywords and base64 hashes: nothing in it needs escaping inside "...".
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    return html[: charset.end()] + meta + html[charset.end() :]
