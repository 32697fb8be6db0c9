"""A synthetic import file for benchmarks: ``cases`` rows on the Cases sheet,
with one or two points and one or two children each (about 1.5 of each), in
the import template's format (the sheet definitions in
complaints.transfer.sheets give the headings).

Cases are received on weekdays from April 2019 to March 2023; about 85% are
complaints (seven in ten statutory), the rest enquiries, closed. Children have
dates of birth and, for most, equality monitoring. There is no Stages sheet:
the import opens Stage 1 for each complaint and works out its due dates, as
for a council bringing in its open caseload. Deterministic for (cases, seed).

Needs Django set up (the headings and the lists come from the project):

    from bench.records_workbook import write_workbook
    rows = write_workbook("var/bench/import-100000.xlsx", cases=100_000)
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from openpyxl import Workbook

FIRST = ["Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hassan", "Isla", "Jonah", "Kezia", "Liam"]
LAST = ["Adeyemi", "Brook", "Clarke", "Dhillon", "Evans", "Fraser", "Gill", "Hughes", "Iqbal", "Jones"]
START, DAYS = date(2019, 4, 1), 1460


def write_workbook(path, *, cases: int, seed: int = 2026) -> dict[str, int]:
    """Write the file; returns the rows written per sheet."""
    from complaints.accounts.models import Team
    from complaints.casework.models import Channel, Disability, Ethnicity, Theme
    from complaints.transfer.sheets import CASES, CHILDREN, POINTS

    rng = random.Random(seed)
    teams = list(Team.objects.values_list("name", flat=True))
    channels = list(Channel.objects.values_list("name", flat=True))
    themes = list(Theme.objects.values_list("code", flat=True))
    ethnicities = list(Ethnicity.objects.values_list("code", flat=True))
    disabilities = list(Disability.objects.exclude(code="NONE").values_list("code", flat=True))
    book = Workbook(write_only=True)
    sheets = {sheet: book.create_sheet(sheet.name) for sheet in (CASES, POINTS, CHILDREN)}
    for sheet, ws in sheets.items():
        ws.append([column.header for column in sheet.columns])
    counts = dict.fromkeys((CASES.name, POINTS.name, CHILDREN.name), 0)

    def add(sheet, values: dict):
        sheets[sheet].append([values.get(column.field) for column in sheet.columns])
        counts[sheet.name] += 1

    for n in range(1, cases + 1):
        received = START + timedelta(days=rng.randrange(DAYS))
        if received.weekday() > 4:
            received -= timedelta(days=received.weekday() - 4)
        complaint = rng.random() < 0.85
        reference = f"{'COM' if complaint else 'ENQ'}-{received.year}-{n:06d}"
        family = rng.choice(LAST)
        add(CASES, {
            "reference": reference,
            "kind": "Complaint" if complaint else "Enquiry",
            "procedure": ("Statutory" if rng.random() < 0.7 else "Corporate") if complaint else None,
            "received_on": received,
            "channel_id": rng.choice(channels),
            "team_id": rng.choice(teams),
            "summary": f"Case {n}: calls about the plan for the {family} family were not returned.",
            "complainant.name": f"{rng.choice(FIRST)} {family}",
            "complainant.relationship": "Parent",
            "complainant.email": f"family{n}@example.com",
            "enquiry_closed_on": None if complaint else received + timedelta(days=3),
            "enquiry_outcome": None if complaint else "Resolved",
        })
        for number in range(1, rng.choice((1, 2)) + 1):
            add(POINTS, {"case": reference, "number": number, "theme_id": rng.choice(themes),
                         "summary": f"Point {number} of case {n}"})
        for number in range(1, rng.choice((1, 2)) + 1):
            monitored = rng.random() < 0.7
            add(CHILDREN, {
                "case": reference, "number": number, "name": f"{rng.choice(FIRST)} {family}",
                "date_of_birth": received - timedelta(days=rng.randint(400, 17 * 365)),
                "person_id": f"P{rng.randint(100000, 999999)}",
                "monitoring.gender": rng.choice(("Female", "Male")) if monitored else None,
                "monitoring.ethnicity_id": rng.choice(ethnicities) if monitored else None,
                "monitoring.disabilities": rng.choice(disabilities) if monitored and rng.random() < 0.1 else None,
            })
    book.save(path)
    return counts
