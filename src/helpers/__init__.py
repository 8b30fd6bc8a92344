"""Shared library of the migration-in-Central-Asia compendium.

Modules are small and imported explicitly (``from helpers import indices``); nothing heavy
is imported here, so that ``python -m helpers.<tool>`` starts fast.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
