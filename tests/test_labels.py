from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.data import load_raw
from helpers.labels import LANGS, Glossary, MissingTranslation


def test_every_glossary_key_has_every_language():
    table = load_raw("glossary")
    for lang in LANGS:
        assert table[lang].notna().all() and (table[lang].str.strip() != "").all(), lang


def test_labels_and_placeholders():
    assert Glossary("ru")("flow.arrivals") == "Прибывшие"
    assert Glossary("ky")("fig.batken_flows.title", start=2017, end=2023).endswith("2017–2023")
    assert Glossary("kk").region("KZ-71") == "Астана қаласы"


def test_missing_key_or_translation_is_an_error_not_a_fallback():
    with pytest.raises(MissingTranslation, match="no key 'flow.nowhere'"):
        Glossary("en")("flow.nowhere")
    table = pd.DataFrame({"key": ["x"], "en": ["X"], "ru": [None], "kk": ["X"], "ky": ["X"]})
    with pytest.raises(MissingTranslation, match="no ru text"):
        Glossary("ru", glossary=table)("x")
    with pytest.raises(MissingTranslation, match="no ky name for 'KZ-71'"):
        Glossary("ky").region("KZ-71")
    with pytest.raises(ValueError, match="lang='de'"):
        Glossary("de")


def test_every_label_key_used_in_notebooks_exists():
    # Every string literal in a code cell shaped like a key of a glossary namespace (g("..."),
    # p.text("..."), Col("..."), a caption key passed along) must be a key.
    import ast

    import nbformat

    from helpers import paths

    keys = set(load_raw("glossary")["key"])
    namespaces = {k.split(".", 1)[0] for k in keys}
    notebooks = paths.notebooks()
    assert notebooks
    for nb in notebooks:
        literals, prefixes = [], []
        for cell in nbformat.read(nb, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            tree = ast.parse(cell.source)
            in_fstrings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    (prefixes if id(node) in in_fstrings else literals).append(node.value)
        shaped = re.compile(r"[a-z_]+\.[A-Za-z0-9_.]*")
        used = {s for s in literals if shaped.fullmatch(s) and s.split(".", 1)[0] in namespaces}
        assert len(used) >= 20, f"{nb.name}: only {len(used)} glossary keys found; the search no longer sees the notebooks"
        # a key, or the prefix of a family of labels (Col(labels="bt.field") reads "bt.field.<value>")
        assert {u for u in used - keys if not any(k.startswith(u + ".") for k in keys)} == set(), nb.name
        # f"pr.ci.{method}": some key must start with the fixed part
        for prefix in (s for s in prefixes if shaped.fullmatch(s) and s.split(".", 1)[0] in namespaces):
            assert any(k.startswith(prefix) for k in keys), f"{nb.name}: no glossary key starts with {prefix!r}"
