"""Staff pages to enter what the records cannot give the report: earlier
years' published figures, the number of children receiving services, and a
section's own paragraph (its unknown numbers flagged)."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render

from complaints.accounts.access import Action
from complaints.accounts.decorators import require
from complaints.accounts.models import Team
from complaints.audit import audit
from complaints.audit.models import AuditEntry
from complaints.casework.models import Channel, Theme
from complaints.records.models import Cost, OmbudsmanCase
from complaints.reports import annual
from complaints.reports.data import Section
from complaints.reports.models import EnteredFigure, ReportDetails, SectionText, ServicePopulation
from complaints.years import FinancialYear


def _entry_tables() -> list[tuple[str, str, list[str]]]:
    """(table id, title, row labels) a council can enter for a year it holds no
    records for: the labels the builder uses, so entered figures line up."""
    outcomes = [label for value, label in annual.OUTCOME_ROWS][:4]
    return [
        ("totals", "Enquiries and complaints at each stage",
         ["Enquiries", "Stage 1", "Stage 1 escalated to Stage 2", "Stage 3 review panel"]),
        ("stage2", "Stage 2 requests",
         ["Stage 2 investigations", "Stage 2 requests resolved without an investigation"]),
        ("outcomes", "Outcomes of Stage 1 complaints", outcomes),
        ("response_times", "Stage 1 response times", [label for _, label in annual.BANDS[:3]]),
        ("teams", "Complaints by team", list(Team.objects.values_list("name", flat=True))),
        ("themes", "Complaint themes", list(Theme.objects.values_list("name", flat=True))),
        ("channels", "How complaints were received", list(Channel.objects.values_list("name", flat=True))),
        ("complainants", "Who complained", list(dict.fromkeys(annual.COMPLAINANT_GROUPS.values()))),
        ("expenditure", "Expenditure (£)", [label for _, label in Cost.Category.choices]),
        ("members", "Members' correspondence", ["Members' correspondence received", "Answered within target"]),
        ("compliments", "Compliments by team", list(Team.objects.values_list("name", flat=True))),
        ("ombudsman", "Ombudsman decisions", [label for _, label in OmbudsmanCase.Decision.choices]),
    ]


class FiguresForm(forms.Form):
    prepared_for = forms.CharField(
        label="Prepared for", required=False, max_length=200,
        help_text="Who the report is for, as the cover says: for example, the Director of Children's Services")
    prepared_by = forms.CharField(
        label="Prepared by", required=False, max_length=200,
        help_text="Who prepared it: for example, the Complaints and Information Team Manager")
    children = forms.IntegerField(
        label="Children receiving services in the year", required=False, min_value=1,
        help_text="For the percentage of children receiving services who made a complaint",
        error_messages={"invalid": "Children receiving services must be a whole number",
                        "min_value": "Children receiving services must be 1 or more"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
    )

    def __init__(self, *args, tables, **kwargs):
        super().__init__(*args, **kwargs)
        self.tables = []
        for table_id, title, labels in tables:
            names = []
            for i, label in enumerate(labels):
                name = f"{table_id}__{i}"
                self.fields[name] = forms.DecimalField(
                    label=label, required=False, min_value=0, max_digits=12, decimal_places=2,
                    widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
                    error_messages={"invalid": f"{title}, {label}: enter a number, like 12",
                                    "min_value": f"{title}, {label}: enter 0 or more"})
                names.append((name, table_id, label))
            self.tables.append((title, [(self[name], table_id, label) for name, table_id, label in names]))

    def figures(self):
        for _title, fields in self.tables:
            for field, table_id, label in fields:
                yield table_id, label, self.cleaned_data[field.name]


def _year(text: str) -> FinancialYear:
    try:
        return FinancialYear.parse(text)
    except ValueError:
        raise Http404("No such year") from None


@require(Action.EDIT_REPORTS)
def figures(request, year):
    year = _year(year)
    tables = _entry_tables()
    entered = {(f.table_id, f.row): f.value for f in EnteredFigure.objects.filter(year=str(year))}
    initial = {f"{t}__{i}": entered.get((t, label)) for t, _, labels in tables for i, label in enumerate(labels)}
    population = ServicePopulation.objects.filter(year=str(year)).first()
    initial["children"] = population.children if population else None
    details = ReportDetails.objects.filter(year=str(year)).first()
    if details:
        initial.update(prepared_for=details.prepared_for, prepared_by=details.prepared_by)
    form = FiguresForm(request.POST or None, tables=tables, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for table_id, label, value in form.figures():
                if value is None:
                    EnteredFigure.objects.filter(year=str(year), table_id=table_id, row=label).delete()
                else:
                    EnteredFigure.objects.update_or_create(
                        year=str(year), table_id=table_id, row=label,
                        defaults={"value": Decimal(value), "entered_by": request.user})
            if form.cleaned_data["children"]:
                ServicePopulation.objects.update_or_create(
                    year=str(year), defaults={"children": form.cleaned_data["children"]})
            else:
                ServicePopulation.objects.filter(year=str(year)).delete()
            ReportDetails.objects.update_or_create(year=str(year), defaults={
                "prepared_for": form.cleaned_data["prepared_for"].strip(),
                "prepared_by": form.cleaned_data["prepared_by"].strip()})
            audit.record(request, AuditEntry.Action.CHANGE, None, detail=f"Report figures entered for {year}")
        messages.success(request, f"Figures for {year} saved")
        return redirect("report_figures", year=str(year))
    return render(request, "reports/entry/figures.html", {"form": form, "year": year})


class SectionForm(forms.Form):
    text = forms.CharField(
        label="Text", widget=forms.Textarea(attrs={"rows": 12}), max_length=20000, required=False,
        help_text="Leave a blank line between paragraphs. Start a line with \"- \" for a bullet, put "
                  "**two stars** round words for bold, and write a link as [its words](https://…). "
                  "Leave it empty to go back to the drafted text. Each number is checked against the "
                  "report's figures when you save.")


@require(Action.EDIT_REPORTS)
def section(request, year, section_id):
    """Staff text for a section: in place of the drafted paragraph, after the
    Introduction's, or the Conclusion and recommendations. Text whose numbers
    do not check is saved but held back from the report, each problem listed."""
    year = _year(year)
    titles = dict(annual.SECTIONS)
    if section_id not in titles:
        raise Http404("No such section")
    report = annual.build(year)
    current = next((s for s in report.sections if s.id == section_id), None)
    drafted = annual.drafted_text(report, section_id)
    saved = SectionText.objects.filter(year=str(year), section=section_id).first()
    initial = saved.text if saved else ("" if section_id in annual.ADDED_TO else drafted)
    form = SectionForm(request.POST or None, initial={"text": initial})
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"].strip()
        with transaction.atomic():
            if text and text != drafted:
                SectionText.objects.update_or_create(
                    year=str(year), section=section_id, defaults={"text": text, "saved_by": request.user})
            else:
                SectionText.objects.filter(year=str(year), section=section_id).delete()
            audit.record(request, AuditEntry.Action.CHANGE, None,
                         detail=f"Report {year} paragraph: {titles[section_id]}")
        rebuilt = annual.build(year)
        problems = next((s.problems for s in rebuilt.sections if s.id == section_id), [])
        if problems:
            messages.warning(request, "Saved, but held back from the report until its numbers match the "
                                      "figures: " + " ".join(problems))
        else:
            messages.success(request, "Text saved")
        return redirect("report_section", year=str(year), section_id=section_id)
    return render(request, "reports/entry/section.html", {
        "form": form, "year": year, "section": current or Section(section_id, titles[section_id]),
        "drafted": drafted, "tables": report.section_tables(section_id)})
