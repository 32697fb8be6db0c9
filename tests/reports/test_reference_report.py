"""The demonstration's 2020-21 and 2021-22 give back the reference report
(DOMAIN.md): every table whose figures its text gives, whole, with its
contradictions put right; the tables it drew as charts without numbers agree
with what its text says about them."""

from types import SimpleNamespace

import pytest
from django.db import transaction

from complaints.accounts.models import User
from complaints.casework.models import Case, Child, Monitoring, Point, Remedy, Stage, TimelineEntry
from complaints.records.models import (
    Action,
    ActionUpdate,
    Compliment,
    Cost,
    MembersEnquiry,
    OmbudsmanCase,
)
from complaints.reports.annual import build, change_words
from complaints.reports.models import ServicePopulation
from complaints.demo.reference_dataset import load_reference_years
from complaints.years import FinancialYear

# The tests read plain data, but the module's fixture needs the test database set up.
pytestmark = pytest.mark.django_db

YEAR = FinancialYear(2021)

MODELS = [Case, Stage, Point, Child, Monitoring, Remedy, TimelineEntry, Cost, OmbudsmanCase, MembersEnquiry,
          Compliment, Action, ActionUpdate, ServicePopulation]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def _stage_two_facts():
    """What became of each Stage 2 investigation requested in 2021-22 (section 1.3)."""
    facts = []
    for stage in (Stage.objects.filter(number=2, started_on__range=(YEAR.starts_on, YEAR.ends_on),
                                       resolved_without_investigation=False).select_related("case")):
        remedies = sorted(stage.case.remedies.filter(stage_number=2).values_list("kind", flat=True))
        ended = stage.responded_on or stage.closed_on
        facts.append((stage.outcome, str(FinancialYear.of(ended)), remedies))
    return sorted(facts)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """The dataset loaded once and both editions built; then rolled back, so
    the tests read plain data and other tests see an empty database."""
    with django_db_blocker.unblock(), transaction.atomic():
        officer = User.objects.create_user(username="reference-officer", password="x", role="officer")
        made = load_reference_years(by=officer)
        counts = _counts()
        made_again = load_reference_years(by=officer)
        complaints = Case.objects.filter(kind="complaint", received_on__range=(YEAR.starts_on, YEAR.ends_on))
        attitude = Point.objects.filter(case__in=complaints, theme__code="attitude")
        delayed = OmbudsmanCase.objects.get(decision="maladmin_inj", enquiry_on__gte=YEAR.starts_on).case
        facts = SimpleNamespace(
            made=made,
            made_again=made_again,
            counts=counts,
            counts_again=_counts(),
            internal=build("2021-22"),
            published=build("2021-22", edition="published"),
            attitude_upheld=attitude.filter(stage1_finding="upheld").count(),
            stage_two=_stage_two_facts(),
            children=Child.objects.filter(case__kind="complaint").count(),
            children_monitored=Monitoring.objects.filter(child__case__kind="complaint").exclude(gender="")
            .exclude(ethnicity=None).exclude(religion=None).count(),
            children_aged=Child.objects.filter(case__kind="complaint").exclude(age_at_receipt=None)
            .exclude(date_of_birth=None).count(),
            delayed=(delayed.complainant.relationship, delayed.stages.get(number=1).working_days_taken),
            care_resources_standard=sorted(Stage.objects.filter(
                number=1, case__in=complaints.filter(team__name="Care Resources", points__theme__code="standard"))
                .values_list("outcome", flat=True)),
            care_resources_adjustments=Remedy.objects.filter(
                case__in=complaints, case__team__name="Care Resources", kind="financial").count(),
        )
        transaction.set_rollback(True)
    return facts


@pytest.fixture
def report(built):
    return built.internal


def _whole(table):
    """A table as (columns, {row label: values}, total values)."""
    return (table.columns, {row.label: row.values for row in table.rows},
            table.total.values if table.total else None)


def test_the_dataset_is_the_years_complaints_and_enquiries(built):
    assert built.made == 79 + 74 + 87 + 76


def test_the_report_has_no_inconsistency(built):
    assert built.internal.warnings == []
    assert built.published.warnings == []


