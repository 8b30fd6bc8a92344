"""One-off codemod (issue 28): glossary keys in code -> English messages marked for translation.

    .venv/bin/python tools/dekey.py [--root DIR] [--dry-run] [FILE ...]

With no FILE it rewrites every ``notebooks/NN_*.ipynb`` (code cells, through nbformat) and the
analysis modules of ``src/helpers`` that name a key, under ``--root`` (default: this checkout).
Keys and texts come from ``data/raw/glossary.csv`` through tools/glossary_to_po.py, so the
rewritten code and the catalogs it writes agree.

In a notebook (translator ``_ = Labels(lang)``):

    g("axis.persons")                 -> _("Persons")
    g("fig.x.title", start=a)         -> _("Migration, {start}", start=a)
    g("flow.arrivals")  (a context)   -> _.pgettext("flow", "Arrivals")
    p.text("kz.say.x", **f)           -> p.text(_("Net migration was ..."), **f)
    Col("col.flow", unit="unit.persons") -> Col(_("Flow"), unit=_("persons"))
    g(f"flow.{r.flow}")               -> _.label("flow", r.flow)      (family written to labels.CODED)
    g = Glossary(lang); Presenter(g, ...); g.region(...) -> _ = Labels(lang); Presenter(_, ...); _.region(...)

In a module of src/helpers the translator is ``self._`` (the Presenter's), so
``self.g("word.table")`` becomes ``self._("Table")``; :data:`PRESENTER_PATCH` then makes the
Presenter take translated text (``p.text(_("..."))``, ``Col(_("Flow"))``) and read inline plurals.
Each notebook's kernelspec becomes ipykernel's default ``python3``.

A key built in another way (``f"bt.say.trend_{d}"``, a key's prefix held in a variable) is listed
at the end (MANUAL) for a hand edit, as are notebook lines that still name ``g``. Run it once, on
the unconverted code (labels.CODED is rewritten from the families it finds). Delete this tool
after phase 2 of issue 28.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
import tokenize
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from glossary_to_po import ROOT, messages  # noqa: E402

CODED_BEGIN = "# BEGIN coded labels\n"
CODED_END = "# END coded labels\n"
FSTRING_FAMILY = re.compile(r"^(?P<prefix>[a-z_]+(?:\.[a-z_0-9]+)*)\.\{(?P<expr>[^{}]+)\}$")
#: A key built around one field, ``f"bt.say.trend_{direction}_shift"``: a family of its own.
FSTRING_PATTERN = re.compile(r"^(?P<prefix>[a-z_][a-z0-9_.]*)\{(?P<expr>[^{}]+)\}(?P<suffix>[a-z0-9_.]*)$")


SOURCE_PREFIXES = {"bt", "kz", "dp", "pr"}
#: Key prefixes of every family, so that two families never get the same name.
ALL_PREFIXES: set[str] = set()


def family_name(prefix: str) -> str:
    """The name of a family of coded labels: its key prefix without the source prefix
    (``bt.flow_subject`` -> ``flow_subject``, ``kz.col.recomputed`` -> ``col_recomputed``), or with
    it where two families would share a name (``dp.method`` -> ``dp_method`` beside ``method``)."""
    short = "_".join(p for p in prefix.split(".") if p not in SOURCE_PREFIXES) or prefix
    clash = any(
        other != prefix and "_".join(p for p in other.split(".") if p not in SOURCE_PREFIXES) == short for other in ALL_PREFIXES
    )
    return prefix.replace(".", "_") if clash else short


def _literal(text: str) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{body}"'


def py_string(text: str, width: int = 90) -> str:
    """A double-quoted Python literal of ``text``; a long one as adjacent literals on separate
    lines (split after a space outside a ``{field}``), which ruff format indents and Babel's
    extractor joins."""
    if len(text) <= width:
        return _literal(text)
    chunks, current, depth = [], "", 0
    for char in text:
        current += char
        depth += char == "{"
        depth -= char == "}"
        if char == " " and depth == 0 and len(current) >= width:
            chunks.append(current)
            current = ""
    if current:
        chunks.append(current)
    return "\n".join(_literal(c) for c in chunks)


def _offsets(source: str) -> list[int]:
    starts, total = [0], 0
    for line in source.splitlines(keepends=True):
        total += len(line)
        starts.append(total)
    return starts


class Rewriter:
    def __init__(self, entries):
        self.by_key = {e.key: e for e in entries}
        ALL_PREFIXES.update(k.rsplit(".", 1)[0] for k in self.by_key if "." in k)
        self.families: dict[str, tuple[str, str]] = {}  # name -> (key prefix, key suffix)
        self.manual: list[str] = []

    def message(self, key: str, translator: str) -> str:
        e = self.by_key[key]
        if e.context:
            return f"{translator}.pgettext({py_string(e.context)}, {py_string(e.msgid)})"
        return f"{translator}({py_string(e.msgid)})"

    def family(self, prefix: str) -> bool:
        return any(k.startswith(prefix + ".") for k in self.by_key)

    def codes(self, prefix: str, suffix: str) -> dict[str, str]:
        """code -> key of every key ``prefix + code + suffix``."""
        found = {}
        for key in self.by_key:
            if key.startswith(prefix) and key.endswith(suffix) and len(key) > len(prefix) + len(suffix):
                code = key[len(prefix) : len(key) - len(suffix)]
                # a value shown through Col(labels=...) may itself be dotted (profile.sex.female)
                allowed = r"[A-Za-z0-9_.]+" if prefix.endswith(".") and not suffix else r"[A-Za-z0-9_]+"
                if re.fullmatch(allowed, code):
                    found[code] = key
        return found

    def use_family(self, prefix: str, suffix: str = "") -> str:
        """Register the family of keys ``prefix + code + suffix``; return its name in labels.CODED."""
        if suffix == "" and prefix.endswith("."):
            name = family_name(prefix[:-1])
        else:
            name = "_".join(p for p in re.split(r"[._]+", prefix + suffix) if p and p not in SOURCE_PREFIXES)
        if self.families.setdefault(name, (prefix, suffix)) != (prefix, suffix):
            raise SystemExit(f"two families would be called {name!r}: {self.families[name]} and {(prefix, suffix)}")
        return name

    def rewrite(self, source: str, where: str, notebook: bool) -> str:
        translator = "_" if notebook else "self._"
        try:
            tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)]
        except (tokenize.TokenError, SyntaxError) as error:
            self.manual.append(f"{where}: not tokenized ({error}); edit by hand")
            return source
        starts = _offsets(source)
        pos = lambda t: starts[t[0] - 1] + t[1]  # noqa: E731
        significant = [
            t for t in tokens if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)
        ]
        edits = []  # (start, end, text)
        for i, tok in enumerate(significant):
            prev1 = significant[i - 1] if i >= 1 else None
            prev2 = significant[i - 2] if i >= 2 else None
            prev3 = significant[i - 3] if i >= 3 else None
            # the call `g(` (bare in a notebook, `self.g(` in a module) right before the literal
            g_call = (
                prev1 is not None
                and prev1.string == "("
                and prev2 is not None
                and prev2.type == tokenize.NAME
                and prev2.string == "g"
                and ((prev3 is not None and prev3.string == ".") != notebook)
            )
            if tok.type == tokenize.NAME and tok.string == "g" and notebook and not (prev1 and prev1.string == "."):
                # Glossary object renamed: `g = Glossary(lang)`, `Presenter(g, ...)`, `g.region(...)`
                nxt = significant[i + 1] if i + 1 < len(significant) else None
                if not (nxt and nxt.string == "(" and i + 2 < len(significant) and significant[i + 2].type == tokenize.STRING):
                    edits.append((pos(tok.start), pos(tok.end), "_"))
                continue
            if tok.type == tokenize.NAME and tok.string == "Glossary" and notebook:
                edits.append((pos(tok.start), pos(tok.end), "Labels"))
                continue
            if tok.type != tokenize.STRING:
                continue
            try:
                value = ast.literal_eval(tok.string)
            except (ValueError, SyntaxError):
                value = None
            start, end = pos(tok.start), pos(tok.end)
            if (
                prev1 is not None
                and prev1.string == "="
                and prev2 is not None
                and prev2.string == "labels"
                and isinstance(value, str)
            ):
                # Col(labels="flow"): a family of coded labels, looked up by the Presenter
                if self.family(value):
                    edits.append((start, end, py_string(self.use_family(value + "."))))
                else:
                    self.manual.append(f"{where}: line {tok.start[0]}: labels={value!r} names no family of keys")
                continue
            if isinstance(value, str) and value in self.by_key:
                e = self.by_key[value]
                if g_call:
                    # replace `g("key"` by `_("English"` or `_.pgettext("ctx", "English"`
                    g_start = pos(prev2.start)
                    head = translator if notebook else "_"
                    if e.context:
                        edits.append((g_start, end, f"{head}.pgettext({py_string(e.context)}, {py_string(e.msgid)}"))
                    else:
                        edits.append((g_start, end, f"{head}({py_string(e.msgid)}"))
                else:
                    edits.append((start, end, self.message(value, translator)))
                continue
            if tok.string.lower().startswith(("f'", 'f"')):
                nested = self.rewrite_fstring(tok.string, translator, notebook, f"{where}: line {tok.start[0]}")
                if nested != tok.string:
                    edits.append((start, end, nested))
                    continue
                inner = tok.string[2:-1]
                match = FSTRING_FAMILY.match(inner)
                pattern = FSTRING_PATTERN.match(inner)
                name = None
                if match and self.family(match["prefix"]):
                    name = self.use_family(match["prefix"] + ".")
                    expr = match["expr"]
                elif pattern and self.codes(pattern["prefix"], pattern["suffix"]):
                    name = self.use_family(pattern["prefix"], pattern["suffix"])
                    expr = pattern["expr"]
                if name is not None:
                    call = f"{translator}.label({py_string(name)}, {expr}"
                    if g_call:
                        edits.append((pos(prev2.start) - (len("self.") if not notebook else 0), end, call))
                    else:
                        edits.append((start, end, call + ")"))
                elif re.match(r"^[a-z_]+\.", inner) and any(k.startswith(inner.split("{", 1)[0]) for k in self.by_key):
                    self.manual.append(f"{where}: line {tok.start[0]}: key built as {tok.string}; rewrite by hand")
        for start, end, text in sorted(edits, reverse=True):
            source = source[:start] + text + source[end:]
        return source


NESTED_KEY = re.compile(r"(?<![\w.])(?P<self>self\.)?g\((?P<q>['\"])(?P<key>[a-z_][a-z0-9_.]*)(?P=q)")
NESTED_BARE = re.compile(r"(?<![\w.])(?P<q>['\"])(?P<key>[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)+)(?P=q)")
NESTED_FAMILY = re.compile(
    r"(?<![\w.])(?P<self>self\.)?g\(f(?P<q>['\"])(?P<prefix>[a-z_][a-z0-9_.]*)\.\{(?P<expr>[^{}]+)\}(?P=q)"
)


def _rewrite_fstring(self, literal: str, translator: str, notebook: bool, where: str) -> str:  # noqa: C901
    """Keys named inside an f-string's replacement fields (``f"{g('legend.observed')}"``)."""

    def key(match):
        e = self.by_key.get(match["key"])
        if e is None:
            return match[0]
        q = match["q"]
        if q in e.msgid or "\\" in e.msgid or "{" in e.msgid:
            self.manual.append(f"{where}: key {match['key']!r} inside an f-string; rewrite by hand")
            return match[0]
        head = (match["self"] or "") + "_"
        if e.context:
            return f"{head}.pgettext({q}{e.context}{q}, {q}{e.msgid}{q}"
        return f"{head}({q}{e.msgid}{q}"

    def family(match):
        if not self.family(match["prefix"]):
            return match[0]
        head = (match["self"] or "") + "_"
        q = match["q"]
        return f"{head}.label({q}{self.use_family(match['prefix'] + '.')}{q}, {match['expr']}"

    literal = NESTED_KEY.sub(key, NESTED_FAMILY.sub(family, literal))

    def bare(match):  # any other key literal inside a replacement field: p.text('a.b' if x else 'a.c')
        e = self.by_key.get(match["key"])
        if e is None:
            return match[0]
        q = match["q"]
        if q in e.msgid or "\\" in e.msgid:
            self.manual.append(f"{where}: key {match['key']!r} inside an f-string; rewrite by hand")
            return match[0]
        if e.context:
            return f"{translator}.pgettext({q}{e.context}{q}, {q}{e.msgid}{q})"
        return f"{translator}({q}{e.msgid}{q})"

    literal = NESTED_BARE.sub(bare, literal)
    # g.region(...) inside a replacement field
    return re.sub(r"(?<![\w.])g\.(?=region\()", "_.", literal) if notebook else literal


