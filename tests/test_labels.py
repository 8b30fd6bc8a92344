from __future__ import annotations

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
    assert Glossary("ky")("fig.batken_flows.title", start=2017, end=2023).endswith("2017-2023")
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
    import re

    from helpers import paths

    keys = set(load_raw("glossary")["key"])
    for nb in paths.NOTEBOOKS.glob("*.ipynb"):
        used = set(re.findall(r'g\(\s*\\?"([a-z_]+\.[A-Za-z0-9_.]+)\\?"', nb.read_text(encoding="utf-8")))
        assert used, f'{nb.name}: no g("key") call found; the pattern no longer matches the notebooks'
        assert used - keys == set(), nb.name
