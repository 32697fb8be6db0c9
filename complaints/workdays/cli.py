"""Text output for the due-date management command."""

from .explain import DueDate


def format_due(due: DueDate) -> str:
    """The ISO due date alone on the first line (for scripts), then the explanation."""
    return f"{due.due.isoformat()}\n{due.text()}"
