"""Sentences and labels in the report language, the gettext way (through Babel).

Code is written in English: a sentence or label is its own message id, marked for translation
where it is written, ``_("Net migration was {net:,} in {year}.")``. Translations live in the
catalogs ``locale/<lang>/LC_MESSAGES/messages.po`` beside this module (ru, kk, ky); ``make``
compiles them to ``messages.mo``, which is what a report reads (``python -m helpers.catalogs
compile``). English needs no catalog.

A message with no translation, an empty or a fuzzy one (fuzzy entries are never compiled) is an
error, :class:`MissingTranslation`: a report never falls back silently to English.

Plurals follow each catalog's ``Plural-Forms`` header (Babel's rules: Russian 3 forms, Kazakh and
Kyrgyz 2, English 2):

- a message with one count is a gettext plural, ``_.ngettext("{n} region", "{n} regions", n)``;
- a sentence with several counts, or one whose translation needs agreement English does not show,
  writes the forms inline, ``"{n:,} {n:@region|regions}"`` (see :meth:`Translation.plural`); the
  translation lists its own language's forms, in the catalog's order. A count that is not a whole
  number takes an extra last form when the translation gives one (Russian ``1,5 процентного
  пункта``), else the last form (English ``1.5 points``). One form serves every number.

``N_("Arrivals")`` marks a label that is translated later (a table of labels keyed by code).
"""

from __future__ import annotations

import gettext
import re
import string
from functools import cache
from pathlib import Path

#: Every report language (Batken's report has them all); English is the source language of every message.
LANGS = ("en", "ru", "kk", "ky")
#: The primer and the Kazakh sources' reports: regions.csv has no Kyrgyz names for Kazakhstan's regions.
LANGS_WITHOUT_KY = ("en", "ru", "kk")
SOURCE_LANG = "en"
TRANSLATED = tuple(lang for lang in LANGS if lang != SOURCE_LANG)
#: The catalogs travel with the code.
LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
#: The gettext keywords of this project (``pybabel extract -k``): a message is the argument named.
KEYWORDS = {
    "_": None,
    "N_": None,
    "NP_": ((1, "c"), 2),
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}


class MissingTranslation(KeyError):
    """A message has no (or only a fuzzy) translation in the requested language."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it (it is translated where shown)."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:
    """Mark ``message`` in ``context`` for translation (``pgettext`` later), without translating it."""
    return context, message


def catalog_path(lang: str, suffix: str = ".po") -> Path:
    """``locale/<lang>/LC_MESSAGES/messages.po`` (or ``.mo``)."""
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def _plural_rule(lang: str) -> tuple[int, str]:
    """(number of forms, gettext plural expression) of ``lang``, as Babel gives them."""
    from babel.messages.plurals import get_plural

    rule = get_plural(lang)
    return rule.num_plurals, rule.plural_expr


class _Strict(gettext.NullTranslations):
    """The fallback of a catalog: a message it lacks is an error, never English."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def _missing(self, message: str):
        raise MissingTranslation(f"{shown_path(catalog_path(self.lang))}: no {self.lang} translation of {message!r}")

    def gettext(self, message):
        self._missing(message)

    def ngettext(self, msgid1, msgid2, n):
        self._missing(msgid1)

    def pgettext(self, context, message):
        self._missing(f"{context}|{message}")

    def npgettext(self, context, msgid1, msgid2, n):
        self._missing(f"{context}|{msgid1}")


