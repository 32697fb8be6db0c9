"""Permission matrix rows for subject access requests (complaints.subject_access).

url name -> (how to build the URL from the test case, the roles allowed).
Complaints managers and administrators handle subject access: the search
reaches every record, restricted cases included.
"""

from datetime import date

from django.urls import reverse

HANDLERS = {"manager", "admin"}


def _request():
    """The test's subject access request, recorded the first time it is needed."""
    from complaints.subject_access import services
    from complaints.subject_access.models import SubjectAccessRequest

    return SubjectAccessRequest.objects.first() or services.record_request(services.NewRequest(
        requester_name="Sam Taylor", relationship="self", subject_name="Sam Taylor",
        received_on=date(2023, 1, 31)), by=None)


def _pack():
    from complaints.subject_access.models import Disclosure

    sar = _request()
    return sar.disclosures.first() or Disclosure.objects.create(
        request=sar, content=b"PK\x05\x06" + bytes(18), filename=f"{sar.reference}-disclosure.zip")


SUBJECT_ACCESS_MATRIX = {
    "subject_access_list": (lambda c: reverse("subject_access_list"), HANDLERS),
    "subject_access_new": (lambda c: reverse("subject_access_new"), HANDLERS),
    "subject_access_detail": (lambda c: reverse("subject_access_detail", args=[_request().reference]),
                              HANDLERS),
    "subject_access_search": (lambda c: reverse("subject_access_search", args=[_request().reference]),
                              HANDLERS),
    "subject_access_download": (
        lambda c: reverse("subject_access_download", args=[_pack().request.reference, _pack().pk]),
        HANDLERS),
    "subject_access_change": (
        lambda c: reverse("subject_access_change", args=[_request().reference, "extend"]), HANDLERS),
}
