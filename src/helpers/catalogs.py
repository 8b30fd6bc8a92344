"""The translation catalogs: compile them, measure their coverage, check them against the code.

    python -m helpers.catalogs compile    # messages.po -> messages.mo (what reports read); make runs it
    python -m helpers.catalogs coverage   # per language: translated / used messages, fuzzy, missing
    python -m helpers.catalogs check      # exit 1, one line per problem, if a used message is
                                          # missing, fuzzy or untranslated, or a translation names
                                          # a field its English text lacks
    python -m helpers.catalogs update     # add the messages the code uses to every catalog (new
                                          # ones empty), as `pybabel update` does
    python -m helpers.catalogs prune      # delete the entries no code uses any more

The messages a report uses are extracted with Babel's Python extractor (keywords
:data:`helpers.i18n.KEYWORDS`) from the code cells of ``notebooks/*.ipynb`` and from the analysis
library ``src/helpers`` (the build machinery excluded).
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from helpers import i18n, paths

#: Fixed header dates, so that a catalog written twice is byte-identical.
HEADER_DATE = "2026-01-01 00:00+0000"


@dataclass(frozen=True)
class Message:
    """A message the code uses: its id (a string, or (singular, plural)), context and where."""

    id: str | tuple[str, str]
    context: str | None
    where: str

    @property
    def key(self) -> str:
        msgid = self.id[0] if isinstance(self.id, tuple) else self.id
        return msgid if self.context is None else f"{self.context}\x04{msgid}"


def _extract_source(source: str, where: str) -> list[Message]:
    from babel.messages.extract import extract

    found = []
    for lineno, message, _comments, context in extract("python", io.BytesIO(source.encode("utf-8")), keywords=i18n.KEYWORDS):
        text = message[0] if isinstance(message, tuple) and len(message) == 1 else message
        found.append(Message(tuple(text) if isinstance(text, tuple) else text, context, f"{where}:{lineno}"))
    return found


def library_files(root: Path | None = None) -> list[Path]:
    """The analysis library's modules (``src/helpers`` without the build machinery)."""
    src = (root or paths.ROOT) / "src" / "helpers"
    return sorted(p for p in src.rglob("*.py") if "build" not in p.relative_to(src).parts)


def extract(notebooks: list[Path] | None = None, modules: list[Path] | None = None) -> list[Message]:
    """Every message marked in the notebooks' code cells and in the library, in order."""
    import nbformat

    found: list[Message] = []
    for nb in paths.notebooks() if notebooks is None else notebooks:
        for number, cell in enumerate(nbformat.read(nb, as_version=4).cells, start=1):
            if cell.cell_type == "code":
                found += _extract_source(cell.source, f"{paths.shown(nb)} cell {number}")
    for module in library_files() if modules is None else modules:
        found += _extract_source(module.read_text(encoding="utf-8"), paths.shown(module))
    return found


def read_catalog(lang: str, path: Path | None = None):
    from babel.messages.pofile import read_po

    path = path or i18n.catalog_path(lang)
    with path.open("rb") as stream:
        return read_po(stream, locale=lang, abort_invalid=True)


def _catalog_key(entry) -> str:
    """A catalog entry's key, as :attr:`Message.key`."""
    msgid = entry.id[0] if isinstance(entry.id, tuple | list) else entry.id
    return msgid if entry.context is None else f"{entry.context}\x04{msgid}"


def _entry(catalog, message: Message):
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return catalog.get(msgid, context=message.context)


def problems(lang: str, messages: list[Message], catalog=None) -> list[str]:
    """One line per used message that ``lang``'s catalog lacks, leaves empty or fuzzy, or whose
    translation names a field the English lacks or lists the wrong number of inline plural forms."""
    catalog = catalog if catalog is not None else read_catalog(lang)
    out, seen = [], set()
    where = paths.shown(i18n.catalog_path(lang))
    for message in messages:
        if message.key in seen:
            continue
        seen.add(message.key)
        shown = message.id[0] if isinstance(message.id, tuple) else message.id
        entry = _entry(catalog, message)
        strings = [] if entry is None else (list(entry.string) if isinstance(entry.string, tuple | list) else [entry.string])
        if entry is None:
            out.append(f"{where}: no entry for {shown!r} (used at {message.where})")
        elif entry.fuzzy:
            out.append(f"{where}: the entry for {shown!r} is fuzzy (used at {message.where})")
        elif not all(s.strip() for s in strings):
            out.append(f"{where}: the entry for {shown!r} has no translation (used at {message.where})")
        else:
            english = set().union(*(i18n.fields_of(t) for t in (message.id if isinstance(message.id, tuple) else (message.id,))))
            for text in strings:
                try:
                    extra = i18n.fields_of(text) - english - {"n"}
                    counts = [len(spec.split("|")) for spec in i18n.plural_specs(text)]
                except ValueError as error:
                    out.append(f"{where}: the translation of {shown!r} is no valid template: {error}")
                    continue
                if extra:
                    out.append(f"{where}: the translation of {shown!r} names fields the English lacks: {sorted(extra)}")
                for count in counts:
                    if count not in (1, catalog.num_plurals, catalog.num_plurals + 1):
                        out.append(
                            f"{where}: the translation of {shown!r} lists {count} plural forms; "
                            f"{lang} has {catalog.num_plurals} (one more for fractions allowed)"
                        )
    return out


