"""The reports' Stage 1 response-time bands come from the statutory timescale
(10 working days, extendable to 20), not from numbers written again elsewhere."""

from complaints import workdays


def test_the_bands_are_the_timescale_its_longest_extension_and_beyond():
    step = workdays.timescale("statutory", "stage1_response")
    within, extended, beyond = workdays.stage_one_response_bands()
    assert (within.lowest, within.highest) == (None, step.days) == (None, 10)
    assert (extended.lowest, extended.highest) == (step.days + 1, step.max_days) == (11, 20)
    assert (beyond.lowest, beyond.highest) == (21, None)
    assert [b.label for b in (within, extended, beyond)] == [
        "Within 10 working days", "11 to 20 working days", "Over 20 working days"]
    assert extended.phrase == "in 11 to 20 working days"


def test_the_keys_links_and_stored_filters_use_never_change():
    assert [b.key for b in workdays.stage_one_response_bands()] == ["within_10", "11_20", "over_20"]