def test_ombudsman_decisions_over_three_years_are_the_reports(report):
    # The product's labels say "and" and "enquiry" where the report wrote "&" and "enquiries".
    assert _whole(report.table("ombudsman")) == (["2021-22", "2020-21", "2019-20"], {
        "Maladministration (no injustice)": [1, 0, 0],
        "Maladministration and injustice": [1, 2, 2],
        "No maladministration after investigation": [0, 1, 2],
        "Ombudsman discretion": [0, 0, 0],
        "Investigation with local settlement": [0, 0, 0],
        "Outside jurisdiction": [1, 0, 0],
        "Investigation discontinued": [1, 0, 0],
        "Premature or informal enquiry": [0, 2, 1],
        "Closed after initial enquiries – no further action": [0, 1, 1],
    }, [4, 6, 6])
    assert [row.label for row in report.table("ombudsman").rows][-1] == (
        "Closed after initial enquiries – no further action")


def test_the_ombudsmans_injustice_finding_brought_an_apology_300_pounds_and_a_service_improvement(
        report, built):
    assert _whole(report.table("ombudsman_remedies")) == (["2021-22", "2020-21"], {
        "Apology": [1, 2], "Payment": [1, 0], "Corrective action": [0, 1], "Service improvement": [1, 0],
    }, None)
    payments = report.table("ombudsman_payments")
    assert payments.row("Payments to complainants").values == [300, 0]
    # About a special guardian's complaint whose Stage 1 response was late.
    relationship, days = built.delayed
    assert relationship == "special_guardian" and days > 20


def test_totals_are_the_reports(report):
    assert _whole(report.table("totals")) == (["2021-22", "2020-21"], {
        "Enquiries": [74, 76],
        "Stage 1": [79, 87],
        "Stage 1 escalated to Stage 2": [7, 6],
        "Stage 3 review panel": [0, 1],
    }, None)
    assert [row.label for row in report.table("totals").rows] == [
        "Enquiries", "Stage 1", "Stage 1 escalated to Stage 2", "Stage 3 review panel"]


def test_2_09_per_cent_of_the_children_receiving_services_complained(report):
    assert report.figures["children_receiving_services"] == 3780
    assert report.figures["percent_of_children_complaining"] == 2.09
    assert "2.09% of the 3,780 children receiving services made a formal complaint." in [
        s.text for s in report.section_sentences("totals")]


def test_six_further_stage_two_requests_were_resolved_without_an_investigation(report):
    assert _whole(report.table("stage2")) == (["2021-22", "2020-21"], {
        "Stage 2 investigations": [7, 6],
        "Stage 2 requests resolved without an investigation": [6, 2],
    }, None)
    assert "A further 6 requests for Stage 2 were resolved through meetings without an investigation." in [
        s.text for s in report.section_sentences("stages")]


def test_of_the_seven_stage_twos_two_were_withdrawn_one_partially_upheld_one_upheld_three_ran_on(built):
    assert built.stage_two == sorted([
        ("withdrawn", "2021-22", []),
        ("withdrawn", "2021-22", []),
        ("partial", "2021-22", ["apology"]),
        ("upheld", "2021-22", ["apology", "financial", "training"]),
        # Still open when the report was written: answered in 2022-23.
        ("not_upheld", "2022-23", []),
        ("partial", "2022-23", []),
        ("not_upheld", "2022-23", []),
    ])


def test_teams_follow_the_reports_text(report):
    columns, rows, total = _whole(report.table("teams"))
    assert columns == ["2021-22", "2020-21"]
    assert rows == {
        "Intervention and Support Service": [33, 26],
        "Triage, MASH and Assessment": [18, 23],
        "Care Resources": [10, 7],
        "Children and Adults with Disabilities": [7, 10],
        "Fostering": [5, 9],
        "Leaving Care": [4, 7],
        "Adopt London": [2, 3],
        "Business Management": [0, 2],
    }
    assert total == [79, 87]
    # "a decrease of 22%" for Triage/MASH and Assessment.
    assert change_words(18, 23) == "fell by 21.7% from 23"


