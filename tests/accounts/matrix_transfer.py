"""Permission matrix rows for import and export (complaints.transfer).

url name -> (how to build the URL from the test case, the roles allowed).
"""

from django.urls import reverse

TRANSFER_MATRIX = {
    "transfer_import": (lambda c: reverse("transfer_import"), {"manager", "admin"}),
    "transfer_template": (lambda c: reverse("transfer_template"), {"manager", "admin"}),
    # A GET shows the page; only a POST exports (tests/transfer/test_export_page.py).
    "transfer_export": (lambda c: reverse("transfer_export"), {"admin"}),
}
