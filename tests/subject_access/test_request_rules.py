"""Recording a request (its reference and due date), extending it by at most two
further months, and ending it: pack sent, closed, refused."""

from datetime import date

import pytest

from complaints.subject_access import services
from complaints.subject_access.models import SubjectAccessRequest

Status = SubjectAccessRequest.Status


def test_a_request_is_numbered_by_the_year_received_and_due_a_month_later(sar, officer):
    assert sar.reference == "SAR-2023-0001"
    assert sar.due_on == date(2023, 2, 28)
    assert "February has no 31st" in sar.due_explanation
    assert sar.created_by == officer and sar.status == Status.OPEN
    second = services.record_request(services.NewRequest(
        requester_name="Sam Taylor", relationship="parent", subject_name="Jamie Taylor",
        received_on=date(2023, 1, 2)), by=officer)
    assert second.reference == "SAR-2023-0002"
    assert second.due_on == date(2023, 2, 2)


def test_it_can_be_extended_by_two_further_months(sar):
    services.extend(sar, to=date(2023, 5, 2), reason="Records from three teams", told_on=date(2023, 2, 10))
    sar.refresh_from_db()
    assert sar.extended_to == date(2023, 5, 2) and sar.deadline_on == date(2023, 5, 2)
    assert sar.extension_reason == "Records from three teams"
    assert sar.extension_told_on == date(2023, 2, 10)


def test_an_extension_beyond_two_further_months_is_refused(sar):
    with pytest.raises(services.RequestError, match=r"on or before Tue 2 May 2023: .*two further months"):
        services.extend(sar, to=date(2023, 5, 3), reason="Complex", told_on=date(2023, 2, 10))
    sar.refresh_from_db()
    assert sar.extended_to is None


@pytest.mark.parametrize("to, told_on, field, message", [
    (date(2023, 2, 28), date(2023, 2, 10), "extended_to", "must be after Tue 28 Feb 2023"),
    (date(2023, 4, 28), date(2023, 3, 1), "told_on", "on or before Tue 28 Feb 2023"),
    (date(2023, 4, 28), date(2023, 1, 30), "told_on", "on or after the date the request was received"),
])
def test_an_extension_needs_a_later_date_and_the_requester_told_within_the_month(sar, to, told_on, field,
                                                                                 message):
    assert services.extension_problem(sar, to, told_on)[0] == field
    with pytest.raises(services.RequestError, match=message):
        services.extend(sar, to=to, reason="Complex", told_on=told_on)


def test_a_refused_request_cannot_be_extended_or_sent(sar):
    services.refuse(sar, reason="Manifestly excessive: the fourth identical request", on=date(2023, 2, 1))
    assert sar.status == Status.REFUSED and sar.closed_on == date(2023, 2, 1)
    with pytest.raises(services.RequestError, match="refused"):
        services.extend(sar, to=date(2023, 4, 1), reason="Complex", told_on=date(2023, 2, 1))
    with pytest.raises(services.RequestError, match="already refused"):
        services.mark_pack_sent(sar, on=date(2023, 2, 1))


def test_a_refusal_needs_a_reason(sar):
    with pytest.raises(services.RequestError, match="Enter why the request is refused"):
        services.refuse(sar, reason="  ", on=date(2023, 2, 1))


def test_the_pack_is_sent_then_the_request_closed_with_a_note(sar):
    services.mark_pack_sent(sar, on=date(2023, 2, 1))
    assert sar.status == Status.PACK_SENT and sar.pack_sent_on == date(2023, 2, 1)
    services.close(sar, on=date(2023, 2, 1), note="Requester confirmed receipt")
    sar.refresh_from_db()
    assert sar.status == Status.CLOSED and sar.closed_on == date(2023, 2, 1)
    assert "Closed Wed 1 Feb 2023: Requester confirmed receipt" in sar.notes


def test_nothing_is_dated_before_the_request_was_received(sar):
    with pytest.raises(services.RequestError, match="on or after the date the request was received"):
        services.mark_pack_sent(sar, on=date(2023, 1, 30))


def test_overdue_requests_are_open_past_their_deadline(sar, officer):
    late = services.record_request(services.NewRequest(
        requester_name="Pat Jones", relationship="self", subject_name="Pat Jones",
        received_on=date(2022, 12, 1)), by=officer)
    extended = services.record_request(services.NewRequest(
        requester_name="Chris Green", relationship="self", subject_name="Chris Green",
        received_on=date(2022, 12, 2)), by=officer)
    services.extend(extended, to=date(2023, 2, 28), reason="Complex", told_on=date(2022, 12, 20))
    today = date(2023, 2, 1)
    assert list(SubjectAccessRequest.objects.overdue(today)) == [late]
    assert late.is_overdue(today) and not extended.is_overdue(today) and not sar.is_overdue(today)