def test_care_resources_five_complaints_about_the_standard_of_service_four_upheld(built):
    assert built.care_resources_standard == ["not_upheld", "upheld", "upheld", "upheld", "upheld"]
    assert built.care_resources_adjustments == 1


def test_themes_follow_the_reports_text(report, built):
    assert _whole(report.table("themes")) == (
        ["2021-22", "2020-21", "2021-22 upheld or partially upheld"], {
            "Standard of service not met": [23, 30, 13],
            "Attitude or behaviour of staff": [19, 15, 5],
            "Lack of communication": [16, 21, 8],
            "Financial issues": [6, 4, 3],
            "Delay in providing a service": [5, 6, 3],
            "Disputing a decision": [4, 19, 0],
            "Inaccurate information given or recorded": [4, 16, 3],
            "Data protection or confidentiality": [2, 4, 1],
            "Other": [2, 3, 0],
        }, [81, 118, 36])
    # Attitude: up 27%, fewer than a third upheld or partially upheld, only two upheld.
    assert change_words(19, 15) == "rose by 26.7% from 15"
    assert 5 * 3 < 19 and built.attitude_upheld == 2


def test_outcomes_are_the_tables_not_the_texts(report):
    assert _whole(report.table("outcomes")) == (["2021-22", "2021-22 %", "2020-21", "2020-21 %"], {
        "Upheld": [17, 21.5, 6, 6.9],
        "Partially upheld": [18, 22.8, 28, 32.2],
        "Not upheld": [25, 31.6, 40, 46.0],
        "Withdrawn": [19, 24.1, 13, 14.9],
    }, [79, 100.0, 87, 100.0])
    outcomes = [s.text for s in report.section_sentences("outcomes")]
    # Issue #16: this sentence had no verb ("17 upheld (21.5%), ..."); the figures are the same.
    assert outcomes[0] == ("Of the 79 Stage 1 complaints received in 2021-22, 17 were upheld (21.5%), "
                           "18 were partially upheld (22.8%), 25 were not upheld (31.6%) and 19 were "
                           "withdrawn (24.1%).")
    assert outcomes[2] == ("Complaints partially upheld: 18 in 2021-22, 28 in 2020-21 "
                           "(the number fell by 35.7% from 28).")
    assert outcomes[3] == "Complaints not upheld: 25 in 2021-22, 40 in 2020-21 (the number fell by 37.5% from 40)."
    assert report.section_sentences("summary")[1].text == outcomes[0]


def test_response_times_are_the_reports_counts_with_percentages_from_them(report):
    assert _whole(report.table("response_times")) == (["2021-22", "2021-22 %", "2020-21", "2020-21 %"], {
        "Within 10 working days": [24, 30.4, 27, 31.0],
        "11 to 20 working days": [28, 35.4, 31, 35.6],
        "Over 20 working days": [27, 34.2, 29, 33.3],
    }, [79, 100.0, 87, 100.0])
    assert [s.text for s in report.section_sentences("response_times")] == [
        "24 Stage 1 complaints (30.4%) were answered within 10 working days in 2021-22, compared with 27 (31%) "
        "in 2020-21.",
        "27 (34.2%) took more than 20 working days."]


def test_expenditure_is_independent_investigators_alone(report):
    assert _whole(report.table("expenditure")) == (["2021-22", "2020-21"], {
        "Publicity and leaflets": [0, 0],
        "Independent investigators": [14413, 6087],
        "Independent persons": [0, 0],
        "Review panel": [0, 0],
        "Payments to complainants": [0, 0],
    }, [14413, 6087])
    assert "Spending on complaints was £14,413 in 2021-22 and £6,087 in 2020-21." in [
        s.text for s in report.section_sentences("expenditure")]


def test_channels_are_the_reports(report):
    # The reference report's "MOMO App" is the children's app channel.
    assert _whole(report.table("channels")) == (["2021-22", "2020-21"], {
        "Letter": [0, 1], "Email": [37, 57], "Telephone": [17, 11], "Children's app": [1, 0], "Online": [24, 18],
    }, [79, 87])


def test_who_complained_is_the_reports(report):
    assert _whole(report.table("complainants")) == (["2021-22", "2020-21"], {
        "Parent or family member": [67, 76], "Young person": [7, 6], "Advocate": [5, 5],
    }, [79, 87])


