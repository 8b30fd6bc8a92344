"""How each report shows its results: tables, sentences and figures for one notebook each, so
the notebook's code cells keep to the analysis (load, compute with named helpers, show)."""
