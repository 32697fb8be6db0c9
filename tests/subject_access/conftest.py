"""Shared fixtures for subject access: a family's records in which Alex Taylor
(born 31 March 2012) is found, and ways to read a pack back."""

import html
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from io import BytesIO

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from complaints.casework import procedure
from complaints.casework.models import Case, Child
from complaints.records.models import Compliment, MembersEnquiry
from complaints.subject_access import services
from complaints.subject_access.models import SubjectAccessRequest

ALEX_BORN = date(2012, 3, 31)


@pytest.fixture(autouse=True)
def _today_is_1_february_2023(frozen):
    """Every subject access test runs on Wed 1 Feb 2023 (tests/conftest.py's ``frozen``)."""


@dataclass
class Family:
    """Records about Alex Taylor, and records that must not be found for them."""

    complainant: Case  # Alex complains for themselves, about a sibling too
    child: Case  # Sam Taylor, their parent, complains about Alex
    namesake: Case  # another Alex Taylor, born 2015: not them
    mentioned: Case  # about the Green family; a point names Alex
    restricted_party: Case  # restricted, and about Alex
    restricted_mention: Case  # restricted, and only names Alex
    compliment: Compliment
    enquiry: MembersEnquiry
    hidden_enquiry: MembersEnquiry  # about the restricted case Alex is only named in


@pytest.fixture
def family(record_complaint, officer, team):
    complainant = record_complaint(
        complainant="Alex Taylor", child="Jamie Taylor", team=team, officer=officer,
        summary="I asked for help with my brother Jamie Taylor and nobody came.",
    )
    complainant.complainant.email = "alex@example.com"
    complainant.complainant.save()
    child = record_complaint(complainant="Sam Taylor", child="Alex Taylor", team=team,
                             summary="Sam Taylor says the social worker missed visits to Alex.")
    child.complainant.email = "sam@example.com"
    child.complainant.phone = "07700 900123"
    child.complainant.save()
    Child.objects.create(case=child, name="Jamie Taylor", date_of_birth=date(2014, 5, 6))
    namesake = record_complaint(complainant="Pat Jones", child="Alex Taylor", team=team)
    namesake.children.update(date_of_birth=date(2015, 6, 1))
    Child.objects.filter(case=child, name="Alex Taylor").update(date_of_birth=ALEX_BORN)
    mentioned = record_complaint(
        complainant="Chris Green", child="Robin Green", team=team,
        points=["Robin was left out of the trip that  alex   taylor went on", "Transport was late"],
    )
    restricted_party = record_complaint(complainant="Sam Taylor", child="Alex Taylor", team=team,
                                        summary="About the family's foster placement.")
    restricted_mention = record_complaint(
        complainant="Drew Hidden", child="Morgan Hidden", team=team,
        summary="Classified matter: Morgan Hidden told Alex Taylor a secret.",
    )
    for case in (restricted_party, restricted_mention):
        procedure.restrict(case, restricted=True, people=[officer], reason="About a member of staff",
                           by=officer)
    compliment = Compliment.objects.create(
        received_on=date(2022, 11, 3), team=team, given_by="parent",
        words="Jo Bloggs helped Alex Taylor settle in at school.", staff_named="Jo Bloggs",
    )
    enquiry = MembersEnquiry.objects.create(
        member_name="Cllr Lee Ward", member_kind="councillor", received_on=date(2022, 10, 3),
        subject="Support for Alex Taylor", due_on=date(2022, 10, 17), case=child,
    )
    hidden_enquiry = MembersEnquiry.objects.create(
        member_name="Cllr Lee Ward", member_kind="councillor", received_on=date(2022, 10, 4),
        subject="Alex Taylor and the Hidden family", due_on=date(2022, 10, 18), case=restricted_mention,
    )
    return Family(complainant, child, namesake, mentioned, restricted_party, restricted_mention,
                  compliment, enquiry, hidden_enquiry)


@pytest.fixture
def approver(personas):
    """The complaints manager who approves restricted cases going into a pack an officer makes."""
    return personas["manager"]


@pytest.fixture
def sar(db, officer) -> SubjectAccessRequest:
    """Alex Taylor asks for their own records on Tue 31 Jan 2023."""
    return services.record_request(services.NewRequest(
        requester_name="Alex Taylor", relationship="self", subject_name="Alex Taylor",
        subject_date_of_birth=ALEX_BORN, subject_email="alex@example.com",
        received_on=date(2023, 1, 31),
    ), by=officer)


# -- Reading a pack back --------------------------------------------------------------


def zip_files(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(bytes(content))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def pack_docx(content: bytes) -> bytes:
    """The pack's .docx from a disclosure ZIP."""
    (name,) = [n for n in zip_files(content) if n.endswith("-disclosure-pack.docx")]
    return zip_files(content)[name]


def docx_paragraphs(content: bytes) -> list[str]:
    """Every paragraph's text, tables' cells included, in document order."""
    document = docx.Document(BytesIO(bytes(content)))
    return [Paragraph(p, document).text for p in document.element.body.iter(qn("w:p"))]


def docx_text(content: bytes) -> str:
    return "\n".join(docx_paragraphs(content))


def docx_runs(content: bytes) -> list[Run]:
    document = docx.Document(BytesIO(bytes(content)))
    return [Run(r, document) for r in document.element.body.iter(qn("w:r"))]


MARKED = re.compile(r"\[REDACT\? ([^\]]*)\]")


def unmarked(text: str) -> str:
    """The text with every "[REDACT? …]" taken out."""
    return MARKED.sub("", text)


@pytest.fixture
def manager_client(client, personas):
    client.force_login(personas["manager"])
    return client


def error_messages(response) -> list[str]:
    """The GOV.UK error summary's messages, in order."""
    page = response.content.decode()
    assert 'class="govuk-error-summary"' in page
    summary = page[page.index('class="govuk-error-summary"'):]
    summary = summary[:summary.index("</ul>")]
    return [html.unescape(re.sub(r"<[^>]+>", "", m)).strip()
            for m in re.findall(r"<li>(.*?)</li>", summary, re.S)]