Rewriter.rewrite_fstring = _rewrite_fstring


#: The Presenter's changes of meaning (presentation.py): text, headers and units arrive translated,
#: coded labels come from labels.CODED, inline plural forms follow the catalog. Each snippet must
#: occur once; one that does not is listed for a hand edit.
PRESENTER_PATCH = [
    (
        """        if format_spec.startswith("@"):
            return plural(self.lookup(format_spec[1:]), value, self.lang)""",
        """        if format_spec.startswith("@"):
            return self.lookup.plural(format_spec[1:], value)""",
    ),
    (
        """        self.g = g
""",
        """        self.g = g
        self._ = g  # the report language's messages (helpers.labels.Labels)
""",
    ),
    (
        """    def text(self, key: str, **fields) -> Markdown:
        \"\"\"The glossary sentence ``key`` with ``fields`` filled in (numbers localised, plurals
        agreed, text values escaped for Markdown; see :class:`SentenceFormatter`).\"\"\"
        return Markdown(self._formatter.format(self.g(key), **fields))""",
        """    def text(self, template: str, **fields) -> Markdown:
        \"\"\"The sentence ``template``, already translated (``p.text(_("..."), **fields)``), with
        ``fields`` filled in (numbers localised, plurals agreed, text values escaped for Markdown;
        see :class:`SentenceFormatter`).\"\"\"
        return Markdown(self._formatter.format(template, **fields))""",
    ),
    (
        """        text = self.g(col.header, **col.fields)
        return f"{text}, {self.g(col.unit)}" if col.unit else text""",
        """        text = col.header.format(**col.fields) if col.fields else col.header
        return f"{text}, {col.unit}" if col.unit else text""",
    ),
    (
        """            return self.g(f"{col.labels}.{value}")""",
        """            return self._.label(col.labels, value)""",
    ),
]


