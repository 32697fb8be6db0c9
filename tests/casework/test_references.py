"""Case references come from a counter row per prefix and year: every caller
gets the next number first time, concurrent callers queue on the row, and a
reference an import brought in is never given again."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from complaints.casework.models import Case, ReferenceCounter
from complaints.casework.references import take_reference


def test_each_prefix_and_year_is_a_series_of_its_own(record_complaint):
    first = record_complaint(received_on=date(2022, 9, 9))
    second = record_complaint(received_on=date(2022, 9, 12))
    enquiry = record_complaint(received_on=date(2022, 9, 12), kind="enquiry")
    next_year = record_complaint(received_on=date(2023, 1, 4))
    assert [first.reference, second.reference, enquiry.reference, next_year.reference] == [
        "COM-2022-0001", "COM-2022-0002", "ENQ-2022-0001", "COM-2023-0001"]
    assert ReferenceCounter.objects.get(prefix="COM", year=2022).last == 2


def test_a_reference_already_held_is_counted_past(record_complaint):
    imported = record_complaint(received_on=date(2022, 9, 9))
    Case.objects.filter(pk=imported.pk).update(reference="COM-2022-0040")
    assert record_complaint(received_on=date(2022, 9, 12)).reference == "COM-2022-0041"


def test_taking_a_reference_is_three_queries(db, django_assert_num_queries):
    take_reference(Case, "COM", 2022)
    with django_assert_num_queries(3):
        assert take_reference(Case, "COM", 2022) == "COM-2022-0002"


@pytest.mark.django_db(transaction=True)
def test_callers_at_the_same_moment_each_get_their_own_number_first_time():
    """Eight callers in their own transactions at once: PostgreSQL's row lock makes them
    queue (SQLite's database lock serialises writers anyway, so this is PostgreSQL's)."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need a server database: CI runs this on PostgreSQL")
    from django.db import transaction

    taken, errors = [], []
    start = threading.Barrier(8)

    def take():
        try:
            start.wait()
            with transaction.atomic():
                taken.append(take_reference(Case, "COM", 2024))
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(taken) == [f"COM-2024-{n:04d}" for n in range(1, 9)]
