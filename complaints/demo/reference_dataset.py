"""The reference report's two years, as records.

``load_reference_years(by=officer)`` creates the complaints, enquiries,
Stage 2 and 3 requests, Ombudsman cases, costs, members' correspondence,
compliments and action plan of 2020-21 and 2021-22 (and the Ombudsman's
2019-20) from which ``annual.build("2021-22")`` reproduces every table of the
council's published 2021-22 report (DOMAIN.md's reference report): its tables,
and the figures its text gives for the tables it drew as charts. Where the
report contradicts itself, the records follow its tables (see the notes on
YEARS). What the report never gave in numbers (ages, ethnicity and so on)
is invented to fit what its text says.

Cases go through the same functions the case pages call
(complaints.casework.services.record_case and complaints.casework.procedure),
so every stored fact (due dates, working days taken, outcomes, timeline)
is what staff would have recorded. Records with no procedure function
(equality monitoring, Ombudsman cases, costs, members' correspondence with
its stored due date, compliments, the action plan) are created directly, and
so is learning (procedure.add_learning dates it today, not when it was learned).

Deterministic (a seeded random order), and safe to run twice: it does nothing
when any case was received in 2020-21 or 2021-22. Costs about 9,000 queries
(most of them the procedure functions'): two to three seconds on SQLite.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from complaints.accounts.models import ServiceArea, Team
from complaints.casework import procedure, services
from complaints.casework.models import (
    Appointee,
    Case,
    Channel,
    Child,
    Disability,
    Ethnicity,
    Learning,
    Monitoring,
    Religion,
    Theme,
)
from complaints.records.models import (
    Action,
    ActionUpdate,
    Compliment,
    Cost,
    MembersEnquiry,
    OmbudsmanCase,
)
from complaints.records.services import members_enquiry_due
from complaints.years import FinancialYear
from complaints.reports.models import ServicePopulation

U, P, N, W = "upheld", "partial", "not_upheld", "withdrawn"
OUTCOMES = (U, P, N, W)
BANDS = ("within_10", "11_20", "over_20")

# The teams the reference report names, and the service area to create one in
# if a council has renamed or removed it (the report must still add up).
TEAMS = {
    "iss": ("Intervention and Support Service", "Children's Social Care"),
    "triage": ("Triage, MASH and Assessment", "Children's Social Care"),
    "care": ("Care Resources", "Corporate Parenting"),
    "fostering": ("Fostering", "Corporate Parenting"),
    "leaving": ("Leaving Care", "Corporate Parenting"),
    "cad": ("Children and Adults with Disabilities", "Disabilities"),
    "adopt": ("Adopt London", "Adoption"),
    "business": ("Business Management", "Business Management"),
}

AGE_BANDS = {"0-5": (0, 5), "6-9": (6, 9), "10-14": (10, 14), "15-17": (15, 17), "18+": (18, 21)}


@dataclass
class YearFigures:
    """One year's figures: those the reference report gives, and invented
    ones (marked) that agree with its text."""

    year: FinancialYear
    enquiries: int
    # Stage 1 outcome -> complaints answered (or withdrawn) within 10 working
    # days, in 11 to 20, and after more than 20 (sections 1.6 and 1.7).
    bands: dict[str, tuple[int, int, int]]
    # Team -> theme of the complaint's first point -> complaints (section 1.4,
    # a chart: the text's figures, the rest spread over the other teams).
    teams: dict[str, dict[str, int]]
    # Theme -> first points in upheld, partially upheld, not upheld and
    # withdrawn complaints; with ``further_points``, section 1.5's chart.
    themes: dict[str, tuple[int, int, int, int]]
    further_points: dict[str, int]
    # Outcomes decided in advance for a team's complaints of a theme.
    reserved: dict[tuple[str, str], list[str]]
    channels: dict[str, int]
    complainants: dict[str, int]
    # Complaints made by parents and family about 1, 2 and 3 children (invented).
    family_sizes: tuple[int, int, int]
    # Age band -> (female, male) children (invented, following section 2.1).
    ages: dict[str, tuple[int, int]]
    ethnicity: dict[str, int]
    religion: dict[str, int]
    disability: dict[str, int]
    stage_two: list[StageTwo]
    ombudsman: list[dict]
    members: tuple[int, int]
    compliments_by_team: dict[str, int]
    compliments_by_giver: dict[str, int]
    corporate: set[tuple[str, str]] = field(default_factory=set)
    seed: int = 0


@dataclass
class StageTwo:
    """A Stage 2 request: taken from a statutory complaint whose Stage 1
    response (one of ``from_outcomes``) was sent between ``window``, made 5
    working days later."""

    what: str  # "investigate", "withdraw" or "resolve"
    window: tuple[date, date]
    from_outcomes: tuple[str, ...] = (N, P)
    finding: str = ""  # the adjudication's finding on every point
    days: int = 25  # working days from the request to the adjudication, withdrawal or resolution
    ends_on: date | None = None  # or this date
    cost: Decimal | None = None
    remedies: list[tuple[str, Decimal | None, str]] = field(default_factory=list)
    stage_three: str = ""  # the panel's finding on every point, if it went to a panel


# -- The two years ----------------------------------------------------------------------

REFERENCE = FinancialYear(2021)
PREVIOUS = FinancialYear(2020)

YEARS = [
    YearFigures(
        year=REFERENCE,
        enquiries=74,
        # The outcomes TABLE (17, 18, 25, 19); the summary's "17 partially
        # upheld" and section 1.6's "(28)" and "(40)" contradict it.
        bands={U: (6, 6, 5), P: (4, 7, 7), N: (6, 9, 10), W: (8, 6, 5)},
        teams={
            "iss": {"attitude": 11, "communication": 8, "standard": 10, "financial": 1, "delay": 1,
                    "other": 1, "data": 1},
            "triage": {"attitude": 6, "inaccurate": 2, "standard": 3, "communication": 4, "decision": 2,
                       "data": 1},
            "care": {"standard": 5, "financial": 2, "attitude": 1, "communication": 1, "inaccurate": 1},
            "cad": {"delay": 3, "standard": 2, "decision": 1, "financial": 1},
            "fostering": {"financial": 1, "standard": 2, "communication": 1, "attitude": 1},
            "leaving": {"financial": 1, "communication": 1, "standard": 1, "delay": 1},
            "adopt": {"decision": 1, "other": 1},
        },
        # Attitude: 19 points, only 2 upheld and 3 partially (fewer than a third).
        themes={"standard": (7, 6, 5, 5), "attitude": (2, 3, 10, 4), "communication": (4, 4, 3, 4),
                "financial": (2, 1, 2, 1), "delay": (1, 2, 1, 1), "decision": (0, 0, 2, 2),
                "inaccurate": (1, 1, 0, 1), "data": (0, 1, 1, 0), "other": (0, 0, 1, 1)},
        further_points={"communication": 1, "inaccurate": 1},
        # Care Resources: five about the standard of service, four of them upheld.
        reserved={("care", "standard"): [U, U, U, U, N]},
        channels={"letter": 0, "email": 37, "telephone": 17, "childrens-app": 1, "online": 24},
        complainants={"parent": 58, "family": 6, "special_guardian": 3, "young_person": 7, "advocate": 5},
        family_sizes=(35, 19, 13),
        ages={"0-5": (12, 16), "6-9": (17, 12), "10-14": (21, 16), "15-17": (9, 13), "18+": (5, 3)},
        ethnicity={"WBRI": 78, "WOTH": 10, "MWBC": 7, "BAFR": 7, "MOTH": 4, "APKN": 4, "AIND": 3,
                   "BCRB": 3, "ABAN": 2, "OOTH": 2, "NOBT": 4},
        religion={"none": 52, "christian": 38, "muslim": 9, "hindu": 3, "sikh": 2, "other": 3,
                  "not-stated": 17},
        disability={"NONE": 96, "AUT": 14, "LD": 5, "COMM": 3, "BEH": 2, "MOB": 1, "": 3},
        corporate={("cad", "delay"), ("cad", "decision")},
        # Section 1.3: of the seven, two withdrawn, one partially upheld (apology),
        # one upheld (apology, training, financial adjustment), three still open
        # when the report was written (answered in 2022-23). Costs: £14,413.
        stage_two=[
            StageTwo("investigate", (date(2021, 4, 15), date(2021, 8, 31)), (N, P), finding=U, days=33,
                     cost=Decimal("3950"), remedies=[
                         ("apology", None, "Written apology from the Head of Service."),
                         ("training", None, "Team training on recording decisions and sharing them."),
                         ("financial", Decimal("450"), "Contribution towards costs adjusted.")]),
            StageTwo("investigate", (date(2021, 6, 1), date(2021, 10, 31)), (P, N), finding=P, days=25,
                     cost=Decimal("3600"), remedies=[("apology", None, "Apology from the team manager.")]),
            StageTwo("withdraw", (date(2021, 7, 1), date(2021, 11, 30)), (N,), days=12, cost=Decimal("1150")),
            StageTwo("withdraw", (date(2021, 9, 1), date(2021, 12, 31)), (N, P), days=18, cost=Decimal("863")),
            StageTwo("investigate", (date(2022, 1, 4), date(2022, 2, 28)), (N,), finding=N,
                     ends_on=date(2022, 5, 26), cost=Decimal("1800")),
            StageTwo("investigate", (date(2022, 1, 4), date(2022, 3, 18)), (P, N), finding=P,
                     ends_on=date(2022, 6, 23), cost=Decimal("1650")),
            StageTwo("investigate", (date(2022, 1, 4), date(2022, 3, 18)), (N, P), finding=N,
                     ends_on=date(2022, 7, 14), cost=Decimal("1400")),
            # "A further 6 requests for Stage 2 investigations, that were not progressed."
            StageTwo("resolve", (date(2021, 5, 1), date(2021, 7, 31)), days=8),
            StageTwo("resolve", (date(2021, 7, 1), date(2021, 9, 30)), days=8),
            StageTwo("resolve", (date(2021, 9, 1), date(2021, 11, 30)), days=6),
            StageTwo("resolve", (date(2021, 10, 15), date(2022, 1, 15)), days=9),
            StageTwo("resolve", (date(2021, 12, 1), date(2022, 2, 28)), days=7),
            StageTwo("resolve", (date(2022, 1, 15), date(2022, 3, 18)), days=5),
        ],
        ombudsman=[
            # The one with maladministration and injustice: delay at Stage 1, a
            # special guardian; apology, £300, review the SGO leaflets.
            dict(reference="21 007 412", enquiry_on=date(2021, 11, 8), decision="maladmin_inj",
                 decision_on=date(2022, 2, 14), fault_found=True, injustice_found=True, remedy_apology=True,
                 remedy_payment=True, payment_amount=Decimal("300"), remedy_service_improvement=True,
                 compliance_due_on=date(2022, 3, 16), complied_on=date(2022, 3, 10), link="delayed"),
            dict(reference="21 003 186", enquiry_on=date(2021, 6, 21), decision="maladmin",
                 decision_on=date(2021, 10, 4), fault_found=True, injustice_found=False),
            dict(reference="21 010 957", enquiry_on=date(2021, 9, 13), decision="outside_jur",
                 decision_on=date(2021, 10, 1)),
            dict(reference="21 015 604", enquiry_on=date(2022, 1, 24), decision="discontinued",
                 decision_on=date(2022, 3, 21)),
        ],
        # "71.5%" in the report: 40 of 56 is 71.4%.
        members=(56, 40),
        compliments_by_team={"iss": 5, "cad": 3, "care": 2, "fostering": 2, "adopt": 2, "business": 1,
                             "triage": 1},
        # 50% from professionals, internal or external.
        compliments_by_giver={"parent": 5, "young_person": 2, "carer": 1, "prof_internal": 3,
                              "prof_external": 5},
        seed=2122,
    ),
    YearFigures(
        year=PREVIOUS,
        enquiries=76,
        bands={U: (3, 2, 1), P: (7, 11, 10), N: (11, 13, 16), W: (6, 5, 2)},
        teams={
            "iss": {"standard": 8, "communication": 4, "decision": 6, "attitude": 5, "inaccurate": 2,
                    "delay": 1},
            "triage": {"decision": 7, "inaccurate": 5, "attitude": 4, "standard": 4, "communication": 2,
                       "data": 1},
            "care": {"standard": 3, "financial": 1, "communication": 1, "decision": 1, "attitude": 1},
            "cad": {"delay": 2, "standard": 3, "decision": 2, "communication": 1, "financial": 1, "other": 1},
            "fostering": {"standard": 3, "financial": 1, "communication": 2, "decision": 1, "attitude": 1,
                          "other": 1},
            "leaving": {"standard": 2, "financial": 1, "communication": 1, "decision": 1, "inaccurate": 1,
                        "delay": 1},
            "adopt": {"decision": 1, "data": 1, "other": 1},
            "business": {"data": 2},
        },
        themes={"standard": (2, 8, 10, 3), "communication": (1, 4, 4, 2), "decision": (0, 3, 13, 3),
                "inaccurate": (1, 4, 2, 1), "attitude": (0, 3, 6, 2), "delay": (1, 2, 1, 0),
                "data": (1, 1, 1, 1), "financial": (0, 2, 2, 0), "other": (0, 1, 1, 1)},
        further_points={"communication": 10, "inaccurate": 8, "standard": 7, "attitude": 4, "delay": 2},
        reserved={},
        channels={"letter": 1, "email": 57, "telephone": 11, "childrens-app": 0, "online": 18},
        complainants={"parent": 66, "family": 7, "special_guardian": 3, "young_person": 6, "advocate": 5},
        family_sizes=(42, 21, 13),
        ages={"0-5": (18, 17), "6-9": (13, 12), "10-14": (25, 23), "15-17": (10, 11), "18+": (3, 2)},
        ethnicity={"WBRI": 88, "WOTH": 12, "BAFR": 9, "MWBC": 5, "AIND": 4, "MOTH": 4, "BCRB": 3,
                   "APKN": 2, "OOTH": 2, "ABAN": 1, "NOBT": 4},
        religion={"none": 40, "christian": 64, "muslim": 10, "hindu": 2, "sikh": 1, "other": 2,
                  "not-stated": 15},
        disability={"NONE": 106, "AUT": 13, "LD": 6, "COMM": 2, "BEH": 2, "HEAR": 1, "": 4},
        corporate={("cad", "delay"), ("cad", "decision"), ("business", "data")},
        # Six investigations (£6,087), one of them on to the year's review panel.
        stage_two=[
            StageTwo("investigate", (date(2020, 4, 1), date(2020, 6, 30)), (N, P), finding=N, days=25,
                     cost=Decimal("1250"), stage_three=P),
            StageTwo("investigate", (date(2020, 6, 1), date(2020, 9, 30)), (N,), finding=N, days=28,
                     cost=Decimal("1100")),
            StageTwo("investigate", (date(2020, 8, 1), date(2020, 11, 30)), (P, N), finding=P, days=25,
                     cost=Decimal("980"), remedies=[("apology", None, "Apology from the Head of Service.")]),
            StageTwo("investigate", (date(2020, 9, 1), date(2020, 12, 15)), (N, P), finding=U, days=32,
                     cost=Decimal("1017"), remedies=[
                         ("apology", None, "Apology from the Head of Service."),
                         ("procedure", None, "Case records corrected and the correction shared.")]),
            StageTwo("investigate", (date(2020, 10, 1), date(2021, 1, 15)), (N,), finding=N, days=30,
                     cost=Decimal("890")),
            StageTwo("investigate", (date(2020, 11, 1), date(2021, 1, 31)), (P, N), finding=P, days=25,
                     cost=Decimal("850")),
            StageTwo("resolve", (date(2020, 7, 1), date(2020, 10, 31)), days=9),
            StageTwo("resolve", (date(2020, 12, 1), date(2021, 2, 28)), days=7),
        ],
        ombudsman=[
            dict(reference="20 001 873", enquiry_on=date(2020, 5, 11), decision="maladmin_inj",
                 decision_on=date(2020, 9, 28), fault_found=True, injustice_found=True, remedy_apology=True,
                 compliance_due_on=date(2020, 10, 28), complied_on=date(2020, 10, 19)),
            dict(reference="20 006 245", enquiry_on=date(2020, 9, 7), decision="maladmin_inj",
                 decision_on=date(2021, 1, 18), fault_found=True, injustice_found=True, remedy_apology=True,
                 remedy_corrective_action=True, compliance_due_on=date(2021, 2, 17),
                 complied_on=date(2021, 2, 12)),
            dict(reference="20 009 530", enquiry_on=date(2020, 11, 2), decision="no_maladmin",
                 decision_on=date(2021, 3, 1), fault_found=False),
            dict(reference="20 004 118", enquiry_on=date(2020, 7, 20), decision="premature",
                 decision_on=date(2020, 7, 31)),
            dict(reference="20 012 766", enquiry_on=date(2021, 1, 11), decision="premature",
                 decision_on=date(2021, 1, 19)),
            dict(reference="20 013 902", enquiry_on=date(2021, 2, 15), decision="closed_nfa",
                 decision_on=date(2021, 3, 22)),
        ],
        members=(69, 55),
        compliments_by_team={"iss": 6, "triage": 4, "fostering": 4, "care": 3, "cad": 2, "adopt": 2,
                             "leaving": 1},
        compliments_by_giver={"parent": 8, "young_person": 2, "carer": 2, "prof_internal": 4,
                              "prof_external": 6},
        seed=2021,
    ),
]

# The Ombudsman's 2019-20, the third year of its table: no other records.
OMBUDSMAN_2019_20 = [
    dict(reference="19 002 391", enquiry_on=date(2019, 5, 13), decision="maladmin_inj",
         decision_on=date(2019, 9, 16), fault_found=True, injustice_found=True, remedy_apology=True,
         compliance_due_on=date(2019, 10, 16), complied_on=date(2019, 10, 8)),
    dict(reference="19 008 114", enquiry_on=date(2019, 8, 5), decision="maladmin_inj",
         decision_on=date(2019, 12, 9), fault_found=True, injustice_found=True, remedy_apology=True,
         remedy_service_improvement=True, compliance_due_on=date(2020, 1, 13), complied_on=date(2020, 1, 6)),
    dict(reference="19 010 577", enquiry_on=date(2019, 10, 14), decision="no_maladmin",
         decision_on=date(2020, 1, 27), fault_found=False),
    dict(reference="19 013 026", enquiry_on=date(2019, 12, 2), decision="no_maladmin",
         decision_on=date(2020, 3, 9), fault_found=False),
    dict(reference="19 015 480", enquiry_on=date(2020, 1, 20), decision="premature",
         decision_on=date(2020, 1, 29)),
    dict(reference="19 017 233", enquiry_on=date(2020, 2, 24), decision="closed_nfa",
         decision_on=date(2020, 3, 23)),
]

# Children receiving services in 2021-22: 79 of 3,780 is the report's 2.09%.
CHILDREN_RECEIVING_SERVICES = {str(REFERENCE): 3780}

# The six published examples, in the report's order: the words as given, with
# the invented staff names where the report prints "X" ("Teju", which the
# report left in example 2 by mistake, is the name it replaced elsewhere);
# published_words() must give the report's text back, with every name an X.
EXAMPLES = [
    ("adopt", "parent", "Charlotte",
     "I have no words to describe my gratitude to Charlotte, she has been 'a rock' to me fighting our "
     "corner and getting us desperately need support. She continues to support us and with her help I am "
     "starting to believe in myself again. As a parent I believed I had failed, she has allowed me to see "
     "that I had not had the support or resources I needed to succeed, and she has given us as a family "
     "the confidence is putting into practice what are learning in order to support our amazing "
     "daughter."),
    ("cad", "parent", "Teju",
     "I am writing to express my gratitude for the way in which my application for Respite was dealt "
     "with by Teju. I am truly thankful for being appointed Teju to deal with my application as Teju was "
     "very patient, professional, dependable and displayed empathy the right amount of empathy. She was "
     "able to communicate effectively including actively listening, providing a good explanation of the "
     "process and a non-judgmental attitude. Teju came across as honest, transparent and caring which I "
     "greatly appreciate Teju also had the ability to identify and understand my needs effectively.\n\n"
     "I am overall pleased with the service I have received, and I therefore wanted to express my "
     "gratitude"),
    # The councillor's name is replaced too: nothing published may identify anyone.
    ("business", "parent", "Dawn, Whitworth",
     "Thank you, Dawn, for helping me I just got an email from Mr Councillor Whitworth addressing how it "
     "was processed on certain dates I emailed him back for his support but I told Mr Councillor "
     "Whitworth it was already sorted out by Dawn. I never have complained about this or about you which "
     "is why I needed to email you all you done was support me explaining the situation I waited "
     "patiently."),
    ("fostering", "carer", "Rachel",
     "The process was really smooth.\n\n"
     "Rachel was fantastic. We couldn't rate her highly enough. She was efficient, flexible and "
     "respectful. She's a lovely person."),
    ("iss", "parent", "Daniel",
     "I am so grateful you intervened and took control of the situation, given the circumstances it was "
     "at such short notice and maybe out of the blue. Your professionalism as left me speechless, and I "
     "hope others look up to you and take on board how you approached and dealt with my situation. "
     "Again, Thank you so much for the outcome that's in the best interest in keeping me involved in my "
     "son's life. I cannot thank you enough Daniel !!"),
    ("care", "young_person", "",
     "Thank you so much for today. I honestly appreciate it and I am so blessed that god blessed me with "
     "a social worker like you, I'm really at my lowest right now and really needed this. You are like an "
     "angel that god sent down to me. I thank you again for always being there when I need you. I will "
     "always appreciate and hope that you get and achieve everything that you want because you "
     "absolutely deserve it"),
]

# The action plan, as the report sets it out. Its owners are people at the
# council: demonstration data never names real staff, so invented names stand
# in (the job titles are the report's). The report numbers two actions "10";
# numbers are unique here, so the second is 11.
ACTIONS = [
    (1, "Review and update process for receiving, allocating and responding to complaints within "
        "Children's Services including clear roles and responsibilities. Development of a robust "
        "structure within the process, as to tasks that should be completed within the ten-day response "
        "timescale e.g., phone call to complainant.",
     "Fran Okoro/ Jo Pennant", date(2022, 5, 1),
     "Response timescales will be improved with a clear process in place, and regular senior management "
     "oversight.", "Revised process to be in place by 31/7/22", Action.Status.IN_PROGRESS),
    (2, "Quarterly meetings between SCCI team and children's senior management team to be diarised. The "
        "purpose of this will be to review any complaints and compliments from the preceding quarter, "
        "discuss themes/learning/ reflection of disproportionality and follow up on any current or "
        "overdue tasks",
     "Fran Okoro", date(2022, 4, 1),
     "Improved management oversight of complaints will improve timeliness and quality of responses", "",
     Action.Status.IN_PROGRESS),
    (3, "Bi-annual practice week to include a 'lessons learned from complaints' session for all social "
        "care staff and managers. Purpose being to come to gather to consider themes and learning from "
        "complaints and compliments received in the preceding six months as well as learning from what "
        "happened at each stage to prevent escalation.",
     "Lee Marsh / Cara Stone Practice Development Manager", date(2022, 4, 1),
     "Learning from complaints becomes a whole service task, with clear evidence for Ofsted as to how we "
     "feed learning from complaints back into the service", "To be in place for Practice Week Nov 2022",
     Action.Status.NOT_STARTED),
    (4, "All managers to ensure that compliments are captured and shared with SCCI team for collation and "
        "reporting; to take responsibility for ensuring that it a log of all compliments forwarded is kept "
        "up to date",
     "All Heads of Service, Group Managers and Team Managers", date(2022, 4, 1),
     "Compliments are recognised and celebrated with the workforce and any learning from good practice "
     "is utilised.", "On-going", Action.Status.IN_PROGRESS),
    (5, "Children's Services Case Recording Standards to be a regular discussion item at service and team "
        "meetings, and case recording to be a standard item within the PDR for all case holding "
        "practitioners and managers.",
     "All Heads of Service and Group Managers", date(2022, 4, 1),
     "Improved case recording should result in fewer complaints regarding improper or inaccurate "
     "recording of information.", "To be in all PDRs for 2022/23", Action.Status.IN_PROGRESS),
    (6, "Introduction of a more formal process for learning from complaints, local and national serious "
        "case reviews / rapid reviews to be shared consistently across the service and partners.",
     "Kim Dale / Practice Development Manager", date(2022, 4, 1),
     "Practice development and learning is disseminated across the service to ensure positive changes "
     "occur as a result of serious incidents.", "TBC", Action.Status.NOT_STARTED),
    (7, "Sufficient information about the purpose of interventions with families, along with detail about "
        "the process and next steps to be shared with all relevant parents and children. To be evidenced "
        "as part of case recording and reviewed in supervision and quality assurance activity. Training "
        "re purposeful, planned and focused interventions to be revisited with all staff teams and how "
        "that sits with customer service.",
     "Tess Bryant/ Hana Hardy/ Pia Schofield", date(2022, 4, 1),
     "Reduction in the number of complaints where families have not been provided sufficient information "
     "about Children's services interventions", "Training by September 2022", Action.Status.IN_PROGRESS),
    (8, "Process to be developed for families to be notified in writing of any significant changes to "
        "service delivery, and the reasons why e.g., new social worker or any significant decisions made "
        "(for example, family time arrangements, change of care plan or end of intervention)",
     "Tess Bryant / Hana Hardy", date(2022, 4, 1),
     "Improved communication regarding significant changes should result in fewer complaints regarding "
     "poor communication", "September 2022", Action.Status.NOT_STARTED),
    (9, "All managers to be responsible for Quality assuring documents and ensuring compliance with data "
        "protection regulation (GDPR) within key documents such as assessments and care plans before they "
        "are shared; to be checked through quality assurance processes",
     "All Heads of Service, Group Managers and Team Managers", date(2022, 4, 1),
     "All information shared is relevant, proportionate and compliant with our duties under data "
     "protection regulation, therefore reducing the likelihood of complaints in this area.", "On-going",
     Action.Status.IN_PROGRESS),
    (10, "All staff to have GDPR training",
     "All Heads of Service, Group Managers and Team Managers", date(2022, 9, 1),
     "To ensure improved understanding of the legislation and to work within guidelines/ our duties under "
     "the data protection regulation.", "", Action.Status.NOT_STARTED),
    (11, "Review of the CAD services caseloads to ensure capacity for EHCP and improve timescales.",
     "Cath Pryor", date(2022, 9, 1), "", "", Action.Status.NOT_STARTED),
]
ACTION_UPDATES = [(2, date(2022, 7, 11), "First meeting took place 11/7/22 and EMM by end July")]

# -- Invented people and words ------------------------------------------------------------

FIRST_NAMES = ["Aisha", "Bethany", "Carl", "Dionne", "Emre", "Fatima", "Gavin", "Hollie", "Imran", "Jade",
               "Kieran", "Leanne", "Mohammed", "Natalie", "Owen", "Paige", "Reece", "Shannon", "Tariq",
               "Vicky", "Wayne", "Yasmin", "Zoe", "Adele", "Bradley", "Chantelle", "Darren", "Esther"]
CHILD_NAMES = {"female": ["Amelia", "Ruby", "Lily", "Evie", "Maisie", "Poppy", "Freya", "Isla", "Ava",
                          "Layla", "Millie", "Sienna", "Hana", "Zara", "Esme", "Nia"],
               "male": ["Alfie", "Harry", "Leo", "Oscar", "Jack", "Noah", "Riley", "Tommy", "Archie",
                        "Kai", "Zain", "Ethan", "Jayden", "Reggie", "Theo", "Malik"]}
SURNAMES = ["Ashworth", "Barker", "Cole", "Dunn", "Ellison", "Fenwick", "Gordon", "Harker", "Ince", "Jarvis",
            "Keane", "Lowe", "Mahmood", "Nolan", "Oakes", "Pryce", "Quinlan", "Rahman", "Sutton", "Tate",
            "Umar", "Vance", "Walsh", "Yates", "Akhtar", "Boateng", "Carver", "Dobson", "Egan", "Forde"]

POINTS = {
    "attitude": ["The social worker was dismissive when I raised my concerns.",
                 "Staff spoke to me rudely on the telephone.",
                 "The worker was judgemental about our family at the meeting."],
    "communication": ["My calls and emails to the social worker were not returned.",
                      "Nobody told us the social worker had changed.",
                      "We were not told the outcome of the assessment."],
    "standard": ["The support agreed at the meeting did not happen.",
                 "Visits were cancelled at short notice and not rearranged.",
                 "The plan was not followed and nobody explained why."],
    "decision": ["I disagree with the decision to change the family time arrangements.",
                 "I dispute the decision to end the service."],
    "inaccurate": ["The assessment records events that did not happen.",
                   "The report gives the wrong school and the wrong dates of a move."],
    "financial": ["The allowance was stopped without notice.",
                  "Travel expenses that were agreed have not been paid."],
    "delay": ["We have waited months for the respite that was agreed.",
              "The assessment was not started when we were told it would be."],
    "data": ["A report about my family was sent to the wrong address.",
             "My details were shared with my ex-partner without my consent."],
    "other": ["The contact centre would not accept the documents I brought.",
              "I was asked to repeat my story to four different people."],
}

ENQUIRIES = [
    "Asked how to request a copy of the records held about them.",
    "Asked who their child's new social worker is.",
    "Asked for information about short breaks for disabled children.",
    "Asked how to become a foster carer.",
    "Wanted to know when a child protection conference would be held.",
    "Asked about support for special guardians.",
]

INVESTIGATORS = ["Morgan Ellis", "Jamie Archer", "Casey Lund"]



# -- Loading ------------------------------------------------------------------------------


def already_loaded() -> bool:
    """Whether cases were received in the reference years, or the Ombudsman's
    cases are there: then the dataset was loaded, or a council's own records
    are there."""
    references = [facts["reference"] for figures in YEARS for facts in figures.ombudsman]
    return (Case.objects.filter(received_on__range=(PREVIOUS.starts_on, REFERENCE.ends_on)).exists()
            or OmbudsmanCase.objects.filter(reference__in=references).exists())


def load_reference_years(*, by=None) -> int:
    """Create the records of 2020-21 and 2021-22 (and the Ombudsman's 2019-20)
    whose annual report reproduces the reference report's tables. Returns how
    many cases were created: 0 when it has already run (or those years hold
    cases). ``by`` is the officer the timeline names. The action plan is left
    alone when the council already has one (action numbers are unique)."""
    if already_loaded():
        return 0
    with transaction.atomic():
        loader = _Loader(by)
        made = sum(loader.year(figures) for figures in YEARS)
        loader.ombudsman(OMBUDSMAN_2019_20, {})
        if not Action.objects.exists():
            loader.action_plan()
        for year, children in CHILDREN_RECEIVING_SERVICES.items():
            ServicePopulation.objects.get_or_create(year=year, defaults={"children": children})
    return made


@dataclass
class _Planned:
    """One complaint as planned before it is recorded."""

    team: str
    theme: str
    outcome: str
    band: str = ""
    days: int = 0
    themes: list[str] = field(default_factory=list)
    received_on: date | None = None
    relationship: str = "parent"
    channel: str = "email"
    procedure: str = "statutory"
    extended: bool = False
    children: list[dict] = field(default_factory=list)
    case: Case | None = None
    responded_on: date | None = None
    stage_two: StageTwo | None = None
    ombudsman: bool = False  # the complaint an Ombudsman case is about

    def findings(self) -> list[str]:
        return [] if self.outcome == W else _findings(self.outcome, len(self.themes))


class _Loader:
    def __init__(self, by):
        self.by = by
        self.teams = {key: _team(name, area) for key, (name, area) in TEAMS.items()}
        self.themes = {t.code: t for t in Theme.objects.all()}
        self.channels = {c.code: c for c in Channel.objects.all()}
        self.ethnicities = {e.code: e for e in Ethnicity.objects.all()}
        self.religions = {r.code: r for r in Religion.objects.all()}
        self.disabilities = {d.code: d for d in Disability.objects.all()}
        self.calendars = {name: services.calendar(name) for name in ("statutory", "corporate")}
        self.people = [Appointee.objects.get_or_create(name=name, defaults={"organisation": "Independent"})[0]
                       for name in ("Pat Kowalski", "Robin Hughes", "Sam Okafor", "Alex Novak")]
        self.investigated: list[Case] = []
        self.adjusted: set[FinancialYear] = set()

    # -- one year -------------------------------------------------------------------------

    def year(self, figures: YearFigures) -> int:
        rng = random.Random(figures.seed)
        plans = self.plan(figures, rng)
        for plan in plans:
            self.record(plan, rng)
        self.monitoring(figures, plans, rng)
        for request in figures.stage_two:
            self.stage_two(figures, plans, request)
        self.ombudsman(figures.ombudsman, {"delayed": next((p.case for p in plans if p.ombudsman), None)})
        self.enquiries(figures, rng)
        self.members(figures, rng)
        self.compliments(figures, rng)
        return len(plans) + figures.enquiries

    def plan(self, figures: YearFigures, rng: random.Random) -> list[_Planned]:
        """Every complaint of the year with its team, themes, outcome, response
        time, complainant, channel and date, before anything is recorded."""
        plans = [_Planned(team=team, theme=theme, outcome="")
                 for team, themes in figures.teams.items() for theme, n in themes.items() for _ in range(n)]
        # Outcomes by theme; the reserved ones first.
        for theme, counts in figures.themes.items():
            outcomes = [o for o, n in zip(OUTCOMES, counts) for _ in range(n)]
            of_theme = [p for p in plans if p.theme == theme]
            assert len(outcomes) == len(of_theme), f"{figures.year} {theme}: {len(of_theme)} complaints"
            for (team, reserved_theme), reserved in figures.reserved.items():
                if reserved_theme == theme:
                    for plan, outcome in zip([p for p in of_theme if p.team == team], reserved):
                        plan.outcome = outcome
                        outcomes.remove(outcome)
            rng.shuffle(outcomes)
            for plan in (p for p in of_theme if not p.outcome):
                plan.outcome = outcomes.pop()
        # Response (or withdrawal) times by outcome.
        for outcome, counts in figures.bands.items():
            bands = [b for b, n in zip(BANDS, counts) for _ in range(n)]
            of_outcome = [p for p in plans if p.outcome == outcome]
            assert len(bands) == len(of_outcome), f"{figures.year} {outcome}: {len(of_outcome)} complaints"
            rng.shuffle(bands)
            for plan, band in zip(of_outcome, bands):
                plan.band = band
                low, high = {"within_10": (2 if outcome == W else 4, 10), "11_20": (11, 20),
                             "over_20": (21, 42)}[band]
                plan.days = rng.randint(low, high)
                plan.extended = band == "11_20" and outcome != W and rng.random() < 0.6 or (
                    band == "over_20" and rng.random() < 0.3)
        # Points: the first point's theme, then the further points on other complaints.
        for plan in plans:
            plan.themes = [plan.theme]
        others = [p for p in plans if p.outcome != W]
        rng.shuffle(others)
        for theme, n in figures.further_points.items():
            for _ in range(n):
                plan = next(p for p in others if theme not in p.themes and len(p.themes) < 3)
                plan.themes.append(theme)
                others.remove(plan)
                others.append(plan)
        for plan in plans:
            if (plan.team, plan.theme) in figures.corporate:
                plan.procedure = "corporate"
        # Young people complain about the teams that look after them; one used the app.
        looked_after = [p for p in plans if p.team in ("care", "leaving", "iss", "fostering")
                        and p.procedure == "statutory"]
        rng.shuffle(looked_after)
        looked_after.sort(key=lambda p: p.team not in ("care", "leaving"))
        relationships = [r for r, n in figures.complainants.items() for _ in range(n)]
        young = [r for r in relationships if r in ("young_person", "advocate")]
        for plan, relationship in zip(looked_after, sorted(young, key=lambda r: r != "young_person")):
            plan.relationship = relationship
        rest = [r for r in relationships if r not in ("young_person", "advocate")]
        rng.shuffle(rest)
        for plan, relationship in zip([p for p in plans if p.relationship == "parent"], rest):
            plan.relationship = relationship
        channels = [c for c, n in figures.channels.items() for _ in range(n)]
        if "childrens-app" in channels:
            channels.remove("childrens-app")
            next(p for p in plans if p.relationship == "young_person").channel = "childrens-app"
        rng.shuffle(channels)
        for plan, channel in zip([p for p in plans if p.channel != "childrens-app"], channels):
            plan.channel = channel
        # Received on working days through the year, in a random order.
        days = self._working_days(figures.year)
        dates = sorted(days[int((i + rng.random()) * len(days) / len(plans))] for i in range(len(plans)))
        rng.shuffle(plans)
        for plan, received in zip(plans, dates):
            plan.received_on = received
        plans.sort(key=lambda p: p.received_on)
        for facts in figures.ombudsman:
            if facts.get("link") == "delayed":
                # The Ombudsman's finding of injustice: a special guardian whose
                # Stage 1 response took more than 20 working days, months before.
                plan = next(p for p in plans if p.band == "over_20" and p.outcome != W
                            and p.relationship in ("parent", "family") and p.procedure == "statutory"
                            and p.received_on < facts["enquiry_on"] - timedelta(days=100))
                plan.relationship, plan.ombudsman = "special_guardian", True
        self.plan_children(figures, plans, rng)
        return plans

    def plan_children(self, figures: YearFigures, plans: list[_Planned], rng: random.Random) -> None:
        """Every child in the family of each complaint, with an age band and
        gender: a young person complaining is the child; an advocate speaks
        for one child."""
        pool = [(band, gender) for band, (female, male) in figures.ages.items()
                for gender, n in (("female", female), ("male", male)) for _ in range(n)]
        rng.shuffle(pool)

        def take(bands):
            child = next(c for c in pool if c[0] in bands)
            pool.remove(child)
            return child

        sizes = [n for n, count in zip((1, 2, 3), figures.family_sizes) for _ in range(count)]
        assert len(pool) == sum(sizes) + sum(p.relationship in ("young_person", "advocate") for p in plans), (
            f"{figures.year}: the ages are not one per child")
        rng.shuffle(sizes)
        for plan in plans:
            if plan.relationship == "young_person":
                plan.children = [take(("18+",) if plan.team == "leaving" and any(c[0] == "18+" for c in pool)
                                      else ("15-17", "18+"))]
            elif plan.relationship == "advocate":
                plan.children = [take(("10-14", "15-17"))]
        for plan in plans:
            if not plan.children:
                plan.children = [take(tuple(AGE_BANDS)) for _ in range(sizes.pop())]
        assert not pool and not sizes, f"{figures.year}: children left over"
        for plan in plans:
            plan.children = [{"band": band, "gender": gender} for band, gender in plan.children]

    # -- recording ----------------------------------------------------------------------

    def record(self, plan: _Planned, rng: random.Random) -> None:
        surname = rng.choice(SURNAMES)
        first = rng.choice(FIRST_NAMES)
        children = []
        for child in plan.children:
            low, high = AGE_BANDS[child["band"]]
            age = rng.randint(low, high)
            children.append({
                "name": f"{rng.choice(CHILD_NAMES[child['gender']])} {surname}",
                "date_of_birth": _born(plan.received_on, age, rng),
                "person_id": f"P{rng.randint(100000, 999999)}",
            })
        if plan.relationship == "young_person":
            name = children[0]["name"]
        elif plan.relationship == "advocate":
            name = f"{first} {rng.choice(SURNAMES)} (advocate)"
        else:
            name = f"{first} {surname}"
        texts = [rng.choice(POINTS[theme]) for theme in plan.themes]
        case = services.record_case(services.NewCase(
            kind=Case.Kind.COMPLAINT, procedure=plan.procedure,
            procedure_reason=(
                "About a child in need or looked after: a qualifying function." if plan.procedure == "statutory"
                else "About special educational needs support, outside Part 3 of the Children Act 1989."),
            received_on=plan.received_on, channel=self.channels[plan.channel],
            team=self.teams[plan.team], officer=self.by, summary=texts[0],
            desired_outcome="An apology and a clear plan for what happens next.",
            complainant={"name": name, "relationship": plan.relationship,
                         "email": f"{name.split()[0].lower()}.{name.split()[1].lower()}@example.com"},
            children=children,
            points=[{"summary": text, "theme": self.themes[theme]} for text, theme in zip(texts, plan.themes)],
        ), by=self.by)
        plan.case = case
        if plan.relationship in ("young_person", "advocate"):
            provided = plan.relationship == "advocate" or rng.random() < 0.6
            procedure.record_advocacy(
                case, offered_on=self.add(case, plan.received_on, 1), accepted=provided, provided=provided,
                provider="Children's advocacy service" if provided else "", by=self.by)
        self.stage_one(plan, rng)

    def stage_one(self, plan: _Planned, rng: random.Random) -> None:
        """Acknowledge, perhaps extend, then answer or withdraw on the day that
        puts the working days taken in the planned band."""
        case = plan.case
        cal = self.calendars[case.procedure]
        received = plan.received_on
        procedure.acknowledge(case, on=self.add(case, received, 1 if plan.days < 4 else rng.randint(1, 3)),
                              method=rng.choice(["email", "email", "letter", "phone"]), by=self.by)
        stage = case.stages.get(number=1)
        counted_from = date.fromisoformat(stage.due_explanation["counted_from"])
        ends_on = cal.add_working_days(counted_from, plan.days)
        if plan.extended:
            advocate = plan.relationship in ("young_person", "advocate")
            procedure.extend(
                case, new_due=cal.add_working_days(counted_from, max(15, min(plan.days, 20))),
                kind="advocate" if advocate else "complex",
                reason="To arrange an advocate." if advocate else "Several teams are involved.",
                told_on=cal.add_working_days(counted_from, 8), by=self.by)
        if plan.outcome == W:
            procedure.withdraw(case, on=ends_on, by=self.by, reason=rng.choice([
                "The family said the matter had been sorted out with the team.",
                "The complainant no longer wished to pursue it."]))
            return
        points = case.points.order_by("number").values_list("pk", flat=True)
        procedure.respond(case, on=ends_on, findings=dict(zip(points, plan.findings())), by=self.by)
        plan.responded_on = ends_on
        if plan.outcome in (U, P):
            procedure.add_remedy(case, kind="apology", detail="Apology from the team manager.", by=self.by)
            if rng.random() < 0.5:
                procedure.add_remedy(case, kind="explanation", by=self.by,
                                     detail="Further information about the plan and the reasons for it.")
        adjusted = FinancialYear.of(plan.received_on)
        if plan.team == "care" and plan.theme == "standard" and plan.outcome == U and adjusted not in self.adjusted:
            # Care Resources: "for one complainant a financial adjustment was made".
            procedure.add_remedy(case, kind="financial", amount=Decimal("180"), by=self.by,
                                 detail="Allowance arrears paid.")
            self.adjusted.add(adjusted)
        if plan.outcome == U and rng.random() < 0.4:
            self._learning(case, "Return calls and emails within two working days.", ends_on)

    def _learning(self, case: Case, text: str, on: date) -> None:
        # procedure.add_learning dates learning today; this learning was recorded then.
        Learning.objects.create(case=case, stage_number=case.current_stage, text=text, recorded_on=on)
        services.note(case, f"Stage {case.current_stage} learning recorded: {text}", by=self.by)

    def stage_two(self, figures: YearFigures, plans: list[_Planned], request: StageTwo) -> None:
        start, end = request.window
        plan = next((p for p in plans if p.stage_two is None and not p.ombudsman
                     and p.outcome in request.from_outcomes
                     and p.procedure == "statutory" and p.responded_on and start <= p.responded_on <= end
                     and self.add(p.case, p.responded_on, 5) <= figures.year.ends_on), None)
        if plan is None:
            raise AssertionError(f"{figures.year}: no Stage 1 response between {start} and {end}")
        plan.stage_two = request
        case = plan.case
        cal = self.calendars[case.procedure]
        requested = cal.add_working_days(plan.responded_on, 5)
        procedure.request_stage_two(case, on=requested, by=self.by)
        if request.what == "resolve":
            procedure.resolve(case, on=cal.add_working_days(requested, request.days), by=self.by,
                              how="Met the complainant with the service manager and agreed what happens next.")
            return
        procedure.appoint_investigation(
            case, investigating_officer=INVESTIGATORS[len(self.investigated) % 3], investigator_kind="external",
            independent_person=self.people[0], adjudicator="Head of Service, Children's Social Care", by=self.by)
        self.investigated.append(case)
        procedure.record_statement_agreed(case, on=cal.add_working_days(requested, 6), by=self.by)
        ends_on = request.ends_on or cal.add_working_days(requested, request.days)
        if request.cost:
            # Invoiced when the work ended; an investigation still open at the
            # year's end sent an interim invoice.
            incurred = cal.add_working_days(requested, 10) if request.ends_on else ends_on
            Cost.objects.create(
                category=Cost.Category.INVESTIGATORS, amount=request.cost, case=case,
                incurred_on=min(incurred, figures.year.ends_on), supplier_or_invoice=f"INV-{case.reference}",
                description=f"Independent investigation, {case.reference}")
        if request.what == "withdraw":
            procedure.withdraw(case, on=ends_on, by=self.by,
                               reason="The complainant withdrew the request after meeting the investigator.")
            return
        if cal.working_days_between(requested, ends_on) > 25:
            procedure.extend(case, new_due=cal.add_working_days(
                requested, min(65, max(30, cal.working_days_between(requested, ends_on)))),
                kind="complex", reason="The investigator needs more time to interview everyone involved.",
                told_on=cal.add_working_days(requested, 20), by=self.by)
        procedure.respond(case, on=ends_on, findings=_findings_by_point(case, request.finding), by=self.by)
        for kind, amount, detail in request.remedies:
            procedure.add_remedy(case, kind=kind, amount=amount, detail=detail, by=self.by)
        if request.finding == U:
            self._learning(case, "Share decisions with families in writing, with the reasons.", ends_on)
        if request.stage_three:
            self.stage_three(case, ends_on, request.stage_three)

    def stage_three(self, case: Case, adjudicated: date, finding: str) -> None:
        cal = self.calendars[case.procedure]
        requested = cal.add_working_days(adjudicated, 8)
        procedure.request_stage_three(case, on=requested, by=self.by)
        procedure.convene_panel(case, members=self.people[1:], chair=self.people[1], by=self.by)
        met = cal.add_working_days(requested, 26)
        procedure.record_panel_meeting(case, on=met, findings=_findings_by_point(case, finding), by=self.by)
        procedure.record_panel_report(case, on=cal.add_working_days(met, 4), by=self.by)
        procedure.respond_to_panel(case, on=cal.add_working_days(met, 17), by=self.by)

    def monitoring(self, figures: YearFigures, plans: list[_Planned], rng: random.Random) -> None:
        """Gender, ethnicity, religion and disability for every child. A family
        shares its ethnicity and religion where the year's counts allow;
        disabilities go first to the children of the disabilities team's
        complaints."""
        by_case = {}
        for child in Child.objects.filter(case__in=[p.case for p in plans]).order_by("id"):
            by_case.setdefault(child.case_id, []).append(child)
        families = [(plan, list(zip(by_case[plan.case.pk], plan.children))) for plan in plans]
        ethnicity = _shares(figures.ethnicity, [len(f) for _, f in families], rng)
        religion = _shares(figures.religion, [len(f) for _, f in families], rng)
        disabled = [code for code, n in figures.disability.items() if code not in ("NONE", "") for _ in range(n)]
        rest = [code for code, n in figures.disability.items() if code in ("NONE", "") for _ in range(n)]
        cad = [(i, j) for i, (plan, f) in enumerate(families) for j in range(len(f)) if plan.team == "cad"]
        others = [(i, j) for i, (plan, f) in enumerate(families) for j in range(len(f)) if plan.team != "cad"]
        rng.shuffle(disabled)
        rng.shuffle(cad)
        rng.shuffle(others)
        first = min(len(disabled), len(cad) * 2 // 3)
        rest += disabled[first:]
        rng.shuffle(rest)
        disability = dict(zip(cad + others, disabled[:first] + rest))
        rows, links = [], []
        for i, (plan, family) in enumerate(families):
            for j, (child, facts) in enumerate(family):
                rows.append(Monitoring(child=child, gender=facts["gender"],
                                       ethnicity=self.ethnicities[ethnicity[i][j]],
                                       religion=self.religions[religion[i][j]]))
                if disability[(i, j)]:
                    links.append((len(rows) - 1, self.disabilities[disability[(i, j)]]))
        Monitoring.objects.bulk_create(rows)
        saved = {m.child_id: m.pk for m in Monitoring.objects.filter(child__in=[r.child for r in rows])}
        Through = Monitoring.disabilities.through
        Through.objects.bulk_create(Through(monitoring_id=saved[rows[index].child.pk], disability=d)
                                    for index, d in links)

    def ombudsman(self, cases: list[dict], links: dict) -> None:
        """``links`` finds the complaint an Ombudsman case is about, by its "link"."""
        for facts in cases:
            facts = dict(facts)
            link = facts.pop("link", "")
            OmbudsmanCase.objects.create(case=links[link] if link else None, **facts)

    def enquiries(self, figures: YearFigures, rng: random.Random) -> None:
        days = self._working_days(figures.year)
        for i in range(figures.enquiries):
            received = days[int((i + rng.random()) * len(days) / figures.enquiries)]
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
            case = services.record_case(services.NewCase(
                kind=Case.Kind.ENQUIRY, received_on=received,
                channel=self.channels[rng.choice(["email"] * 5 + ["telephone"] * 3 + ["online"] * 2)],
                summary=rng.choice(ENQUIRIES), officer=self.by,
                complainant={"name": name, "relationship": "parent"},
            ), by=self.by)
            procedure.resolve(case, on=self.calendars["statutory"].add_working_days(received, rng.randint(1, 4)),
                              how="Gave the information asked for and the team's contact details.", by=self.by)

    def members(self, figures: YearFigures, rng: random.Random) -> None:
        """As records.services.record_members_enquiry records them (its due date
        and explanation), in one insert."""
        received, within = figures.members
        days = self._working_days(figures.year)
        cal = self.calendars["corporate"]
        teams = list(self.teams.values())
        on_time = [True] * within + [False] * (received - within)
        rng.shuffle(on_time)
        rows = []
        for i, answered_in_time in enumerate(on_time):
            day = days[int((i + rng.random()) * len(days) / received)]
            due = members_enquiry_due(day, calendar=cal)
            mp = rng.random() < 0.2
            surname = rng.choice(SURNAMES)
            rows.append(MembersEnquiry(
                member_name=f"{rng.choice(FIRST_NAMES)} {surname} MP" if mp else f"Cllr {surname}",
                member_kind="mp" if mp else "councillor", received_on=day, team=rng.choice(teams),
                subject=rng.choice(["A constituent's concerns about contact", "Support for a family",
                                    "Delay in an assessment", "Housing and a child in need plan"]),
                due_on=due.due, due_explanation=due.as_dict(),
                responded_on=cal.add_working_days(day, rng.randint(3, 10) if answered_in_time
                                                  else rng.randint(11, 25))))
        MembersEnquiry.objects.bulk_create(rows)

    def compliments(self, figures: YearFigures, rng: random.Random) -> None:
        teams = [t for t, n in figures.compliments_by_team.items() for _ in range(n)]
        givers = [g for g, n in figures.compliments_by_giver.items() for _ in range(n)]
        examples = EXAMPLES if figures.year == REFERENCE else []
        for team, giver, _, _ in examples:
            teams.remove(team)
            givers.remove(giver)
        rng.shuffle(teams)
        rng.shuffle(givers)
        days = self._working_days(figures.year)
        count = len(examples) + len(teams)
        dates = sorted(days[int((i + rng.random()) * len(days) / count)] for i in range(count))
        # The published examples, in the report's order, come first in the year.
        # The council published them: approved, in the words the report quotes.
        rows = [Compliment(received_on=day, team=self.teams[team], given_by=giver, words=words,
                           staff_named=named, consent_to_publish=True, approved_on=day)
                for (team, giver, named, words), day in zip(examples, dates)]
        for row in rows:
            row.published_text = row.published_words()
        for team, giver, day in zip(teams, givers, dates[len(examples):]):
            name = rng.choice(FIRST_NAMES)
            rows.append(Compliment(
                received_on=day, team=self.teams[team], given_by=giver, staff_named=name,
                words=rng.choice([f"Thank you to {name} for all the help this year.",
                                  f"{name} went above and beyond for our family.",
                                  f"A real difference: {name} listened and acted quickly."])))
        Compliment.objects.bulk_create(rows)

    def action_plan(self) -> None:
        actions = {}
        for number, task, owners, starts_on, outcome, target, status in ACTIONS:
            actions[number] = Action.objects.create(
                number=number, task=task, owners=owners, starts_on=starts_on, intended_outcome=outcome,
                target_text=target, status=status)
        for number, written_on, text in ACTION_UPDATES:
            ActionUpdate.objects.create(action=actions[number], written_on=written_on, text=text)

    # -- helpers ----------------------------------------------------------------------------

    def add(self, case: Case, day: date, days: int) -> date:
        return self.calendars[case.procedure].add_working_days(day, days)

    def _working_days(self, year: FinancialYear) -> list[date]:
        cal = self.calendars["statutory"]
        days, day = [], year.starts_on
        while day <= year.ends_on:
            if cal.is_working_day(day):
                days.append(day)
            day += timedelta(days=1)
        return days


def _findings(outcome: str, points: int) -> list[str]:
    """The findings on ``points`` points that give ``outcome``: all upheld,
    all not upheld, or (partially upheld) the first partially upheld and the
    rest not upheld."""
    return [P] + [N] * (points - 1) if outcome == P else [outcome] * points


def _findings_by_point(case: Case, outcome: str) -> dict[int, str]:
    points = case.points.order_by("number").values_list("pk", flat=True)
    return dict(zip(points, _findings(outcome, len(points))))


def _team(name: str, area: str) -> Team:
    team = Team.objects.filter(name=name).first()
    if team is None:
        team = Team.objects.create(name=name, service_area=ServiceArea.objects.get_or_create(name=area)[0])
    return team


def _born(received: date, age: int, rng: random.Random) -> date:
    """A date of birth that makes a child ``age`` on ``received``."""
    birthday = received.replace(year=received.year - age, day=min(received.day, 28))
    return birthday - timedelta(days=rng.randint(1, 360))


def _shares(counts: dict[str, int], sizes: list[int], rng: random.Random) -> list[list[str]]:
    """Deal the year's counts out to families of ``sizes``: a family takes one
    value for all its children while one has enough left, so the totals are
    exactly ``counts``."""
    left = dict(counts)
    assert sum(left.values()) == sum(sizes), f"{sum(left.values())} values for {sum(sizes)} children"
    out = []
    for size in sizes:
        fits = [code for code, n in left.items() if n >= size]
        if fits:
            code = rng.choices(fits, weights=[left[c] for c in fits])[0]
            left[code] -= size
            out.append([code] * size)
        else:
            family = []
            for _ in range(size):
                code = rng.choices([c for c in left if left[c]], weights=[left[c] for c in left if left[c]])[0]
                left[code] -= 1
                family.append(code)
            out.append(family)
    return out