def patch_presenter(path: Path, rw: Rewriter, dry_run: bool) -> None:
    source = path.read_text(encoding="utf-8")
    for old, new in PRESENTER_PATCH:
        if source.count(old) != 1:
            rw.manual.append(f"{path}: presenter patch: snippet not found once, apply by hand: {old.strip()[:80]!r}")
            continue
        source = source.replace(old, new)
    if not dry_run:
        path.write_text(source, encoding="utf-8")


def rewrite_notebook(path: Path, rw: Rewriter, dry_run: bool) -> bool:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    changed = False
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code":
            continue
        new = rw.rewrite(cell.source, f"{path.name} cell {number}", notebook=True)
        if new != cell.source:
            cell.source, changed = new, True
        for line_no, line in enumerate(new.splitlines(), start=1):
            if re.search(r"(?<![\w.])g\b(?!\s*=)", line) and "import" not in line:
                rw.manual.append(f"{path.name} cell {number} line {line_no}: still names g: {line.strip()}")
    # Every notebook runs with ipykernel's default kernel, which a plain environment has.
    default = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    if nb.metadata.get("kernelspec") != default:
        nb.metadata["kernelspec"], changed = default, True
    if changed and not dry_run:
        nbformat.write(nb, path)
    return changed


def rewrite_module(path: Path, rw: Rewriter, dry_run: bool) -> bool:
    source = path.read_text(encoding="utf-8")
    new = rw.rewrite(source, str(path), notebook=False)
    if new != source and not dry_run:
        path.write_text(new, encoding="utf-8")
    return new != source