def test_members_correspondence_within_target_is_71_point_4_not_71_point_5(report):
    assert _whole(report.table("members")) == (["2021-22", "2020-21"], {
        "Members' correspondence received": [56, 69],
        "Answered within target": [40, 55],
        "% answered within target": [71.4, 79.7],
    }, None)


def test_compliments_by_team_and_by_who_gave_them(report):
    columns, rows, total = _whole(report.table("compliments"))
    assert total == [16, 22]
    assert report.table("compliments").rows[0].label == "Intervention and Support Service"
    assert rows == {
        "Intervention and Support Service": [5, 6], "Children and Adults with Disabilities": [3, 2],
        "Adopt London": [2, 2], "Care Resources": [2, 3], "Fostering": [2, 4], "Business Management": [1, 0],
        "Triage, MASH and Assessment": [1, 4], "Leaving Care": [0, 1]}
    givers = report.table("compliment_givers")
    # 50% from professionals, internal or external.
    assert givers.value("Professional (internal)", "2021-22") + givers.value(
        "Professional (external)", "2021-22") == 8


REFERENCE_EXAMPLES = [
    ("Adopt London", "Parent or family member",
     "I have no words to describe my gratitude to X, she has been 'a rock' to me fighting our corner and "
     "getting us desperately need support. She continues to support us and with her help I am starting to "
     "believe in myself again. As a parent I believed I had failed, she has allowed me to see that I had not "
     "had the support or resources I needed to succeed, and she has given us as a family the confidence is "
     "putting into practice what are learning in order to support our amazing daughter."),
    # The reference printed "Teju" once: a staff name, which the product replaces.
    ("Children and Adults with Disabilities", "Parent or family member",
     "I am writing to express my gratitude for the way in which my application for Respite was dealt with by "
     "X. I am truly thankful for being appointed X to deal with my application as X was very patient, "
     "professional, dependable and displayed empathy the right amount of empathy. She was able to communicate "
     "effectively including actively listening, providing a good explanation of the process and a "
     "non-judgmental attitude. X came across as honest, transparent and caring which I greatly appreciate X "
     "also had the ability to identify and understand my needs effectively.\n\nI am overall pleased with the "
     "service I have received, and I therefore wanted to express my gratitude"),
    ("Business Management", "Parent or family member",
     "Thank you, X, for helping me I just got an email from Mr Councillor X addressing how it was processed "
     "on certain dates I emailed him back for his support but I told Mr Councillor X it was already sorted "
     "out by X. I never have complained about this or about you which is why I needed to email you all you "
     "done was support me explaining the situation I waited patiently."),
    ("Fostering", "Carer",
     "The process was really smooth.\n\nX was fantastic. We couldn't rate her highly enough. She was "
     "efficient, flexible and respectful. She's a lovely person."),
    ("Intervention and Support Service", "Parent or family member",
     "I am so grateful you intervened and took control of the situation, given the circumstances it was at "
     "such short notice and maybe out of the blue. Your professionalism as left me speechless, and I hope "
     "others look up to you and take on board how you approached and dealt with my situation. Again, Thank "
     "you so much for the outcome that's in the best interest in keeping me involved in my son's life. I "
     "cannot thank you enough X !!"),
    ("Care Resources", "Young person",
     "Thank you so much for today. I honestly appreciate it and I am so blessed that god blessed me with a "
     "social worker like you, I'm really at my lowest right now and really needed this. You are like an angel "
     "that god sent down to me. I thank you again for always being there when I need you. I will always "
     "appreciate and hope that you get and achieve everything that you want because you absolutely deserve "
     "it"),
]


def test_the_six_published_examples_are_the_reports_with_every_name_an_x(report):
    assert [(e.team, e.given_by, e.words) for e in report.examples] == REFERENCE_EXAMPLES
    words = " ".join(e.words for e in report.examples)
    for name in ("Teju", "Charlotte", "Dawn", "Whitworth", "Rachel", "Daniel"):
        assert name not in words


def test_the_published_edition_has_the_same_examples(built):
    assert built.published.examples == built.internal.examples


