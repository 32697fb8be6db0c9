"""What staff enter for the reports: earlier years' published figures, the
number of children receiving services, and their own paragraphs."""

from django.conf import settings
from django.db import models

from complaints.casework.models import Ethnicity


class EnteredFigure(models.Model):
    """A published figure for a year the product holds no records for (a
    council's first year on it reports against the year before). The report
    uses entered figures for a table and year only when there are no records,
    and says so."""

    year = models.CharField(max_length=9, help_text="For example, 2020-21")
    table_id = models.SlugField(max_length=40)
    row = models.CharField(max_length=200, help_text="The row's label as the report shows it")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "table_id", "row"]
        constraints = [
            models.UniqueConstraint(fields=["year", "table_id", "row"], name="entered_figure_once"),
        ]

    def __str__(self):
        return f"{self.year} {self.table_id}: {self.row} = {self.value}"


class ServicePopulation(models.Model):
    """Children receiving services in a year: the denominator of "2.09% of
    children receiving services made a formal complaint"."""

    year = models.CharField(max_length=9, unique=True)
    children = models.PositiveIntegerField("Children receiving services")

    class Meta:
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}: {self.children}"


class PopulationByEthnicity(models.Model):
    """Children receiving services by ethnicity, for the quarterly report's
    disproportionality table (optional)."""

    year = models.CharField(max_length=9)
    ethnicity = models.ForeignKey(Ethnicity, on_delete=models.PROTECT)
    children = models.PositiveIntegerField()

    class Meta:
        ordering = ["year", "ethnicity"]
        constraints = [
            models.UniqueConstraint(fields=["year", "ethnicity"], name="population_ethnicity_once"),
        ]


class SectionText(models.Model):
    """A paragraph staff wrote for one section of one year's report, in place
    of the drafted one. Numbers in it that match no figure of the section are
    flagged when it is saved."""

    year = models.CharField(max_length=9)
    section = models.SlugField(max_length=40)
    text = models.TextField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["year", "section"], name="section_text_once"),
        ]


class ReportDetails(models.Model):
    """Who a year's annual report is prepared for and by, for its cover."""

    year = models.CharField(max_length=9, unique=True)
    prepared_for = models.CharField(max_length=200, blank=True,
                                    help_text="For example, Robert South, Director of Children's Services")
    prepared_by = models.CharField(max_length=200, blank=True,
                                   help_text="For example, Jo Philp, Complaints and Information Team Manager")

    def __str__(self):
        return self.year
