"""A responding manager drafts and sees the cases allocated to them; directing a
case (its procedure, its allocation, an extension, a withdrawal) is the
complaints team's. The case page does not offer those steps to them, and their
URLs answer 403 (issue #13)."""

import pytest
from django.urls import reverse

from complaints.casework.actions import ACTIONS

DIRECTING = ("route", "allocate", "extend", "withdraw")


def _offered(client, case):
    html = client.get(reverse("case_detail", args=[case.reference])).content.decode()
    return {slug for slug in ACTIONS if reverse("case_action", args=[case.reference, slug]) in html}


def test_the_case_page_offers_a_responding_manager_no_directing_step(client, personas, team, record_complaint):
    case = record_complaint(team=team, officer=personas["responding"])
    client.force_login(personas["responding"])
    offered = _offered(client, case)
    assert "respond" in offered
    assert not offered & set(DIRECTING)
    client.force_login(personas["officer"])
    assert set(DIRECTING) <= _offered(client, case)


@pytest.mark.parametrize("slug", DIRECTING)
def test_a_responding_manager_is_refused_each_directing_step(client, personas, team, record_complaint, slug):
    case = record_complaint(team=team, officer=personas["responding"])
    client.force_login(personas["responding"])
    url = reverse("case_action", args=[case.reference, slug])
    assert client.get(url).status_code == 403
    version = case.version
    assert client.post(url, {"version": version}).status_code == 403
    case.refresh_from_db()
    assert case.version == version
