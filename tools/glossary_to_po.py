"""One-off migration (issue 28): data/raw/glossary.csv's keyed texts -> gettext catalogs.

    .venv/bin/python tools/glossary_to_po.py            # writes src/helpers/locale/{ru,kk,ky}/LC_MESSAGES/messages.po
    .venv/bin/python tools/glossary_to_po.py --check    # only reports what it would write

Every glossary row becomes a message whose id is its English text. A plural word (a row named by
a ``{n:@key}`` field) is written inline into the sentences that use it, in each language's forms:
``{n:@region|regions}`` in English, ``{n:@регион|региона|регионов|региона}`` in Russian (three
forms of the catalog's Plural-Forms, then the form for fractions); a language with a single form
gets the word itself. Rows whose English is the same but whose translations differ get a context
(msgctxt), the first part of their key that is not a source prefix (``term``, ``flow``...).

tools/dekey.py imports :func:`messages` to rewrite the code with the same ids. Delete both once
the catalogs are the source of the translations (after phase 2 of issue 28).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from helpers import i18n  # noqa: E402

GLOSSARY = ROOT / "data" / "raw" / "glossary.csv"
PLURAL_FIELD = re.compile(r"\{(?P<field>[A-Za-z_][A-Za-z0-9_]*)(?P<spec>:[^{}@]*)?:?@(?P<key>[A-Za-z0-9_.]+)\}")
SOURCE_PREFIXES = {"bt", "kz", "dp", "pr"}
#: Catalog header dates, fixed so that the output is byte-identical on every run.
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Entry:
    key: str
    context: str | None
    msgid: str
    texts: dict  # lang -> translated text


def _plural_inline(text: str, words: dict, lang: str, key: str) -> str:
    def replace(match):
        forms = words.get(match["key"])
        if forms is None:
            raise SystemExit(f"{GLOSSARY}: key {key!r} ({lang}) names plural word {match['key']!r}, which has no row")
        form = forms[lang]
        return f"{{{match['field']}:@{form}}}" if "|" in form else form

    return PLURAL_FIELD.sub(replace, text)


def messages(glossary: Path = GLOSSARY) -> list[Entry]:
    """Every glossary row as a message (plural words inlined; plural-word rows themselves are kept
    too, since code may name them directly)."""
    table = pd.read_csv(glossary, dtype=str, keep_default_na=False)
    langs = list(i18n.LANGS)
    referenced = {m["key"] for col in langs for text in table[col] for m in PLURAL_FIELD.finditer(text)}
    words = {row.key: {lang: getattr(row, lang) for lang in langs} for row in table.itertuples() if row.key in referenced}
    rows = []
    for row in table.itertuples():
        texts = {lang: _plural_inline(getattr(row, lang), words, lang, row.key) for lang in langs}
        rows.append((row.key, texts))
    # The same English with different translations needs a context.
    by_english: dict[str, list] = {}
    for key, texts in rows:
        by_english.setdefault(texts["en"], []).append((key, texts))
    entries = []
    for key, texts in rows:
        group = by_english[texts["en"]]
        differ = any(other[lang] != texts[lang] for _, other in group for lang in i18n.TRANSLATED)
        context = None
        if differ:
            context = context_of(key)
            if any(context_of(k) == context and o != texts for k, o in group):
                context = ".".join(p for p in key.split(".") if p not in SOURCE_PREFIXES)
        entries.append(Entry(key, context, texts["en"], texts))
    contexts = {}
    for e in entries:
        previous = contexts.setdefault((e.context, e.msgid), e)
        if previous.texts != e.texts:
            raise SystemExit(f"{GLOSSARY}: keys {previous.key!r} and {e.key!r} share English and context but not translations")
    return entries


def context_of(key: str) -> str:
    parts = [p for p in key.split(".")[:-1] if p not in SOURCE_PREFIXES]
    return ".".join(parts) or key.split(".")[0]


def catalog_bytes(lang: str, entries: list[Entry]) -> bytes:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(
        locale=lang,
        domain=i18n.DOMAIN,
        project="migration-central-asia",
        version="0.1.0",
        copyright_holder="Migration in Central Asia compendium contributors",
        msgid_bugs_address="the compendium's issue tracker",
        header_comment=(
            f"# {lang} translations of the messages of the migration-central-asia compendium.\n"
            "# The msgid is the English text the code writes; translate msgstr, keep {fields}\n"
            "# and list inline plural forms {n:@...} in this catalog's Plural-Forms order."
        ),
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        language_team="compendium contributors",
        last_translator="compendium contributors",
        fuzzy=False,
    )
    for e in entries:
        if catalog.get(e.msgid, context=e.context) is None:
            catalog.add(e.msgid, e.texts[lang], context=e.context, auto_comments=[f"glossary key: {e.key}"])
        else:
            catalog.get(e.msgid, context=e.context).auto_comments.append(f"glossary key: {e.key}")
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; report counts")
    args = parser.parse_args()
    entries = messages()
    for lang in i18n.TRANSLATED:
        data = catalog_bytes(lang, entries)
        target = i18n.catalog_path(lang)
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        count = len({(e.context, e.msgid) for e in entries})
        print(f"{target.relative_to(ROOT)}: {count} messages")
    contexts = sorted({e.context for e in entries if e.context})
    print(f"{len(entries)} glossary rows; contexts used: {', '.join(contexts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
