"""Labels in the report language: messages from the gettext catalogs (:mod:`helpers.i18n`),
region names from ``data/raw/regions.csv``, and the labels of coded values (a flow, a verdict,
a survey item), :data:`CODED`.

``_ = Labels(lang)`` is what a notebook translates with: ``_("Persons")``, ``_.region("KZ-71")``,
``_.label("flow", "arrivals")``. :class:`Glossary`, the keyed ``data/raw/glossary.csv``, serves
the notebooks until they are converted (issue 28) and then goes.

A missing message, name or label raises :class:`MissingTranslation`: a report never falls back
silently to another language.
"""

from __future__ import annotations

import pandas as pd

from helpers.data import load_processed

# N_ and NP_ mark the messages of the CODED table below.
from helpers.i18n import N_, NP_, MissingTranslation, Translation  # noqa: F401

#: Every report language; Batken's report has them all.
LANGS = ("en", "ru", "kk", "ky")
#: The primer and the Kazakh sources' reports: regions.csv has no Kyrgyz names for Kazakhstan's regions.
LANGS_WITHOUT_KY = ("en", "ru", "kk")


#: The label of each coded value a table or sentence shows, by family: ``CODED["flow"]["net"]``.
#: A label is an English message (``N_``), or a message in a context (``NP_``) where the same
#: English is translated two ways. Written by tools/dekey.py from the glossary (issue 28), then
#: edited here by hand.
# BEGIN coded labels
CODED: dict[str, dict[str, str | tuple[str, str]]] = {}
# END coded labels


class Labels(Translation):
    """The messages of one report language (see :class:`helpers.i18n.Translation`), with region
    names and the labels of coded values: ``_ = Labels("ru"); _("Persons") -> "Человек"``,
    ``_.region("KZ-71")``, ``_.label("flow", "arrivals") -> "Прибывшие"``."""

    def __init__(self, lang: str = "en", regions: pd.DataFrame | None = None):
        super().__init__(lang)
        reg = regions if regions is not None else load_processed("regions")
        self._regions = dict(zip(reg["iso_code"], reg[f"name_{lang}"], strict=True))

    def region(self, iso_code: str) -> str:
        """Region name in the report language (regions.csv)."""
        name = self._regions.get(iso_code)
        if name is None or (isinstance(name, float) and pd.isna(name)) or not str(name).strip():
            raise MissingTranslation(f"regions.csv has no {self.lang} name for {iso_code!r}")
        return str(name)

    def label(self, family: str, code, **fields) -> str:
        """The label of ``code`` in ``family`` (:data:`CODED`), translated, ``fields`` filled in."""
        labels = CODED.get(family)
        if labels is None:
            raise KeyError(f"helpers.labels.CODED has no family {family!r}; expected one of {', '.join(sorted(CODED))}")
        message = labels.get(str(code))
        if message is None:
            raise KeyError(f"helpers.labels.CODED[{family!r}] has no code {code!r}; expected one of {', '.join(labels)}")
        if isinstance(message, tuple):
            return self.pgettext(*message, **fields)
        return self.gettext(message, **fields)


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
