"""Presentation of each report: tables' columns, captions, sentences and figures from computed results."""
