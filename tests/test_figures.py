"""Figures: the fixed style renders every Kazakh and Kyrgyz letter (no missing glyph)."""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from helpers import figures  # noqa: E402

KAZAKH_KYRGYZ_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


def test_setup_font_has_every_kazakh_and_kyrgyz_letter():
    figures.setup()
    fig, ax = plt.subplots()
    figures.finish(fig, ax, KAZAKH_KYRGYZ_LETTERS, "Жыл", "Адам", "Дереккөз: ҰСБ")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)"
        fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)


def test_a_missing_glyph_is_caught():
    """The check above can fail: a letter outside DejaVu Sans raises under the same filter."""
    figures.setup()
    fig, ax = plt.subplots()
    ax.set_title("\U0001D4D0\u4e2d")  # CJK is not in DejaVu Sans
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                fig.savefig(io.BytesIO(), format="png")
            except UserWarning as exc:
                assert "missing from font" in str(exc)
            else:
                raise AssertionError("no missing-glyph warning for a CJK character")
    finally:
        plt.close(fig)
