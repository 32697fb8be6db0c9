"""The import file's sheets and columns: the one definition the template, its
notes, the validator, the importer and the export all read.

Each sheet is one kind of record. A row is matched to a record already held by
the sheet's key (a case by its reference, a point by its case and number...),
so importing the same file twice changes nothing the second time. Due dates
are never columns: they are worked out from the dates that are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from complaints import workdays
from complaints.casework.models import (
    Case,
    ChildAgrees,
    Complainant,
    Eligibility,
    ExtensionKind,
    Monitoring,
    Point,
    Remedy,
    Stage,
)
from complaints.records.models import Action, Compliment, Cost, MembersEnquiry, OmbudsmanCase
from complaints.years import FinancialYear
from complaints.transfer import mappers
from complaints.transfer.values import (
    Bool,
    Choice,
    Date,
    Kind,
    Many,
    Money,
    Number,
    Pattern,
    PointName,
    Ref,
    Text,
)


@dataclass(frozen=True)
class Column:
    """One column: its heading, the value it sets (``field``: a model field's
    attname, or a name the sheet's mapper knows), what may be in it, whether a
    row must fill it, and what it means."""

    header: str
    field: str
    kind: Kind
    required: bool = False
    notes: str = ""


@dataclass(frozen=True)
class Sheet:
    """One sheet of the file. ``key`` names the fields that identify a record;
    ``mapper`` reads and writes the records. A sheet ``in_template`` is in the
    template and the export; others (the Ombudsman's decisions list) are only
    recognised on import, and may carry columns of their own we ignore
    (``extra_columns``)."""

    name: str
    about: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    mapper: type
    in_template: bool = True
    extra_columns: bool = False
    by_header: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_header", {header_key(c.header): c for c in self.columns})

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)

    @property
    def required(self) -> list[Column]:
        return [c for c in self.columns if c.required]


def header_key(text) -> str:
    """How headings and sheet names are matched: case, spaces and punctuation aside."""
    return "".join(ch for ch in str(text or "").casefold() if ch.isalnum())


# -- Kinds shared by several sheets ---------------------------------------------------

REFERENCE = Text(20)
DATE = Date()
ANY_DATE = Date(future=True)
NOTE = Text()
FINDING = Choice(Point.Finding, "a finding")
# Other systems' words for who complains (issue #17): "Mother" is a parent, not "Other".
RELATIONSHIP_SYNONYMS = {
    word: Complainant.Relationship.PARENT
    for word in ("Mother", "Father", "Mum", "Dad", "Parent", "Step-parent", "Stepmother", "Stepfather")
} | {
    word: Complainant.Relationship.OTHER_FAMILY
    for word in ("Grandmother", "Grandfather", "Grandparent", "Aunt", "Uncle", "Sibling",
                 "Brother", "Sister")
} | {"Foster parent": Complainant.Relationship.FOSTER_CARER,
     "Child": Complainant.Relationship.YOUNG_PERSON}
CASE_REFERENCE = Column("Case reference", "case", REFERENCE, True,
                        "The reference of a case in the Cases sheet or already held")
OPTIONAL_CASE = Column("Case reference", "case", REFERENCE, False,
                       "The case it is about, if any: a case in the Cases sheet or already held")
STAGE = Number(1, 3)
TEAM = Ref("accounts.Team", "a team", ("name",))
USER = Ref("accounts.User", "a user", ("username",))
APPOINTEE = Ref("casework.Appointee", "an independent person or panel member (kept in the admin)",
                ("name",))
YEAR = Pattern(9, lambda text: str(FinancialYear.parse(text)), "A reporting year, for example 2020-21")

# The words the Ombudsman's published decisions use that are not its category labels.
LGSCO_DECISION_WORDS = {
    "referred back for local resolution": OmbudsmanCase.Decision.NOT_FOR_US,
    "incomplete/invalid": OmbudsmanCase.Decision.NOT_FOR_US,
    "advice given": OmbudsmanCase.Decision.NOT_FOR_US,
    "closed after initial enquiries - no further action": OmbudsmanCase.Decision.CLOSED_NO_ACTION,
    "upheld: maladministration and injustice": OmbudsmanCase.Decision.MALADMIN_INJUSTICE,
    "upheld: maladministration, no injustice": OmbudsmanCase.Decision.MALADMIN_NO_INJUSTICE,
    "not upheld: no maladministration": OmbudsmanCase.Decision.NO_MALADMIN,
}
DECISION = Choice(OmbudsmanCase.Decision, "an Ombudsman decision", LGSCO_DECISION_WORDS)


# -- The sheets -----------------------------------------------------------------------

CASES = Sheet(
    "Cases",
    "One row per complaint or enquiry, with the person who made it. A complaint's "
    "status, outcome and closing date follow from its stages.",
    (
        Column("Case reference", "reference", REFERENCE, True,
               "The council's reference, for example COM-2022-0001. Matches the case if it is held "
               "already; otherwise a new case is made with it."),
        Column("Kind", "kind", Choice(Case.Kind, "a kind of case"), True),
        Column("Procedure", "procedure", Choice(Case.Procedure, "a procedure"), False,
               "Needed for a complaint; blank for an enquiry."),
        Column("Why this procedure", "procedure_reason", NOTE),
        Column("Received date", "received_on", DATE, True,
               "The day the council received it. Stage 1 starts on this day."),
        Column("Channel", "channel_id", Ref("casework.Channel", "a channel"), True,
               "How it reached the council."),
        Column("Team", "team_id", TEAM, False, "The team it is about."),
        Column("Officer", "officer_id", USER, False,
               "The username of the member of staff it is allocated to."),
        Column("What happened", "summary", NOTE, True),
        Column("What they would like to happen", "desired_outcome", NOTE),
        Column("Complainant name", "complainant.name", Text(200), True),
        Column("Complainant relationship", "complainant.relationship",
               Choice(Complainant.Relationship, "a relationship", RELATIONSHIP_SYNONYMS), True),
        Column("Complainant email", "complainant.email", Text(254)),
        Column("Complainant phone", "complainant.phone", Text(40)),
        Column("Complainant address", "complainant.address", NOTE),
        Column("Help needed", "complainant.support_needs", NOTE,
               notes="For example, an interpreter or an advocate."),
        Column("Who is complaining", "eligibility", Choice(Eligibility, "a kind of complainant"),
               notes="Who may use the statutory procedure (regulation 4)."),
        Column("Sufficient interest decided", "sufficient_interest_on", DATE,
               notes="Needed when the council decided they have sufficient interest."),
        Column("Child agrees", "child_agrees", Choice(ChildAgrees, "an answer"),
               notes="Whether the child agrees to the complaint being made for them."),
        Column("About a qualifying function", "qualifying_function", Bool(None),
               notes="Whether it is about a function the statutory procedure covers."),
        Column("Became aware date", "aware_on", DATE,
               notes="When the complainant became aware of the matter: on or before the received date."),
        Column("Why a late complaint is considered", "time_limit_discretion", NOTE,
               notes="Needed when it was made more than a year after they became aware."),
        Column("Procedure decided date", "routed_on", DATE),
        Column("Deferred since", "deferred_since", DATE,
               notes="Set while consideration is deferred (regulation 8): the clock is paused."),
        Column("Advocate offered date", "advocacy_offered_on", DATE),
        Column("Advocate accepted", "advocacy_accepted", Bool(None)),
        Column("Advocate provided", "advocacy_provided", Bool()),
        Column("Advocacy provider", "advocacy_provider", Text(200),
               notes="Needed when an advocate was provided."),
        Column("Withdrawal reason", "withdrawal_reason", NOTE),
        Column("How it was resolved", "resolution", NOTE),
        Column("Enquiry closed date", "enquiry_closed_on", DATE, False,
               "Enquiries only (a complaint closes with its last stage)."),
        Column("Enquiry outcome", "enquiry_outcome",
               Choice(Case.Outcome, "an outcome"), False,
               "Enquiries only, with the closed date: usually Resolved."),
        Column("Restricted", "restricted", Bool(), False,
               "Yes for a case only the people named may see (administrators always may)."),
        Column("People who may see it", "restricted_to", Many(USER), False,
               "A restricted case: the usernames of the people who may see it, separated by semicolons."),
        Column("Restriction reason", "restriction_reason", NOTE),
        Column("Legal hold", "legal_hold", Bool(), False, "Yes to keep the case past its retention date."),
        Column("Legal hold reason", "legal_hold_reason", NOTE),
    ),
    key=("reference",),
    mapper=mappers.CaseMapper,
)

POINTS = Sheet(
    "Points",
    "The points of complaint, numbered 1, 2, 3 within each case, each with its finding at "
    "every stage it reached.",
    (
        CASE_REFERENCE,
        Column("Point number", "number", Number(1, 99), True),
        Column("Point", "summary", NOTE, True, "What the point of complaint is."),
        Column("Theme", "theme_id", Ref("casework.Theme", "a theme"), True),
        *(Column(f"Stage {n} finding", f"stage{n}_finding", FINDING, False,
                 f"The finding at Stage {n}, once it was answered.") for n in (1, 2, 3)),
    ),
    key=("case", "number"),
    mapper=mappers.PointMapper,
)

CHILDREN = Sheet(
    "Children",
    "The children each case is about (every child in the family), numbered 1, 2, 3 within the "
    "case in the order they were recorded, with their equality monitoring.",
    (
        CASE_REFERENCE,
        Column("Child number", "number", Number(1, 99), True,
               "1 for the case's first child, 2 for the second..."),
        Column("Child name", "name", Text(200), True),
        Column("Date of birth", "date_of_birth", DATE),
        Column("Age at receipt", "age_at_receipt", Number(0, 30), False,
               "Worked out from the date of birth when there is one; give it only when the date "
               "of birth is not kept."),
        Column("Person ID", "person_id", Text(40), False,
               "The child's ID in the case-management system."),
        Column("Gender", "monitoring.gender", Choice(Monitoring.Gender, "a gender")),
        Column("Ethnicity", "monitoring.ethnicity_id",
               Ref("casework.Ethnicity", "an ethnicity (DfE code)")),
        Column("Disabilities", "monitoring.disabilities",
               Many(Ref("casework.Disability", "a disability (DfE code)"))),
        Column("Religion", "monitoring.religion_id", Ref("casework.Religion", "a religion")),
    ),
    key=("case", "number"),
    mapper=mappers.ChildMapper,
)

STAGES = Sheet(
    "Stages",
    "The stages each complaint reached, in order: Stage 1, then 2, then 3. Due dates are worked "
    "out from these dates and the working-day calendar, never typed. A complaint with no row "
    "here gets Stage 1, started on its received date.",
    (
        CASE_REFERENCE,
        Column("Stage", "number", STAGE, True, "1, 2 or 3 (3 under the statutory procedure only)."),
        Column("Date started", "started_on", DATE, False,
               "Stage 2 and 3: the date the complainant asked for it (needed). Stage 1: leave blank; "
               "it starts on the received date."),
        Column("Acknowledged date", "acknowledged_on", DATE),
        Column("Acknowledged by", "acknowledged_by",
               Choice(Stage._meta.get_field("acknowledged_by").choices, "a way of acknowledging")),
        Column("Extended by (working days)", "extension_days", Number(1, 40), False,
               "Working days added to the response time: Stage 1 to 20 in all; statutory Stage 2 to "
               "65; corporate Stage 2 to 30."),
        Column("Why it was extended", "extension_kind", Choice(ExtensionKind, "a reason")),
        Column("Extension reason", "extension_reason", NOTE, False,
               "Needed when the stage was extended."),
        Column("Complainant told of extension", "extension_told_on", DATE),
        Column("Days paused", "paused_days", Number(0, 9999, blank=0), False,
               "Working days the clock was paused while consideration was deferred."),
        Column("Response date", "responded_on", DATE, False,
               "Stage 1 response, Stage 2 adjudication, or the council's response to the panel."),
        Column("Closed without response date", "closed_on", DATE, False,
               "The day the stage ended without a response: withdrawn or resolved."),
        Column("Outcome", "outcome", Choice(Case.Outcome, "an outcome"), False,
               "Upheld, partially upheld or not upheld for a response (or blank: it then follows "
               "from the points' findings); withdrawn or resolved for a stage closed without one."),
        Column("Why a late request was accepted", "late_request_decision", NOTE, False,
               "Stages 2 and 3: needed when the request came more than "
               f"{workdays.timescale('statutory', 'stage2_request').days} working days after "
               "the previous answer (statutory procedure)."),
        Column("Resolved without investigation", "resolved_without_investigation", Bool(), False,
               "Stage 2: a request resolved (for example at a meeting) before an investigation."),
        Column("Investigating officer", "investigating_officer", Text(200), False,
               "Stage 2: needed before the adjudication."),
        Column("Investigating officer is", "investigator_kind",
               Choice(Stage._meta.get_field("investigator_kind").choices, "internal or external")),
        Column("Independent person", "independent_person_id", APPOINTEE, False,
               "Statutory Stage 2: needed before the adjudication."),
        Column("Adjudicating officer", "adjudicator", Text(200)),
        Column("Statement agreed date", "statement_agreed_on", DATE, False,
               "Stage 2: the date the complaint statement was agreed."),
        Column("Panel chair", "panel_chair", APPOINTEE, False, "Stage 3."),
        Column("Other panel members", "panel_others", Many(APPOINTEE), False,
               "Stage 3: the two other members, separated by a semicolon."),
        Column("Panel met date", "panel_on", DATE),
        Column("Panel report date", "report_on", DATE),
    ),
    key=("case", "number"),
    mapper=mappers.StageMapper,
)

def _within_a_stage(name: str, about: str, noun: str, columns: tuple, mapper) -> Sheet:
    """A sheet of records numbered 1, 2, 3 within a case's stage."""
    return Sheet(
        name, f"{about}, numbered 1, 2, 3 within each case's stage.",
        (CASE_REFERENCE, Column("Stage", "stage_number", STAGE, True),
         Column(f"{noun} number", "number", Number(1, 99), True), *columns),
        key=("case", "stage_number", "number"), mapper=mapper,
    )


REMEDIES = _within_a_stage("Remedies", "What the council did to put things right", "Remedy", (
    Column("Remedy", "kind", Choice(Remedy.Kind, "a remedy"), True),
    Column("Amount", "amount", Money(), False, "A financial payment or adjustment only: more than 0."),
    Column("Detail", "detail", NOTE),
), mappers.RemedyMapper)

LEARNING = _within_a_stage("Learning", "What the service learned from each complaint", "Learning", (
    Column("What was learned", "text", NOTE, True),
    Column("Date recorded", "recorded_on", DATE, True),
), mappers.LearningMapper)

COSTS = Sheet(
    "Costs",
    "Money spent on complaints work. A cost has no reference: a row is the same cost as one held "
    "when every column matches.",
    (
        Column("Date incurred", "incurred_on", DATE, True),
        Column("Category", "category", Choice(Cost.Category, "a category of cost"), True),
        Column("Amount", "amount", Money(), True, "More than 0."),
        Column("Supplier or invoice number", "supplier_or_invoice", Text(200)),
        Column("Description", "description", NOTE),
        OPTIONAL_CASE,
    ),
    key=("incurred_on", "category", "amount", "supplier_or_invoice", "description", "case"),
    mapper=mappers.CostMapper,
)

OMBUDSMAN = Sheet(
    "Ombudsman cases",
    "The Local Government and Social Care Ombudsman's enquiries about the council's cases, "
    "its decisions and remedies. Decisions may use its older or its current wording.",
    (
        Column("LGSCO reference", "reference", Text(30), True),
        Column("Enquiry date", "enquiry_on", DATE, True),
        OPTIONAL_CASE,
        Column("Decision", "decision", DECISION),
        Column("Decision date", "decision_on", DATE, False, "Needed with a decision."),
        Column("Fault found", "fault_found", Bool(None)),
        Column("Injustice found", "injustice_found", Bool(None)),
        Column("Apology", "remedy_apology", Bool()),
        Column("Payment", "remedy_payment", Bool()),
        Column("Corrective action", "remedy_corrective_action", Bool()),
        Column("Service improvement", "remedy_service_improvement", Bool()),
        Column("Payment amount", "payment_amount", Money(), False, "With Payment: Yes."),
        Column("Remedy due by", "compliance_due_on", ANY_DATE),
        Column("Remedy completed", "complied_on", DATE),
    ),
    key=("reference",),
    mapper=mappers.OmbudsmanMapper,
)

OMBUDSMAN_DECISIONS = Sheet(
    "Ombudsman decisions",
    "The Ombudsman's published list of decisions, matched to the Ombudsman cases held by "
    "reference. Other columns in the Ombudsman's file are ignored.",
    (
        Column("Reference", "reference", Text(30), True, "An Ombudsman case already held."),
        Column("Authority", "authority", Text(200), False, "Not stored."),
        Column("Category", "category", Text(200), False, "Not stored."),
        Column("Decision", "decision", DECISION, True),
        Column("Decision date", "decision_on", DATE, True),
        Column("Remedy", "remedy", Text(), False,
               "The Ombudsman's words: apology, financial redress or payment, procedure or policy "
               "change, training or service improvement, or other action; several may be given."),
        Column("Payment", "payment_amount", Money()),
    ),
    key=("reference",),
    mapper=mappers.OmbudsmanDecisionMapper,
    in_template=False,
    extra_columns=True,
)

MEMBERS = Sheet(
    "Members' correspondence",
    "Councillors' and MPs' enquiries. The response due date is worked out from the date received.",
    (
        Column("Member's name", "member_name", Text(200), True),
        Column("Councillor or MP", "member_kind",
               Choice(MembersEnquiry.MemberKind, "a councillor or MP"), True),
        Column("Date received", "received_on", DATE, True),
        Column("Subject", "subject", Text(200), True),
        Column("Team", "team_id", TEAM),
        Column("Date responded", "responded_on", DATE),
        OPTIONAL_CASE,
    ),
    key=("member_name", "received_on", "subject"),
    mapper=mappers.MembersMapper,
)

COMPLIMENTS = Sheet(
    "Compliments",
    "Praise for teams and staff, as given. Only words an officer approved, with every name "
    "taken out, are ever published, and only with agreement.",
    (
        Column("Date received", "received_on", DATE, True),
        Column("Team", "team_id", TEAM),
        Column("Who gave it", "given_by", Choice(Compliment.GivenBy, "who gave a compliment"), True),
        Column("What they said", "words", NOTE, True),
        Column("Staff named", "staff_named", NOTE, False,
               "Every name used for staff in the words, separated by commas."),
        Column("Agreed to publication", "consent_to_publish", Bool()),
        Column("As published", "published_text", NOTE, False,
               "The words a report may quote, with every name taken out. Needed if approved."),
        Column("Approved for publishing on", "approved_on", DATE, False,
               "Blank until an officer approves the words: nothing is quoted before."),
    ),
    key=("received_on", "team_id", "given_by", "words"),
    mapper=mappers.ComplimentMapper,
)

ACTIONS = Sheet(
    "Actions",
    "The action plan: what is being done about the learning from complaints.",
    (
        Column("Action number", "number", Number(1, 99999), True),
        Column("Task", "task", NOTE, True),
        Column("Owners", "owners", Text(300), True, "People or teams responsible."),
        Column("Start date", "starts_on", ANY_DATE, True),
        Column("Intended outcome", "intended_outcome", NOTE, True),
        Column("Target date", "target_on", ANY_DATE),
        Column("Target in words", "target_text", Text(100), False, "For example, On-going."),
        Column("Status", "status", Choice(Action.Status, "a status")),
        Column("Cases", "cases", Many(REFERENCE), False,
               "References of the cases it came from, separated by semicolons."),
        Column("Points", "points", Many(PointName()), False,
               "The points of complaint it came from, as 'COM-2022-0001 point 2', separated by "
               "semicolons."),
    ),
    key=("number",),
    mapper=mappers.ActionMapper,
)

ACTION_UPDATES = Sheet(
    "Action updates",
    "Dated progress notes on the action plan's actions.",
    (
        Column("Action number", "action", Number(1, 99999), True,
               "An action in the Actions sheet or already held."),
        Column("Date", "written_on", DATE, True),
        Column("Update", "text", NOTE, True),
    ),
    key=("action", "written_on", "text"),
    mapper=mappers.ActionUpdateMapper,
)

EARLIER_YEARS = Sheet(
    "Earlier years' figures",
    "Published figures for years before the council kept its records here, for the annual "
    "report's year-on-year comparisons: the tables and row labels the report's page for "
    "entering earlier years' figures shows.",
    (
        Column("Year", "year", YEAR, True),
        Column("Table", "table_id", Text(40), True, "The report table's identifier."),
        Column("Row", "row", Text(200), True, "The row's label as the report shows it."),
        Column("Column", "column", Text(100), False,
               "Blank (or the year): the report keeps one figure for each year, table and row."),
        Column("Value", "value", Money(), True, "The published figure."),
    ),
    key=("year", "table_id", "row"),
    mapper=mappers.EarlierYearsMapper,
)

# In the order they are imported: a sheet comes after the sheets its rows refer to.
SHEETS: tuple[Sheet, ...] = (
    CASES, POINTS, CHILDREN, STAGES, REMEDIES, LEARNING, COSTS, OMBUDSMAN, OMBUDSMAN_DECISIONS,
    MEMBERS, COMPLIMENTS, ACTIONS, ACTION_UPDATES, EARLIER_YEARS,
)
TEMPLATE_SHEETS = tuple(sheet for sheet in SHEETS if sheet.in_template)
# Sheets of the template that hold no records.
NOTES_SHEET = "Notes"
LISTS_SHEET = "Lists"
