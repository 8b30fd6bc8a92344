"""Support code for the tests (not tests themselves)."""