def coded_block(rw: Rewriter, entries) -> str:
    """The :data:`helpers.labels.CODED` table of every family the code looks up by code."""
    lines = ["CODED: dict[str, dict[str, str | tuple[str, str]]] = {\n"]
    by_key = {e.key: e for e in entries}
    for name, (prefix, suffix) in sorted(rw.families.items()):
        lines.append(f"    {py_string(name)}: {{\n")
        for code, key in rw.codes(prefix, suffix).items():
            e = by_key[key]
            value = f"NP_({py_string(e.context)}, {py_string(e.msgid)})" if e.context else f"N_({py_string(e.msgid)})"
            lines.append(f"        {py_string(code)}: {value},\n")
        lines.append("    },\n")
    lines.append("}\n")
    return "".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args()
    root = args.root.resolve()
    entries = messages(root / "data" / "raw" / "glossary.csv")
    rw = Rewriter(entries)
    files = args.files or sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")) + sorted(
        p for p in (root / "src" / "helpers").rglob("*.py") if "build" not in p.parts and p.name != "labels.py"
    )
    for path in files:
        changed = rewrite_notebook(path, rw, args.dry_run) if path.suffix == ".ipynb" else rewrite_module(path, rw, args.dry_run)
        if changed:
            print(f"rewrote {path.relative_to(root) if path.is_relative_to(root) else path}")
    presentation = root / "src" / "helpers" / "presentation.py"
    if not args.files and presentation.is_file():
        patch_presenter(presentation, rw, args.dry_run)
    labels = root / "src" / "helpers" / "labels.py"
    text = labels.read_text(encoding="utf-8")
    if args.files:
        print(f"labels.CODED not rewritten (files named); families used here: {', '.join(sorted(rw.families))}")
    elif CODED_BEGIN in text and CODED_END in text:
        head, rest = text.split(CODED_BEGIN, 1)
        _, tail = rest.split(CODED_END, 1)
        new = head + CODED_BEGIN + coded_block(rw, entries) + CODED_END + tail
        if not args.dry_run:
            labels.write_text(new, encoding="utf-8")
        print(f"labels.CODED: {', '.join(sorted(rw.families)) or 'no family'}")
    else:
        rw.manual.append(f"{labels}: no CODED markers; families {sorted(rw.families)} not written")
    # Safety net: a glossary key still written anywhere in the converted code is a miss.
    shaped = re.compile(r"(?<![\w.])[a-z_][a-z0-9_]*(?:\.[A-Za-z0-9_]+)+")
    for path in files:
        if args.dry_run:
            break
        if path.suffix == ".ipynb":
            import nbformat

            cells = nbformat.read(path, as_version=4).cells
            sources = [(f"{path.name} cell {i}", c.source) for i, c in enumerate(cells, 1) if c.cell_type == "code"]
        else:
            sources = [(str(path), path.read_text(encoding="utf-8"))]
        for where, source in sources:
            try:  # only inside string literals (f-strings included): `col.region` the attribute is no key
                strings = " ".join(t.string for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.STRING)
            except (tokenize.TokenError, SyntaxError):
                strings = source
            for found in sorted({m for m in shaped.findall(strings) if m in rw.by_key}):
                rw.manual.append(f"{where}: glossary key {found!r} still in the code")
    for line in rw.manual:
        print(f"MANUAL {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
