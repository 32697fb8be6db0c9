"""The built-in letter templates, used for a kind until an administrator uploads
a replacement. Built in code, not kept as binary files: plain, accessible
letters (Arial 12 point, left aligned, a real heading) whose words a reader of
the procedure can check here.
"""

import functools
from io import BytesIO

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from complaints.letters.models import Kind

_BODIES: dict[str, tuple[str, list[str]]] = {
    Kind.ACKNOWLEDGEMENT: (
        "Your complaint: we have received it",
        [
            "Thank you for your complaint, which we received on {{ received_on }}. We are "
            "dealing with it under the {{ case.procedure }}.",
            "We will send you our response by {{ stage1.due_on }}.",
            "If we need more time, we will write to tell you why and when to expect our response.",
            "If you need help to take part, for example an advocate or an interpreter, please "
            "tell us. A child or young person who makes a complaint can have an advocate to help "
            "them.",
        ],
    ),
    Kind.EXTENSION: (
        "Your complaint: we need more time to respond",
        [
            "We are sorry, but we need more time to respond to your complaint, which we received "
            "on {{ received_on }}.",
            "The reason is: {{ extension.reason }}",
            "We will now send you our response by {{ extension.new_due }}.",
        ],
    ),
    Kind.STAGE1_RESPONSE: (
        "Our response to your complaint",
        [
            "Thank you for your complaint, which we received on {{ received_on }}. Our response "
            "to each point you raised is below.",
            "Our findings on each point are:",
            "{{ stage1.findings }}",
            "{{ stage1.next_step }}",
        ],
    ),
    Kind.STAGE2_ADJUDICATION: (
        "Our response to the Stage 2 investigation of your complaint",
        [
            "Your complaint has been investigated at Stage 2 of the procedure. The investigation "
            "report and our response to each of its findings are enclosed.",
            "The findings on each point are:",
            "{{ stage2.findings }}",
            "{{ stage2.next_step }}",
            "{{ ombudsman_text }}",
        ],
    ),
    Kind.STAGE3_RESPONSE: (
        "Our response to the review panel's report",
        [
            "A review panel met at Stage 3 of the procedure to consider your complaint, and sent "
            "us its report. This letter is the council's response to the panel's findings and "
            "recommendations.",
            "The panel's findings on each point are:",
            "{{ stage3.findings }}",
            "{{ stage3.next_step }}",
            "{{ ombudsman_text }}",
        ],
    ),
}

# The Local Government and Social Care Ombudsman's own contact details.
OMBUDSMAN = [
    "If you are still not satisfied, you can ask the Local Government and Social Care Ombudsman "
    "to look at your complaint. The Ombudsman is independent of the council and its service is "
    "free. It will usually expect you to have completed the council's complaints procedure "
    "first, and to contact it within 12 months of when you first knew of the problem.",
    "Website: www.lgo.org.uk",
    "Telephone: 0300 061 0614",
    "Post: Local Government and Social Care Ombudsman, PO Box 4771, Coventry CV4 0EH",
]


@functools.cache
def default_template(kind: str) -> bytes:
    """The built-in .docx for ``kind``. Built once a process."""
    document = Document()
    _plain_styles(document)
    document.core_properties.author = ""
    document.core_properties.title = Kind(kind).label
    if kind == Kind.OMBUDSMAN:
        for text in OMBUDSMAN:
            document.add_paragraph(text)
    else:
        heading, body = _BODIES[kind]
        document.add_paragraph().add_run("{{ council.name }}").bold = True
        document.add_paragraph("Children's Services Complaints and Information Team")
        document.add_paragraph("{{ today }}")
        document.add_paragraph("{{ complainant.name }}\n{{ complainant.address }}")
        document.add_paragraph("Our reference: {{ case.reference }}")
        document.add_paragraph("Dear {{ complainant.name }}")
        document.add_heading(heading, level=1)
        for text in body:
            document.add_paragraph(text)
        document.add_paragraph("Yours sincerely")
        document.add_paragraph("{{ signatory }}\nComplaints and Information Team\n{{ council.name }}")
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _plain_styles(document) -> None:
    """Arial 12 point text and black Arial headings, whatever the theme says."""
    for name, size in (("Normal", 12), ("Heading 1", 16)):
        style = document.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.rPr.rFonts
        for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{theme}"), None)
