import pytest


@pytest.fixture
def two_factor_required(settings):
    """Two-factor sign-in on, as it is whenever DEBUG is off (the suite turns it off)."""
    settings.REQUIRE_TWO_FACTOR = True