class Translation:
    """The messages of one report language: ``_ = Translation("ru")``; ``_("Arrivals")``,
    ``_("{start}-{end}", start=2013, end=2023)`` (fields filled by ``str.format``),
    ``_.pgettext("col", "Answer")``, ``_.ngettext("{n} region", "{n} regions", n)``,
    ``_.plural("region|regions", n)``. English, the source language, is the messages themselves.
    ``catalog``, a Babel catalog, is read instead of the compiled one (a test states its messages)."""

    def __init__(self, lang: str = SOURCE_LANG, catalog=None):
        if lang not in LANGS:
            raise ValueError(f"lang={lang!r}: expected one of {', '.join(LANGS)}")
        self.lang = lang
        if lang == SOURCE_LANG and catalog is None:
            self._messages = gettext.NullTranslations()
            self.nplurals, expr = _plural_rule(lang)
        else:
            self._messages = _load(lang) if catalog is None else _compiled(catalog, lang)
            self.nplurals, expr = _header_rule(self._messages, lang)
        self._plural_index = gettext.c2py(expr)

    def gettext(self, message: str, **fields) -> str:
        """``message`` in the report language, with ``fields`` filled in (``str.format``)."""
        text = self._messages.gettext(message)
        return text.format(**fields) if fields else text

    __call__ = gettext

    def pgettext(self, context: str, message: str, **fields) -> str:
        """``message`` in ``context`` (the same English word translated two ways)."""
        text = self._messages.pgettext(context, message)
        return text.format(**fields) if fields else text

    def ngettext(self, singular: str, plural: str, n, **fields) -> str:
        """The form of a gettext plural message that agrees with the whole number ``n`` (``fields``
        and ``n`` filled in). A fractional count needs an inline spec (:meth:`plural`)."""
        return self.npgettext(None, singular, plural, n, **fields)

    def npgettext(self, context: str | None, singular: str, plural: str, n, **fields) -> str:
        if not float(n).is_integer():
            raise ValueError(f"{singular!r}: n={n!r} is not a whole number; write the forms inline ({{n:@...}})")
        count = abs(int(n))
        if context is None:
            text = self._messages.ngettext(singular, plural, count)
        else:
            text = self._messages.npgettext(context, singular, plural, count)
        return text.format(**{"n": n, **fields})

    def plural(self, forms: str, n) -> str:
        """The form of ``forms`` (``"one|other"`` in the catalog's order, optionally one more for a
        count that is not a whole number) that agrees with ``n``. ``plural("region|regions", 2) ==
        "regions"``; in Russian ``plural("регион|региона|регионов|региона", 5) == "регионов"``."""
        parts = forms.split("|")
        if len(parts) == 1:
            return parts[0]
        if len(parts) not in (self.nplurals, self.nplurals + 1):
            raise ValueError(
                f"{forms!r}: {len(parts)} plural forms; {self.lang} has {self.nplurals} "
                f"(and one more may follow for counts that are not whole)"
            )
        if not float(n).is_integer():
            return parts[-1]
        return parts[int(self._plural_index(abs(int(n))))]


@cache
def _load(lang: str) -> gettext.GNUTranslations:
    """The compiled catalog of ``lang``; what it lacks raises :class:`MissingTranslation`."""
    path = catalog_path(lang, ".mo")
    if not path.is_file():
        raise FileNotFoundError(f"{shown_path(path)}: no compiled catalog; run `make` (or `python -m helpers.catalogs compile`)")
    with path.open("rb") as stream:
        translations = gettext.GNUTranslations(stream)
    translations.add_fallback(_Strict(lang))
    return translations


def _compiled(catalog, lang: str) -> gettext.GNUTranslations:
    """``catalog`` (Babel) compiled in memory as ``make`` compiles a messages.po (fuzzy entries left
    out), strict like :func:`_load`."""
    import io

    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    translations = gettext.GNUTranslations(buffer)
    translations.add_fallback(_Strict(lang))
    return translations


def _header_rule(translations: gettext.GNUTranslations, lang: str) -> tuple[int, str]:
    """(number of forms, plural expression) from the catalog's ``Plural-Forms`` header."""
    header = translations.info().get("plural-forms", "")
    match = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*", header)
    if match is None:
        raise ValueError(f"{shown_path(catalog_path(lang))}: Plural-Forms header {header!r}: expected nplurals=N; plural=EXPR")
    return int(match[1]), match[2]


def shown_path(path: Path) -> str:
    from helpers.paths import shown

    return shown(path)


# ---- inline plural specs, as the report's sentence formatter reads them ------------------------
def plural_specs(template: str) -> list[str]:
    """The inline plural forms of ``template``: ``"{n} {n:@region|regions}"`` -> ``["region|regions"]``."""
    specs = []
    for _, field, spec, _ in string.Formatter().parse(template):
        if field is not None and spec and spec.startswith("@"):
            specs.append(spec[1:])
    return specs


def fields_of(template: str) -> set[str]:
    """The names of the fields of a ``str.format`` template."""
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(template) if field}
