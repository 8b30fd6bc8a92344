"""The build machinery, apart from the analysis library the notebooks import.

- :mod:`helpers.build.data`: ``make data``, raw tables validated and written to ``data/processed/``;
- :mod:`helpers.build.render`: one notebook executed and exported as ``reports/NN_name.{html,ipynb}``;
- :mod:`helpers.build.kernel`: a notebook's kernel, quiet and stopped cleanly by Ctrl-C;
- :mod:`helpers.build.bench`: ``make bench``, timings (hyperfine) written to ``reports/benchmarks.md``;
- :mod:`helpers.build.atomic`: files written whole or not at all, alone or as a set;
- :mod:`helpers.build.cli`: one line per outcome on the command line.

Each runs as ``python -m helpers.build.<tool>``; no notebook imports them. Report code no notebook
imports either lives beside the library: :mod:`helpers.export`, :mod:`helpers.index`,
:mod:`helpers.digest`, and the lock tool :mod:`helpers.lockfile`.
"""
