"""The search page: what was found, grouped, to tick or untick; making the pack
from what is ticked; downloading it. Every search, pack and download is audited."""

import pytest
from django.urls import reverse

from complaints.audit.models import AuditEntry
from complaints.subject_access.models import Disclosure
from tests.subject_access.conftest import docx_text, error_messages, pack_docx


@pytest.fixture
def search_url(sar):
    return reverse("subject_access_search", args=[sar.reference])


def _ticked(html, key):
    """Whether the checkbox for ``key`` is ticked."""
    at = html.index(f'value="{key}"')
    tag = html[html.rindex("<input", 0, at):html.index(">", at)]
    return " checked" in tag


def test_the_search_shows_what_was_found_grouped_and_is_audited(manager_client, family, sar, search_url,
                                                                 personas):
    response = manager_client.get(search_url)
    html = response.content.decode()
    assert "Cases they made or that are about them" in html
    assert "Cases that name them" in html and "Compliments" in html and "Members&#x27; correspondence" in html
    for case in (family.complainant, family.child, family.mentioned, family.restricted_party):
        assert case.reference in html
        assert _ticked(html, f"case-{case.pk}")
    assert f"{family.restricted_party.reference}, received 9 September 2022 (restricted case)" in html
    assert family.restricted_mention.reference not in html and family.namesake.reference not in html
    entry = AuditEntry.objects.get(action="view", detail__startswith="Subject access search")
    assert entry.detail == "Subject access search for Alex Taylor, born 31 March 2012, alex@example.com"
    assert entry.user == personas["manager"] and entry.object_id == str(sar.pk)


def test_a_possible_match_is_not_ticked(manager_client, family, search_url):
    family.namesake.children.update(date_of_birth=None)
    html = manager_client.get(search_url).content.decode()
    assert "possibly a child the case is about (no date of birth recorded)" in html
    assert not _ticked(html, f"case-{family.namesake.pk}")


def test_making_the_pack_from_the_records_ticked(manager_client, family, sar, search_url, personas):
    response = manager_client.post(search_url, {
        "party_cases": [f"case-{family.child.pk}"], "compliments": [f"compliment-{family.compliment.pk}"]})
    assert response.status_code == 302
    assert response["Location"] == reverse("subject_access_detail", args=[sar.reference])
    disclosure = Disclosure.objects.get(request=sar)
    assert disclosure.records == [f"Case {family.child.reference} (a child the case is about)",
                                  "Compliment received Thu 3 Nov 2022"]
    text = docx_text(pack_docx(disclosure.content))
    assert f"Case {family.child.reference}" in text and f"Case {family.complainant.reference}" not in text
    entry = AuditEntry.objects.get(action="create", object_type="subject_access.disclosure")
    assert entry.object_id == str(disclosure.pk) and entry.user == personas["manager"]
    assert entry.detail.startswith(f"Disclosure pack for {sar.reference}: 2 records")
    page = manager_client.get(response["Location"]).content.decode()
    assert reverse("subject_access_download", args=[sar.reference, disclosure.pk]) in page


def test_a_pack_needs_a_record_ticked(manager_client, family, sar, search_url):
    response = manager_client.post(search_url, {"party_cases": []})
    assert error_messages(response) == ["Select at least one record to include in the pack"]
    assert 'href="#id_party_cases_0"' in response.content.decode()
    assert not Disclosure.objects.exists()


def test_a_restricted_case_the_search_did_not_find_cannot_be_posted_into_the_pack(
        manager_client, family, sar, search_url):
    response = manager_client.post(search_url, {
        "party_cases": [f"case-{family.child.pk}", f"case-{family.restricted_mention.pk}"]})
    assert response.status_code == 200
    assert not Disclosure.objects.exists()
    assert family.restricted_mention.reference not in response.content.decode()


def test_with_nothing_found_a_pack_saying_so_can_be_made(manager_client, sar, search_url):
    html = manager_client.get(search_url).content.decode()
    assert "No records about Alex Taylor were found." in html
    manager_client.post(search_url)
    assert Disclosure.objects.get(request=sar).records == []


def test_downloading_the_pack_is_audited_as_an_export(manager_client, family, sar, search_url, personas):
    manager_client.post(search_url, {"party_cases": [f"case-{family.child.pk}"]})
    disclosure = Disclosure.objects.get()
    response = manager_client.get(reverse("subject_access_download", args=[sar.reference, disclosure.pk]))
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="{disclosure.filename}"'
    assert response.content == bytes(disclosure.content)
    entry = AuditEntry.objects.get(action="export", object_type="subject_access.disclosure")
    assert entry.detail == f"Downloaded {disclosure.filename}" and entry.user == personas["manager"]


def test_a_pack_is_downloaded_only_through_its_own_request(manager_client, family, sar, search_url, officer):
    from complaints.subject_access import services

    manager_client.post(search_url, {"party_cases": [f"case-{family.child.pk}"]})
    disclosure = Disclosure.objects.get()
    other = services.record_request(services.NewRequest(
        requester_name="Pat Jones", relationship="self", subject_name="Pat Jones",
        received_on=sar.received_on), by=officer)
    assert manager_client.get(reverse("subject_access_download",
                                      args=[other.reference, disclosure.pk])).status_code == 404


def test_a_closed_request_cannot_be_searched(manager_client, sar, search_url):
    from datetime import date

    from complaints.subject_access import services

    services.close(sar, on=date(2023, 2, 1))
    response = manager_client.get(search_url, follow=True)
    assert "The request is closed: the records can no longer be searched for it" in response.content.decode()
    assert not AuditEntry.objects.filter(detail__startswith="Subject access search").exists()


def test_the_search_page_costs_the_same_queries_however_much_is_found(
        manager_client, family, search_url, record_complaint, django_assert_max_num_queries):
    with django_assert_max_num_queries(24):
        manager_client.get(search_url)
    for n in range(5):
        record_complaint(complainant=f"Parent {n} Smith", child="Alex Taylor",
                         points=["Alex Taylor was not visited", "Nobody called"])
    with django_assert_max_num_queries(24):
        html = manager_client.get(search_url).content.decode()
    assert html.count("a child the case is about") >= 7
