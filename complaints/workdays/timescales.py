"""Each procedure's timescales, as data.

Statutory figures come from SI 2006/1738 and "Getting the Best from
Complaints" (2006); the statutory acknowledgement is council practice (a
setting: pass its value as `days`). Corporate figures follow the Local
Government and Social Care Ombudsman's Complaint Handling Code (2024).
Members' enquiries have a local response target (pass it as `days`); they are
council business, not complaints, so they count corporate working days.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from .calendars import CORPORATE, STATUTORY, Calendar
from .explain import DueDate


@dataclass(frozen=True)
class Step:
    """One timescale: `days` working days `from_label` ("from receipt"),
    extendable up to `max_days` (None: no maximum is set).

    `start_label` says what happened on the start date, for explanations
    ("Received", "Stage 2 requested").
    """

    procedure: str
    key: str
    label: str
    from_label: str
    days: int
    max_days: int | None = None
    start_label: str = "Received"


@dataclass(frozen=True)
class Procedure:
    """A procedure's steps (by key), and the calendar whose working days it counts."""

    key: str
    label: str
    calendar: str
    steps: Mapping[str, Step]


def _procedure(key: str, label: str, calendar: str, *steps: Step) -> Procedure:
    return Procedure(key, label, calendar, MappingProxyType({step.key: step for step in steps}))


PROCEDURES: Mapping[str, Procedure] = MappingProxyType({
    STATUTORY: _procedure(
        STATUTORY, "statutory", STATUTORY,
        Step(STATUTORY, "acknowledge", "Acknowledgement", "from receipt", 3),
        # Extendable for complex cases or to arrange an advocate.
        Step(STATUTORY, "stage1_response", "Stage 1 response", "from receipt", 10, 20),
        Step(STATUTORY, "stage2_request", "Deadline to ask for Stage 2",
             "from the Stage 1 response", 20, start_label="Stage 1 response sent"),
        # The Ombudsman measures Stage 2 from the date of the request.
        Step(STATUTORY, "stage2_response", "Stage 2 response", "from the Stage 2 request",
             25, 65, start_label="Stage 2 requested"),
        Step(STATUTORY, "stage3_request", "Deadline to ask for Stage 3",
             "from the Stage 2 adjudication", 20, start_label="Stage 2 adjudication sent"),
        Step(STATUTORY, "panel", "Review panel meeting", "from the Stage 3 request", 30,
             start_label="Stage 3 requested"),
        Step(STATUTORY, "panel_report", "Panel report", "from the panel meeting", 5,
             start_label="Panel met"),
        Step(STATUTORY, "panel_response", "Council's response to the panel",
             "from the panel report", 15, start_label="Panel report issued"),
    ),
    CORPORATE: _procedure(
        CORPORATE, "corporate", CORPORATE,
        Step(CORPORATE, "acknowledge", "Acknowledgement", "from receipt", 5),
        # The Code allows an extension of up to 10 more, with reasons.
        Step(CORPORATE, "stage1_response", "Stage 1 response", "from acknowledgement", 10, 20,
             start_label="Acknowledged"),
        Step(CORPORATE, "stage2_acknowledge", "Stage 2 acknowledgement",
             "from the Stage 2 request", 5, start_label="Stage 2 requested"),
        # The Code allows up to 10 more, with reasons, here too.
        Step(CORPORATE, "stage2_response", "Stage 2 response",
             "from the Stage 2 acknowledgement", 20, 30, start_label="Stage 2 acknowledged"),
    ),
    "members": _procedure(
        "members", "members' enquiry", CORPORATE,
        Step("members", "response", "Response target", "from receipt", 10),
    ),
})


def timescale(procedure: str, key: str) -> Step:
    """The step `key` of `procedure`; KeyError naming what exists if there is none."""
    try:
        return PROCEDURES[procedure].steps[key]
    except KeyError:
        known = {name: list(p.steps) for name, p in PROCEDURES.items()}
        raise KeyError(
            f"No timescale {key!r} for procedure {procedure!r}; known: {known}"
        ) from None


def due(calendar: Calendar, step: Step, start: date, *, days: int | None = None) -> DueDate:
    """The due date for `step` counted from `start` on `calendar`, explained.

    `days` overrides the step's default: an extension, or a local setting such
    as the statutory acknowledgement. Raises ValueError if `days` is negative
    or beyond the step's maximum, or if `calendar` is not the one the step's
    procedure counts (statutory timescales never see local closure days).
    """
    procedure = PROCEDURES[step.procedure]
    name = f"{step.label} ({procedure.label})"
    if calendar.name != procedure.calendar:
        raise ValueError(
            f"{name} counts {procedure.calendar} working days, not {calendar.name} ones."
        )
    days = step.days if days is None else days
    if days < 0:
        raise ValueError(f"{name}: cannot count a negative number of working days ({days}).")
    if step.max_days is not None and days > step.max_days:
        raise ValueError(
            f"{name} can be extended to at most {step.max_days} working days "
            f"{step.from_label}, not {days}."
        )
    rule = f"{name}: {days} working days {step.from_label}"
    if step.max_days is not None and days > step.days:
        rule += f" (extended from {step.days}; the maximum is {step.max_days})"
    return calendar.explain(start, days, rule=rule, start_label=step.start_label)


@dataclass(frozen=True)
class Band:
    """A band of working days taken: from `lowest` to `highest` inclusive (None: no
    bound). `key` is stored and put in links, so it never changes; the label can.
    `phrase` is the band in a sentence: "answered within 10 working days"."""

    key: str
    label: str
    phrase: str
    lowest: int | None
    highest: int | None


def stage_one_response_bands() -> tuple[Band, ...]:
    """The reports' Stage 1 response-time bands, from the statutory timescale: within it
    (10 working days), within its longest extension (11 to 20), and beyond."""
    step = timescale(STATUTORY, "stage1_response")
    within, longest = step.days, step.max_days
    return (
        Band("within_10", f"Within {within} working days", f"within {within} working days", None, within),
        Band("11_20", f"{within + 1} to {longest} working days", f"in {within + 1} to {longest} working days",
             within + 1, longest),
        Band("over_20", f"Over {longest} working days", f"in over {longest} working days", longest + 1, None),
    )
