"""The claims audit: every number and checkable statement a source prints, checked by a named function.

- :mod:`helpers.claims.checks`: one function per kind of check, each returning a Verdict that
  says whether the check could have failed at all;
- :mod:`helpers.claims.refs`: how a claim's ``args`` point into the raw tables;
- :mod:`helpers.claims.provenance`: file and line of each raw row, the kind of evidence each
  claim rests on, and the one rule that turns that kind and a check's outcome into a verdict;
- :mod:`helpers.claims.evaluate`: runs every claim and builds the claims table;
- :mod:`helpers.claims.quotes`: quotes against the full source texts;
- :mod:`helpers.claims.trace`: the whole chain behind one claim;
- ``python -m helpers.claims [list]`` and ``python -m helpers.claims trace CLAIM_ID``: the command line.
"""

from helpers.claims.checks import CONSISTENT, INCONSISTENT, NOT_VERIFIABLE, VERDICTS, Verdict

__all__ = ["CONSISTENT", "INCONSISTENT", "NOT_VERIFIABLE", "VERDICTS", "Verdict"]
