"""The claims audit: every number a source prints, checked by a named function.

- :mod:`helpers.claims.checks`: one function per kind of check, each returning a Verdict;
- :mod:`helpers.claims.refs`: how a claim's ``args`` point into the raw tables;
- :mod:`helpers.claims.evaluate`: runs every claim and builds the claims table;
- ``python -m helpers.claims``: the command-line view.
"""

from helpers.claims.checks import CONSISTENT, INCONSISTENT, NOT_VERIFIABLE, VERDICTS, Verdict

__all__ = ["CONSISTENT", "INCONSISTENT", "NOT_VERIFIABLE", "VERDICTS", "Verdict"]