ACTIONS = {
    "1": ["Review and update process for receiving, allocating and responding to complaints within Children's "
          "Services including clear roles and responsibilities. Development of a robust structure within the "
          "process, as to tasks that should be completed within the ten-day response timescale e.g., phone "
          "call to complainant.",
          "Fran Okoro/ Jo Pennant", "May 2022",
          "Response timescales will be improved with a clear process in place, and regular senior management "
          "oversight.", "Revised process to be in place by 31/7/22", "In progress", ""],
    "2": ["Quarterly meetings between SCCI team and children's senior management team to be diarised. The "
          "purpose of this will be to review any complaints and compliments from the preceding quarter, "
          "discuss themes/learning/ reflection of disproportionality and follow up on any current or overdue "
          "tasks",
          "Fran Okoro", "April 2022",
          "Improved management oversight of complaints will improve timeliness and quality of responses", "",
          "In progress", "11 July 2022: First meeting took place 11/7/22 and EMM by end July"],
    "3": ["Bi-annual practice week to include a 'lessons learned from complaints' session for all social care "
          "staff and managers. Purpose being to come to gather to consider themes and learning from "
          "complaints and compliments received in the preceding six months as well as learning from what "
          "happened at each stage to prevent escalation.",
          "Lee Marsh / Cara Stone Practice Development Manager", "April 2022",
          "Learning from complaints becomes a whole service task, with clear evidence for Ofsted as to how we "
          "feed learning from complaints back into the service", "To be in place for Practice Week Nov 2022",
          "Not started", ""],
    "4": ["All managers to ensure that compliments are captured and shared with SCCI team for collation and "
          "reporting; to take responsibility for ensuring that it a log of all compliments forwarded is kept "
          "up to date",
          "All Heads of Service, Group Managers and Team Managers", "April 2022",
          "Compliments are recognised and celebrated with the workforce and any learning from good practice "
          "is utilised.", "On-going", "In progress", ""],
    "5": ["Children's Services Case Recording Standards to be a regular discussion item at service and team "
          "meetings, and case recording to be a standard item within the PDR for all case holding "
          "practitioners and managers.",
          "All Heads of Service and Group Managers", "April 2022",
          "Improved case recording should result in fewer complaints regarding improper or inaccurate "
          "recording of information.", "To be in all PDRs for 2022/23", "In progress", ""],
    "6": ["Introduction of a more formal process for learning from complaints, local and national serious "
          "case reviews / rapid reviews to be shared consistently across the service and partners.",
          "Kim Dale / Practice Development Manager", "April 2022",
          "Practice development and learning is disseminated across the service to ensure positive changes "
          "occur as a result of serious incidents.", "TBC", "Not started", ""],
    "7": ["Sufficient information about the purpose of interventions with families, along with detail about "
          "the process and next steps to be shared with all relevant parents and children. To be evidenced as "
          "part of case recording and reviewed in supervision and quality assurance activity. Training re "
          "purposeful, planned and focused interventions to be revisited with all staff teams and how that "
          "sits with customer service.",
          "Tess Bryant/ Hana Hardy/ Pia Schofield", "April 2022",
          "Reduction in the number of complaints where families have not been provided sufficient information "
          "about Children's services interventions", "Training by September 2022", "In progress", ""],
    "8": ["Process to be developed for families to be notified in writing of any significant changes to "
          "service delivery, and the reasons why e.g., new social worker or any significant decisions made "
          "(for example, family time arrangements, change of care plan or end of intervention)",
          "Tess Bryant / Hana Hardy", "April 2022",
          "Improved communication regarding significant changes should result in fewer complaints regarding "
          "poor communication", "September 2022", "Not started", ""],
    "9": ["All managers to be responsible for Quality assuring documents and ensuring compliance with data "
          "protection regulation (GDPR) within key documents such as assessments and care plans before they "
          "are shared; to be checked through quality assurance processes",
          "All Heads of Service, Group Managers and Team Managers", "April 2022",
          "All information shared is relevant, proportionate and compliant with our duties under data "
          "protection regulation, therefore reducing the likelihood of complaints in this area.", "On-going",
          "In progress", ""],
    "10": ["All staff to have GDPR training", "All Heads of Service, Group Managers and Team Managers",
           "September 2022",
           "To ensure improved understanding of the legislation and to work within guidelines/ our duties "
           "under the data protection regulation.", "", "Not started", ""],
    # The reference report numbered this one "10" too.
    "11": ["Review of the CAD services caseloads to ensure capacity for EHCP and improve timescales.",
           "Cath Pryor", "September 2022", "", "", "Not started", ""],
}


