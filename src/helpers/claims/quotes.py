"""Quotes against the full source texts: every quote must occur in its source word for word.

The texts live outside the compendium (``<project root>/../shared/sources``, never committed);
each claims resource of the datapackage names its text in the property ``source_text``.
Matching is on normalised text: a hyphen that ends a line joins the word it splits (the
typesetter's hyphenation, ``об-⏎луска`` -> ``облуска``) and every run of whitespace is one space.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import paths

SOURCES_DIR = paths.ROOT.parent / "shared" / "sources"

_LINE_END_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\r?\n\s*(?=\w)")


def normalise(text: str) -> str:
    """Join line-end hyphenation, then collapse whitespace: ``"об-\\nлуска  631"`` -> ``"облуска 631"``."""
    return " ".join(_LINE_END_HYPHEN.sub("", text).split())


def source_text_names(package: dict) -> dict[str, str]:
    """``{source: text file name}`` from the ``source_text`` property of each claims resource."""
    return {
        res["name"].removesuffix("_claims"): res["source_text"]
        for res in package["resources"]
        if res["name"].endswith("_claims") and "source_text" in res
    }


def missing_quotes(quotes: list[tuple[str, str]], text: str) -> list[str]:
    """The ids of ``(claim_id, quote)`` pairs whose normalised quote is not in the normalised text."""
    haystack = normalise(text)
    return [cid for cid, quote in quotes if not normalise(quote) or normalise(quote) not in haystack]


def read_source(name: str, directory: Path = SOURCES_DIR) -> str:
    return (Path(directory) / name).read_text(encoding="utf-8")
