"""Presentation of the reports: one module per notebook, holding its tables, figures and sentences."""
