"""Presentation of the reports, one module per notebook: column formats, captions, sentences and
figures, so that a notebook's code cells show only the analysis (load, compute with named helpers, show)."""
