"""Fixtures for the public forms: files kept in a temporary folder, and a
clock set to a known day."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def attachments_dir(settings, tmp_path):
    settings.ATTACHMENTS_DIR = tmp_path / "attachments"
    return settings.ATTACHMENTS_DIR


@pytest.fixture
def on_friday_16_december_2022(db):
    """Fri 16 Dec 2022, 11:00 in London: a reply is due Wed 4 Jan 2023."""
    with time_machine.travel(datetime(2022, 12, 16, 11, tzinfo=LONDON), tick=False):
        yield


@pytest.fixture
def on_saturday_7_january_2023(db):
    """Sat 7 Jan 2023: counting starts on Mon 9 Jan, so a reply is due Mon 23 Jan."""
    with time_machine.travel(datetime(2023, 1, 7, 15, tzinfo=LONDON), tick=False):
        yield
