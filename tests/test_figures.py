"""Figures: the fixed style renders every Kazakh and Kyrgyz letter (no missing glyph)."""

from __future__ import annotations

import io
import warnings

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from helpers import figures

KAZAKH_KYRGYZ_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


def test_setup_font_has_every_kazakh_and_kyrgyz_letter():
    figures.setup()
    fig, ax = plt.subplots()
    figures.finish(fig, ax, KAZAKH_KYRGYZ_LETTERS, "Жыл", "Адам", "Дереккөз: ҰСБ", lang="kk")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)"
        fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)


def test_a_missing_glyph_is_caught():
    """The check above can fail: a letter outside DejaVu Sans raises under the same filter."""
    figures.setup()
    fig, ax = plt.subplots()
    ax.set_title("\U0001d4d0\u4e2d")  # CJK is not in DejaVu Sans
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


def test_tick_labels_use_the_decimal_separator_of_the_language():
    import re

    figures.setup()
    for lang, expected in (("en", "0.2"), ("ru", "0,2"), ("ky", "0,2")):
        fig, ax = plt.subplots()
        ax.plot([2013, 2014, 2015], [0.0, 0.5, 1.0])
        ax.set_xticks([2013, 2014, 2015])
        figures.finish(fig, ax, "t", "x", "y", "s", lang=lang)
        ticks = re.findall(r">([^<]*)</text>", figures.svg_text(fig))
        figures.close(fig)
        assert expected in ticks and "2014" in ticks  # years keep four digits, ungrouped


def test_svg_text_is_deterministic_and_has_no_metadata():
    figures.setup()
    texts = []
    for _ in range(2):
        fig, ax = plt.subplots()
        ax.plot([1, 2], [3, 4])
        texts.append(figures.svg_text(fig))
        figures.close(fig)
    assert texts[0] == texts[1]
    assert texts[0].startswith("<svg ") and "<metadata>" not in texts[0]


def test_the_png_beside_the_svg_is_byte_identical_run_to_run():
    """No date or software name in the PNG: the executed reports stay byte-identical."""
    import base64

    figures.setup()

    def drawn() -> str:
        fig, ax = plt.subplots()
        ax.plot([2013, 2023], [-1.5, 2.5])
        figures.finish(fig, ax, "Сальдо", "Год", "Человек", "Источник", lang="ru")
        png = figures.png_base64(fig)
        figures.close(fig)
        return png

    first, second = drawn(), drawn()
    assert first == second
    raw = base64.b64decode(first)
    assert raw.startswith(b"\x89PNG") and b"Software" not in raw and b"tIME" not in raw


def test_svg_and_png_show_the_area_the_inline_backend_crops_to():
    """crop() is matplotlib's own tight box, padded: the PNG has the size a tight savefig gives,
    and the SVG the same area in points (72 per inch)."""
    import base64
    import io
    import re

    from IPython.core.pylabtools import print_figure
    from PIL import Image

    figures.setup()
    fig, ax = plt.subplots()
    ax.plot([2013, 2023], [-1.5, 2.5])
    figures.finish(fig, ax, "Сальдо", "Год", "Человек", "Источник: a source line", lang="ru")
    area = figures.crop(fig)
    png = Image.open(io.BytesIO(base64.b64decode(figures.png_base64(fig, area))))
    tight = Image.open(io.BytesIO(print_figure(fig, fmt="png", bbox_inches="tight")))
    svg = figures.svg_text(fig, area)
    figures.close(fig)
    assert png.size == tight.size == (round(area.width * 100), round(area.height * 100))  # savefig.dpi = 100
    width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    assert (width, height) == pytest.approx((area.width * 72, area.height * 72))


def test_crop_needs_no_agg_canvas():
    """A figure on another backend's canvas (here SVG only) is cropped alike: crop() asks the
    figure, not an Agg canvas, for its renderer."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    figures.setup()
    areas = []
    for canvas in (None, FigureCanvasSVG):
        fig = Figure()
        if canvas is not None:
            canvas(fig)
        ax = fig.subplots()
        ax.plot([2013, 2023], [-1.5, 2.5])
        figures.finish(fig, ax, "t", "x", "y", "s", lang="en")
        areas.append(figures.crop(fig))
    assert (areas[1].width, areas[1].height) == pytest.approx((areas[0].width, areas[0].height), abs=0.05)
