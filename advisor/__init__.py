"""养老顾问 — an offline elder-care policy advisor that answers with cited clauses."""

__version__ = "0.1.0"
