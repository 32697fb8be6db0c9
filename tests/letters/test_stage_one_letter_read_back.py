"""The Stage 1 response letter read back with python-docx (issue #13): the
address one line per line (one break between lines, never two, whatever line
endings it was typed with), no working-day trace, each point with its finding."""

from datetime import date
from io import BytesIO

from docx import Document
from docx.oxml.ns import qn

from complaints.casework import procedure
from complaints.letters.models import Kind
from complaints.letters.services import generate_letter


def test_the_stage_one_letter_is_single_spaced_plain_and_lists_each_finding(record_complaint, officer):
    case = record_complaint(received_on=date(2022, 12, 16), points=["Calls not returned", "Visit missed"])
    case.complainant.address = "1 High Street\r\n\r\n  Anytown\r\nAB1 2CD  \n"
    case.complainant.save()
    first, second = case.points.all()
    procedure.respond(case, on=date(2023, 1, 4), by=officer,
                      findings={first.pk: "upheld", second.pk: "not_upheld"})

    document = Document(BytesIO(generate_letter(case, Kind.STAGE1_RESPONSE, by=officer).content))

    address = next(p for p in document.paragraphs if p.text.startswith("Sam Taylor"))
    assert address.text == "Sam Taylor\n1 High Street\nAnytown\nAB1 2CD"
    breaks = [child.tag == qn("w:br") for run in address.runs for child in run._r]
    assert breaks.count(True) == 3
    assert not any(a and b for a, b in zip(breaks, breaks[1:]))  # never <w:br/><w:br/>
    text = "\n".join(p.text for p in document.paragraphs)
    assert "skipped" not in text.lower() and "worked out" not in text
    assert "1. Calls not returned: upheld" in text and "2. Visit missed: not upheld" in text
    assert "enclosed" not in text
    assert text.split("Yours sincerely\n", 1)[1].startswith("Officer Persona\n")  # a named signatory


def test_the_letter_is_signed_by_the_named_officer_with_their_telephone_and_email(record_complaint, officer):
    from complaints.letters.models import Signature

    Signature.objects.create(user=officer, job_title="Complaints Officer", phone="01632 960 123",
                             email="officer@example.gov.uk")
    case = record_complaint(received_on=date(2022, 12, 16))
    document = Document(BytesIO(generate_letter(case, Kind.ACKNOWLEDGEMENT, by=officer).content))
    texts = [p.text for p in document.paragraphs]
    signed = texts[texts.index("Yours sincerely") + 1]
    assert signed.splitlines()[:4] == ["Officer Persona", "Complaints Officer", "Telephone: 01632 960 123",
                                       "Email: officer@example.gov.uk"]