def test_the_action_plan_is_the_reports_with_the_second_10_numbered_11(report):
    # Owners: invented names in place of the council's staff (job titles and groups as in the report).
    assert _whole(report.table("actions")) == (
        ["Task", "Owner", "Start", "Intended outcome", "Target", "Status", "Latest update"], ACTIONS, None)
    assert [row.label for row in report.table("actions").rows] == [str(n) for n in range(1, 12)]


def test_every_child_has_an_age_and_monitoring(built):
    assert built.children == 124 + 134
    assert built.children_monitored == built.children
    assert built.children_aged == built.children


def _by_band(report, year):
    table = report.table("age_gender")
    female, male = table.columns.index(f"{year} Female"), table.columns.index(f"{year} Male")
    return {row.label: (row.values[female], row.values[male]) for row in table.rows}


def test_ages_and_genders_follow_the_reports_text(report):
    this, last = _by_band(report, "2021-22"), _by_band(report, "2020-21")
    assert list(this) == ["0-5", "6-9", "10-14", "15-17", "18+"]
    # Fewer aged 0-5 and 10-14, more aged 6-9, 15-17 and 18+.
    assert [sum(this[band]) < sum(last[band]) for band in this] == [True, False, True, False, False]
    # More boys aged 0-5 and 15-17, more girls in the other bands.
    assert [this[band][1] > this[band][0] for band in this] == [True, False, False, True, False]
    assert report.table("age_gender").total.values[:3] == [64, 60, 0]


def test_disability_ethnicity_and_religion_follow_the_reports_text(report):
    disability = report.table("disability")
    disabled = {row.label: row.values for row in disability.rows
                if row.label not in ("No disability", "Not recorded")}
    for column in (0, 1):
        assert disabled["Autism or Asperger syndrome"][column] * 2 > sum(v[column] for v in disabled.values())
    ethnicity = report.table("ethnicity")
    assert ethnicity.rows[0].label == "White British"
    for label in ("White and Black Caribbean", "Pakistani"):
        this, last = ethnicity.row(label).values
        assert this > last
    religion = report.table("religion")
    assert religion.row("No religion").values == [52, 40]
    assert religion.row("Not stated").values == [17, 15]
    other = [sum(religion.row(label).values[c] for label in ("Hindu", "Sikh", "Other religion")) for c in (0, 1)]
    assert other == [8, 5]
    for table in (disability, ethnicity, religion):
        assert table.total.values == [124, 134]


def test_the_sentences_quote_the_tables(report):
    texts = {s.section: [] for s in report.sentences}
    for sentence in report.sentences:
        texts[sentence.section].append(sentence.text)
    assert texts["totals"][0] == "79 complaints went through Stage 1 in 2021-22; the number fell by 9.2% from 87 in 2020-21."
    assert texts["ombudsman"] == ["The Ombudsman made 4 enquiries in 2021-22, compared with 6 in 2020-21."]
    assert texts["members"] == ["Members' correspondence fell by 18.8% from 69: 56 in 2021-22; "
                                "71.4% were answered within target."]
    assert texts["compliments"] == ["16 compliments were recorded in 2021-22, compared with 22 in 2020-21."]
    # Issue #16: this sentence had no verb ("67 by parents ..."); the figures are the same.
    assert texts["monitoring"] == ["Of the 79 Stage 1 complaints, 67 were made by parents or family members, "
                                   "7 by young people and 5 by advocates."]
    assert "The team with the most complaints in 2021-22 was Intervention and Support Service (33; 26 in 2020-21)." \
        in texts["teams"]


def test_loading_twice_changes_nothing(built):
    assert built.made_again == 0
    assert built.counts_again == built.counts
