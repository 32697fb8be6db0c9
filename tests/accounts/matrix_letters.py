"""Permission matrix rows for the letters app's pages.

url name -> (how to build the URL from the test case, the roles allowed);
see test_permission_matrix.py for the role names.
"""

from django.urls import reverse

from complaints.letters.services import generate_letter

CASEWORK = {"officer", "manager", "responding", "head", "admin"}


def _letter(case):
    return reverse("letter_download", args=[case.reference, generate_letter(case, "acknowledgement", by=None).pk])


LETTERS_MATRIX = {
    "case_letters": (lambda c: reverse("case_letters", args=[c.reference]), CASEWORK),
    # A GET is sent back to the letters page; only a POST generates.
    "letter_generate": (lambda c: reverse("letter_generate", args=[c.reference, "acknowledgement"]),
                        CASEWORK - {"head"}),
    "letter_download": (_letter, CASEWORK),
    "letter_templates": (lambda c: reverse("letter_templates"), {"admin"}),
    "letter_template_download": (lambda c: reverse("letter_template_download", args=["ombudsman"]),
                                 {"admin"}),
    "letter_template_replace": (lambda c: reverse("letter_template_replace", args=["acknowledgement"]),
                                {"admin"}),
    "letter_template_reset": (lambda c: reverse("letter_template_reset", args=["acknowledgement"]),
                              {"admin"}),
}