def coverage(lang: str, messages: list[Message], catalog=None) -> dict[str, int]:
    """Counts for ``lang``: messages the code uses, translated, fuzzy, missing (no or empty entry),
    and entries in the catalog the code no longer uses."""
    catalog = catalog if catalog is not None else read_catalog(lang)
    keys = {m.key: m for m in messages}
    translated = fuzzy = missing = 0
    for message in keys.values():
        entry = _entry(catalog, message)
        strings = [] if entry is None else (list(entry.string) if isinstance(entry.string, tuple | list) else [entry.string])
        if entry is None or not strings or not all(s.strip() for s in strings):
            missing += 1
        elif entry.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    unused = len({_catalog_key(m) for m in catalog if m.id} - set(keys))
    return {"used": len(keys), "translated": translated, "fuzzy": fuzzy, "missing": missing, "unused": unused}


def compile_catalog(lang: str) -> bool:
    """Write ``messages.mo`` from ``messages.po`` (fuzzy entries left out); True if it changed.
    The bytes depend only on the .po, so a second compile rewrites nothing (it only dates the .mo now)."""
    from babel.messages.mofile import write_mo

    from helpers.build.atomic import write_set

    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(lang), use_fuzzy=False)
    target = i18n.catalog_path(lang, ".mo")
    if write_set({target: buffer.getvalue()}, only_if_changed=True):
        return True
    target.touch()  # current: make compares times, and a checkout may date the .po after the .mo
    return False


def _write(lang: str, catalog) -> None:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=False)
    i18n.catalog_path(lang).write_bytes(buffer.getvalue())


def prune(messages: list[Message]) -> dict[str, int]:
    """Delete from each catalog the entries no used message names; return how many per language."""
    used = {m.key for m in messages}
    removed = {}
    for lang in i18n.TRANSLATED:
        catalog = read_catalog(lang)
        stale = [(m.id, m.context) for m in catalog if m.id and _catalog_key(m) not in used]
        for msgid, context in stale:
            catalog.delete(msgid, context=context)
        _write(lang, catalog)
        removed[lang] = len(stale)
    return removed


def update(messages: list[Message]) -> None:
    """Add every used message to each catalog with an empty translation (existing entries, and
    entries the code no longer uses, are kept: delete those by hand once translators agree)."""
    for lang in i18n.TRANSLATED:
        catalog = read_catalog(lang)
        for message in messages:
            if _entry(catalog, message) is None:
                catalog.add(
                    message.id, "" if isinstance(message.id, str) else ("",) * catalog.num_plurals, context=message.context
                )
        _write(lang, catalog)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.catalogs", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("compile", "coverage", "check", "update", "prune"))
    args = parser.parse_args(argv)
    if args.command == "compile":
        changed = [lang for lang in i18n.TRANSLATED if compile_catalog(lang)]
        print(f"catalogs: compiled {', '.join(changed)}" if changed else "catalogs: up to date")
        return 0
    messages = extract()
    if args.command == "prune":
        removed = prune(messages)
        print("catalogs: removed " + ", ".join(f"{lang} {n}" for lang, n in removed.items()) + " entries no code uses")
        return 0
    if args.command == "update":
        update(messages)
        print(f"catalogs: {len({m.key for m in messages})} messages in use, added where missing")
        return 0
    if args.command == "coverage":
        print("lang  used  translated  fuzzy  missing  unused  coverage")
        for lang in i18n.TRANSLATED:
            c = coverage(lang, messages)
            share = 100 * c["translated"] / c["used"] if c["used"] else 100.0
            print(f"{lang:<4}{c['used']:>6}{c['translated']:>12}{c['fuzzy']:>7}{c['missing']:>9}{c['unused']:>8}{share:>9.1f} %")
        return 0
    found = [line for lang in i18n.TRANSLATED for line in problems(lang, messages)]
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
