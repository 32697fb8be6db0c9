"""References: PREFIX-YEAR-NNNN (COM-2022-0041), one series for each prefix and year.

Every caller (the staff form, the public forms, subject access requests) takes its
number from the series' counter row, inside the caller's transaction: the row's lock
makes concurrent callers queue, so each gets its own number first time, with no retry
and no other lock. Records imported with references of their own are counted too: the
next number is past the highest reference already held.
"""

from django.db import IntegrityError, transaction

from complaints.casework.models import ReferenceCounter


def take_reference(model, prefix: str, year: int) -> str:
    """The next free reference of ``model`` (whose ``reference`` field holds them) for
    ``prefix`` and ``year``. Three queries (four for a series' first); holds the
    counter's row lock until the caller's transaction ends."""
    counters = ReferenceCounter.objects.select_for_update()
    with transaction.atomic(savepoint=False):  # the caller's transaction, or one of its own
        counter = counters.filter(prefix=prefix, year=year).first()
        if counter is None:
            try:
                with transaction.atomic():
                    counter = ReferenceCounter.objects.create(prefix=prefix, year=year)
            except IntegrityError:  # another caller began the series first: queue behind it
                counter = counters.get(prefix=prefix, year=year)
        series = f"{prefix}-{year}-"
        highest = (model.objects.filter(reference__startswith=series).order_by("-reference")
                   .values_list("reference", flat=True).first())
        held = int(highest.removeprefix(series)) if highest else 0
        counter.last = max(counter.last, held) + 1
        counter.save(update_fields=["last"])
        return f"{series}{counter.last:04d}"
