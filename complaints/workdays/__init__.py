"""Working days and due dates for the statutory and corporate complaints procedures.

Plain Python, no Django: the casework app stores what this computes.

    cal = calendar_for("statutory", added={...}, removed=[...])
    result = due(cal, timescale("statutory", "stage1_response"), received_on)
    result.due, result.text(), result.as_dict()
"""

from .calendars import (
    CALENDAR_NAMES,
    CORPORATE,
    STATUTORY,
    Calendar,
    calendar_for,
    corporate_calendar,
    statutory_calendar,
)
from .explain import DueDate, SkippedDay
from .timescales import PROCEDURES, Band, Procedure, Step, due, stage_one_response_bands, timescale

__all__ = [
    "Band",
    "stage_one_response_bands",
    "CALENDAR_NAMES",
    "CORPORATE",
    "PROCEDURES",
    "STATUTORY",
    "Calendar",
    "DueDate",
    "Procedure",
    "SkippedDay",
    "Step",
    "calendar_for",
    "corporate_calendar",
    "due",
    "statutory_calendar",
    "timescale",
]
