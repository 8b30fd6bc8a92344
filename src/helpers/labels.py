"""Labels in the report language, from ``data/raw/glossary.csv`` and ``data/raw/regions.csv``.

A missing key or an empty translation raises :class:`MissingTranslation`: a report never
falls back silently to another language.
"""

from __future__ import annotations

import pandas as pd

from helpers.data import load_processed

#: Every report language; Batken's report has them all.
LANGS = ("en", "ru", "kk", "ky")
#: The primer and the Kazakh sources' reports: regions.csv has no Kyrgyz names for Kazakhstan's regions.
LANGS_WITHOUT_KY = ("en", "ru", "kk")


class MissingTranslation(KeyError):
    """A label has no text in the requested language."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class Glossary:
    """``g = Glossary("ru"); g("flow.arrivals") -> "Прибывшие"``; ``g.region("KZ-71")``."""

    def __init__(self, lang: str = "en", glossary: pd.DataFrame | None = None, regions: pd.DataFrame | None = None):
        if lang not in LANGS:
            raise ValueError(f"lang={lang!r}: expected one of {', '.join(LANGS)}")
        self.lang = lang
        table = glossary if glossary is not None else load_processed("glossary")
        self._labels = dict(zip(table["key"], table[lang], strict=True))
        reg = regions if regions is not None else load_processed("regions")
        self._regions = dict(zip(reg["iso_code"], reg[f"name_{lang}"], strict=True))

    def __call__(self, key: str, **fields) -> str:
        """The label for ``key``; ``{name}`` placeholders are filled from ``fields``."""
        if key not in self._labels:
            raise MissingTranslation(f"glossary.csv has no key {key!r}")
        text = self._labels[key]
        if text is None or (isinstance(text, float) and pd.isna(text)) or not str(text).strip():
            raise MissingTranslation(f"glossary.csv key {key!r} has no {self.lang} text")
        return str(text).format(**fields) if fields else str(text)

    def region(self, iso_code: str) -> str:
        """Region name in the report language (regions.csv)."""
        name = self._regions.get(iso_code)
        if name is None or (isinstance(name, float) and pd.isna(name)) or not str(name).strip():
            raise MissingTranslation(f"regions.csv has no {self.lang} name for {iso_code!r}")
        return str(name)
