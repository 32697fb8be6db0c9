"""Template filters for the records pages."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def pounds(amount) -> str:
    """£1,250.00; "" for no amount."""
    if amount is None or amount == "":
        return ""
    return f"£{Decimal(amount):,.2f}"


@register.filter
def yes_no(value) -> str:
    """Yes, No, or Not decided yet (for a None)."""
    return {True: "Yes", False: "No"}.get(value, "Not decided yet")


@register.filter
def overdue_on(record, today) -> bool:
    """The record's own rule: ``record.is_overdue(today)`` (actions, members' enquiries)."""
    return record.is_overdue(today)


@register.filter
def compliance_overdue_on(ombudsman, today) -> bool:
    """OmbudsmanCase.is_compliance_overdue(today)."""
    return ombudsman.is_compliance_overdue(today)
