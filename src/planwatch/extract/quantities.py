"""Find every result and target in a plan's text (placeholder, being written)."""

from __future__ import annotations

from planwatch.extract.records import Quantity


def extract_quantities(text: str, doc: str = "doc") -> list[Quantity]:
    """Every quantity in `text`, in document order; offsets index `text` itself."""
    return []
