"""Recording a complaint or enquiry received by phone, email or letter."""

from datetime import date

import pytest
from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.casework.models import Case, Channel, Theme


def form_data(**overrides):
    data = {
        "kind": "complaint",
        "procedure": "statutory",
        "procedure_reason": "The child is looked after.",
        "received_on_day": "9", "received_on_month": "9", "received_on_year": "2022",
        "channel": Channel.objects.get(code="telephone").pk,
        "summary": "The social worker did not return calls.",
        "complainant_name": "Sam Taylor",
        "complainant_relationship": "parent",
        "complainant_email": "sam@example.com",
        "child_1_name": "Alex Taylor",
        "child_1_date_of_birth_day": "31", "child_1_date_of_birth_month": "3", "child_1_date_of_birth_year": "2012",
        "point_1_summary": "Calls not returned",
        "point_1_theme": Theme.objects.get(code="communication").pk,
    }
    data.update(overrides)
    return data


@pytest.fixture
def officer_client(client, personas):
    client.force_login(personas["officer"])
    return client


def test_recording_a_complaint_creates_the_case_its_people_and_stage_one(officer_client):
    response = officer_client.post(reverse("case_new"), form_data())
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("case_detail", args=[case.reference])
    assert case.reference == "COM-2022-0001"
    assert case.complainant.name == "Sam Taylor"
    assert case.children.get().date_of_birth == date(2012, 3, 31)
    assert case.points.get().theme.code == "communication"
    assert case.stages.get().due_on == date(2022, 9, 26)
    assert case.timeline.exists()
    assert AuditEntry.objects.filter(action="create", object_id=str(case.pk)).exists()


def test_an_enquiry_needs_no_procedure_points_or_stage(officer_client):
    officer_client.post(reverse("case_new"), form_data(
        kind="enquiry", procedure="", point_1_summary="", point_1_theme=""))
    case = Case.objects.get()
    assert case.reference.startswith("ENQ-")
    assert not case.stages.exists()


def test_references_count_up_within_a_year(officer_client):
    officer_client.post(reverse("case_new"), form_data())
    officer_client.post(reverse("case_new"), form_data())
    assert list(Case.objects.order_by("reference").values_list("reference", flat=True)) == [
        "COM-2022-0001", "COM-2022-0002"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kind": ""}, "kind", "Select whether this is a complaint or an enquiry"),
        ({"procedure": ""}, "procedure", "Select which procedure applies"),
        ({"received_on_day": "", "received_on_month": "", "received_on_year": ""}, "received_on", "Enter the date received"),
        ({"received_on_day": "31", "received_on_month": "2"}, "received_on", "must be a real date"),
        ({"received_on_year": "2099"}, "received_on", "Date received must be today or in the past"),
        ({"summary": ""}, "summary", "Enter what happened"),
        ({"complainant_email": "not-an-email"}, "complainant_email", "Enter an email address in the correct format"),
        ({"child_1_name": ""}, "child_1_name", "Enter the child's full name"),
        ({"child_1_date_of_birth_year": "2023"}, "child_1_date_of_birth", "on or before the date received"),
        ({"point_1_theme": ""}, "point_1_theme", "Select a theme for this point"),
        ({"point_1_summary": "", "point_1_theme": ""}, "point_1_summary", "Enter at least one point of complaint"),
        ({"summary": "x" * 20001}, "summary", "at most 20000 characters"),
    ],
)
def test_bad_input_gets_a_govuk_error_and_saves_nothing(officer_client, overrides, field, message):
    response = officer_client.post(reverse("case_new"), form_data(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html.replace("&#x27;", "'")
    assert message in " ".join(str(e) for e in response.context["form"].errors[field])
    assert html.count("<title>Error: ") == 1
    assert not Case.objects.exists()


def test_a_failure_half_way_leaves_no_half_saved_case(officer_client, monkeypatch):
    from complaints.casework import services

    def explode(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "open_stage_one", explode)
    with pytest.raises(RuntimeError):
        officer_client.post(reverse("case_new"), form_data())
    assert not Case.objects.exists()
