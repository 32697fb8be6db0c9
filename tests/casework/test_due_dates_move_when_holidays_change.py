"""Stored due dates follow the calendar: an administrator adds or removes a
holiday and every open stage's due date moves, with the timeline saying why."""

from datetime import date

from complaints.casework import procedure, services
from complaints.casework.models import HolidayOverride, Stage


def test_adding_19_september_2022_moves_a_stage_one_due_date_to_monday(db, record_complaint, personas):
    # Before the State Funeral was proclaimed, 19 September 2022 was a working day.
    before = HolidayOverride.objects.create(
        day=date(2022, 9, 19), kind=HolidayOverride.Kind.REMOVED, name="Not yet proclaimed")
    case = record_complaint(received_on=date(2022, 9, 9))
    stage = case.stages.get(number=1)
    assert stage.due_on == date(2022, 9, 23)

    # The administrator turns the correction into the proclaimed holiday.
    before.kind, before.name = HolidayOverride.Kind.ADDED, "State Funeral of Queen Elizabeth II"
    moved = services.save_holiday_override(before, by=personas["admin"])

    stage.refresh_from_db()
    assert moved == 1
    assert stage.due_on == date(2022, 9, 26)
    assert "Mon 19 Sep" in stage.due_date_explained()
    texts = list(case.timeline.values_list("text", flat=True))
    assert any(
        "Stage 1 response due date moved from Fri 23 Sep 2022 to Mon 26 Sep 2022" in text
        and "19 September 2022 was added as a bank holiday (State Funeral of Queen Elizabeth II)" in text
        for text in texts
    ), texts


def test_removing_a_correction_moves_due_dates_back(db, record_complaint):
    override = HolidayOverride.objects.create(
        day=date(2022, 9, 19), kind=HolidayOverride.Kind.REMOVED, name="Not yet proclaimed")
    case = record_complaint(received_on=date(2022, 9, 9))
    services.delete_holiday_override(override)
    assert case.stages.get().due_on == date(2022, 9, 26)
    assert case.timeline.filter(text__contains="correction for 19 September 2022").exists()


def test_answered_stages_keep_their_due_dates(db, record_complaint):
    case = record_complaint(received_on=date(2022, 9, 9))
    Stage.objects.filter(case=case).update(responded_on=date(2022, 9, 20))
    services.save_holiday_override(
        HolidayOverride(day=date(2022, 9, 14), kind=HolidayOverride.Kind.ADDED, name="One-off"))
    assert case.stages.get().due_on == date(2022, 9, 26)


def test_a_local_closure_day_moves_corporate_but_not_statutory_deadlines(db, record_complaint):
    statutory = record_complaint(received_on=date(2023, 3, 1), procedure="statutory")
    corporate = record_complaint(received_on=date(2023, 3, 1), procedure="corporate")
    before = {c.pk: c.stages.get().due_on for c in (statutory, corporate)}

    services.save_holiday_override(
        HolidayOverride(day=date(2023, 3, 6), kind=HolidayOverride.Kind.CLOSURE, name="Office move"))

    assert statutory.stages.get().due_on == before[statutory.pk]
    assert corporate.stages.get().due_on > before[corporate.pk]


def test_corporate_stage_one_is_counted_from_the_acknowledgement_due_date(db, record_complaint):
    case = record_complaint(received_on=date(2022, 12, 16), procedure="corporate")
    stage = case.stages.get()
    # Acknowledge within 5 WD of Fri 16 Dec 2022: Mon 19 .. Fri 23 Dec -> Fri 23 Dec.
    assert stage.acknowledge_due_on == date(2022, 12, 23)
    # 10 WD from Fri 23 Dec, skipping the weekends, 26-27 Dec and 2 Jan: Wed 11 Jan 2023.
    assert stage.due_on == date(2023, 1, 11)
    assert "Acknowledg" in stage.due_date_explained() or "23 Dec" in stage.due_date_explained()


def test_statutory_stage_one_is_due_ten_working_days_after_receipt(db, record_complaint):
    stage = record_complaint(received_on=date(2022, 12, 16)).stages.get()
    assert stage.due_on == date(2023, 1, 4)
    assert stage.acknowledge_due_on == date(2022, 12, 21)
    explained = stage.due_date_explained()
    for skipped in ("Mon 26 Dec", "Tue 27 Dec", "Mon 2 Jan 2023"):
        assert skipped in explained


def test_a_withdrawn_case_is_left_alone_when_the_calendar_changes(db, record_complaint, personas):
    case = record_complaint(received_on=date(2022, 9, 9))
    procedure.withdraw(case, on=date(2022, 9, 12), reason="Resolved by phone.", by=personas["officer"])
    notes = case.timeline.count()
    services.save_holiday_override(
        HolidayOverride(day=date(2022, 9, 14), kind=HolidayOverride.Kind.ADDED, name="One-off"))
    assert case.timeline.count() == notes
