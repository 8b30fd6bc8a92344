"""Presentation of each report: column formats, captions, sentences and figures, so that a
notebook's code cells show only the analysis (load, compute with named helpers, show)."""
