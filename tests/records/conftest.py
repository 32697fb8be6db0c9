"""Fixtures for the records pages: a frozen today, signed-in clients, and GOV.UK date posts."""

from datetime import date

import pytest
import time_machine

TODAY = date(2023, 6, 1)  # in the financial year 2023-24


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield TODAY


@pytest.fixture
def officer_client(client, personas, frozen):
    client.force_login(personas["officer"])
    return client


@pytest.fixture
def signed_in(client, personas, frozen):
    """A client signed in as the named role: ``signed_in("head")``."""

    def sign_in(role):
        client.force_login(personas[role])
        return client

    return sign_in


def govuk_date(name, day: date | None) -> dict:
    """The three inputs GovukDateField posts for ``day`` (blank for None)."""
    parts = (day.day, day.month, day.year) if day else ("", "", "")
    return {f"{name}_{part}": str(value) for part, value in zip(("day", "month", "year"), parts)}
