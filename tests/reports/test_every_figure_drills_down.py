"""Every figure of the annual report that links to the case list lists exactly
the cases it counts: the report and the drill-down count with the same rules
(the reference council's two years, the internal edition, as an administrator)."""

import pytest
from django.db import transaction
from django.urls import reverse

from complaints.accounts.models import User
from complaints.demo.reference_dataset import load_reference_years
from complaints.reports.annual import build

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def figures(django_db_setup, django_db_blocker):
    """(table id, row label, the figure, the number of cases its link lists), for every
    row with a drill-down; the dataset rolled back afterwards."""
    from django.test import Client

    with django_db_blocker.unblock(), transaction.atomic():
        admin = User.objects.create_user(username="reference-admin", password="x", role="admin")
        load_reference_years(by=admin)
        client = Client()
        client.force_login(admin)
        found = []
        for table in build("2021-22").tables:
            for row in table.rows:
                if row.filters and isinstance(row.values[0], int):
                    listed = client.get(reverse("case_list"), row.filters).context["page"].paginator.count
                    found.append((table.id, row.label, row.values[0], listed))
        transaction.set_rollback(True)
    return found


def test_figures_have_drill_downs(figures):
    assert {table for table, *_ in figures} == {"totals", "teams", "themes", "channels", "outcomes",
                                                "response_times"}
    assert len(figures) >= 30


def test_each_figure_lists_exactly_the_cases_it_counts(figures):
    differ = [f"{table} / {label}: the report counts {figure}, the list shows {listed}"
              for table, label, figure, listed in figures if figure != listed]
    assert differ == []

