"""Shared library of the migration-in-Central-Asia compendium.

Modules are small and imported explicitly (``from helpers import indices``); nothing heavy
is imported here, so that ``python -m helpers.<tool>`` starts fast.
"""

import sys as _sys

__all__ = ["__version__"]
__version__ = "0.1.0"

# nbformat -> jsonschema imports the optional IRI checker rfc3987_syntax, which compiles ~35 Lark
# grammars at import: 0.8 s in every render, index and test process (jsonschema issue #1428). No
# notebook schema uses the "iri" formats, so jsonschema is told the package is absent.
_sys.modules.setdefault("rfc3987_syntax", None)
