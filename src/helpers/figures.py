"""Figure and table conventions: deterministic output, a title, units on the axes, a source
line, and tables shown whole (no truncated quotes, no elided rows)."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import matplotlib.ticker
import pandas as pd

#: Palette: gains / losses, and the two flows (colour-blind safe, Okabe-Ito).
COLOURS = {
    "arrivals": "#0072B2",
    "departures": "#D55E00",
    "net": "#555555",
    "gain": "#009E73",
    "loss": "#D55E00",
    "female": "#CC79A7",
    "male": "#0072B2",
}


def setup() -> None:
    """Fixed style for reproducible PNGs (DejaVu Sans renders Cyrillic incl. ә ғ қ ң ө ұ ү һ і),
    and pandas display options that show every row and every full quote."""
    pd.set_option("display.max_rows", 500)
    pd.set_option("display.max_colwidth", None)
    matplotlib.rcParams.update(
        {
            "font.family": "DejaVu Sans",
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "figure.figsize": (8, 4.5),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "svg.hashsalt": "migration-ca",
            # SVG keeps text as text: sharp at any zoom, searchable, and the translation tests can read it.
            "svg.fonttype": "none",
            "font.size": 11,
            "axes.titlesize": 12,
        }
    )


def finish(fig, ax, title: str, xlabel: str, ylabel: str, source: str, *, lang: str) -> None:
    """Title, axis labels (with units), a source line at the bottom left of the figure, and tick
    labels with the decimal separator of ``lang`` (``0,5`` in Russian, Kazakh and Kyrgyz)."""
    ax.set_title(title, loc="left", fontsize=12)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    localise_ticks(ax, lang)
    fig.text(0.01, 0.005, source, fontsize=8, color="0.35", ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.05, 1, 1))


class LocalisedFormatter(matplotlib.ticker.ScalarFormatter):
    """matplotlib's tick labels with the decimal separator of a language (CLDR, through Babel)."""

    def __init__(self, lang: str):
        from babel.numbers import get_decimal_symbol

        super().__init__(useOffset=False)
        self.decimal = get_decimal_symbol(lang)

    def __call__(self, x, pos=None) -> str:
        return super().__call__(x, pos).replace(".", self.decimal)


def localise_ticks(ax, lang: str) -> None:
    """Give every numeric axis of ``ax`` tick labels in the conventions of ``lang``."""
    for axis in (ax.xaxis, ax.yaxis):
        if isinstance(axis.get_major_formatter(), matplotlib.ticker.ScalarFormatter):
            axis.set_major_formatter(LocalisedFormatter(lang))


def crop(fig):
    """The figure's tight bounding box, padded by ``savefig.pad_inches``: what the inline backend
    crops to (``bbox_inches="tight"``). Worked out once (one layout pass, nothing rendered) and
    given to :func:`svg_text` and :func:`png_base64`, so the two formats show the same area and
    neither lays the figure out again. Public API only, so any backend will do (the figure's own
    renderer measures the text)."""
    fig.draw_without_rendering()
    return fig.get_tightbbox().padded(matplotlib.rcParams["savefig.pad_inches"])


def svg_text(fig, bbox=None) -> str:
    """The figure as inline SVG (no XML prolog), cropped to ``bbox`` (:func:`crop` if None), with
    no date in its metadata and ids from the fixed ``svg.hashsalt``: byte-identical on every
    machine."""
    from IPython.core.pylabtools import print_figure

    svg = print_figure(fig, fmt="svg", bbox_inches=crop(fig) if bbox is None else bbox, metadata={"Date": None})
    svg = svg[svg.index("<svg ") :].strip()
    # The RDF block names the tool and format, nothing a reader sees: dropped.
    start, end = svg.find(" <metadata>"), svg.find("</metadata>")
    return svg[:start] + svg[end + len("</metadata>") + 1 :] if start != -1 and end != -1 else svg


def png_base64(fig, bbox=None) -> str:
    """The figure as a PNG, base64 (as a notebook stores it), cropped to ``bbox`` (:func:`crop` if
    None), with no software name in its metadata: byte-identical on every machine with the same
    matplotlib. JupyterLab shows it where an untrusted notebook's HTML may not carry an SVG."""
    import base64

    from IPython.core.pylabtools import print_figure

    png = print_figure(fig, fmt="png", bbox_inches=crop(fig) if bbox is None else bbox, metadata={"Software": None})
    return base64.b64encode(png).decode("ascii")


def close(fig) -> None:
    """Close ``fig`` so figures never pile up in a long notebook."""
    plt.close(fig)
