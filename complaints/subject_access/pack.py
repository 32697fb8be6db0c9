"""The disclosure pack.

``build_document`` says what goes in the pack, as plain data (headings,
paragraphs, label-value rows and tables of marked text); ``documents`` gathers
the files that go beside it in the ZIP (the letters made on the cases the
person is a party to, and the files sent with them); ``build_pack`` renders
both (render.py) and keeps the ZIP as a Disclosure.

For a case the person is a party to (its complainant, or a child it is about)
the pack holds the whole case record; for a case that only names them, just the
passages that do, with the case's reference and date of receipt. Every other
person's name and contact details are marked for redaction review
(redaction.py).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch

from complaints.accounts.models import User
from complaints.casework.models import Appointee, Child, PanelMember, Stage
from complaints.casework.services import format_day, today
from complaints.letters.models import GeneratedLetter
from complaints.records.models import Compliment, MembersEnquiry, OmbudsmanCase
from complaints.subject_access.document import (
    Block,
    Fields,
    Heading,
    PackDocument,
    PackFile,
    Paragraph,
    Table,
)
from complaints.subject_access.models import Disclosure, SubjectAccessRequest
from complaints.subject_access.redaction import MARK, Redactor, Segment, Text, people_named_in, plain
from complaints.subject_access.render import render_docx, render_zip
from complaints.subject_access.search import CaseFinding, Findings, normalise
from complaints.subject_access.services import RequestError, approval_problem


def _day(day: date | None) -> str:
    return format_day(day) if day else ""


def _p(text: str) -> Paragraph:
    return Paragraph(plain(text))


def _bullet(text: str) -> Paragraph:
    return Paragraph(plain(text), bullet=True)


def _rows(*rows: tuple[str, Text]) -> Fields:
    """Label-value rows, leaving out those with no value."""
    return Fields([(label, value) for label, value in rows if value])


# -- The files beside the pack --------------------------------------------------------


def _safe(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "._- " else "_" for c in name).strip(" .")
    return cleaned or "file"


def documents(findings: Findings) -> tuple[list[PackFile], list[str]]:
    """The letters made on, and the files sent with, each case the person is a
    party to: (files for the ZIP, files listed but unreadable). Two queries."""
    cases = [f.case for f in findings.party_cases]
    files, missing, taken = [], [], set()

    def add(path, content, what):
        stem, dot, suffix = path.rpartition(".")
        n = 1
        while path in taken:
            n += 1
            path = f"{stem}-{n}.{suffix}" if dot else f"{suffix}-{n}"
        taken.add(path)
        files.append(PackFile(path, bytes(content), what))

    letters = GeneratedLetter.objects.filter(case__in=cases).select_related("case").order_by(
        "case__received_on", "case_id", "created_at", "id")
    for letter in letters:
        add(f"letters/{letter.case.reference}/{_safe(letter.filename)}", letter.content,
            f"{letter.case.reference}: {letter.get_kind_display()} letter, "
            f"made {_day(letter.created_at.date())}")

    try:  # The public forms' attachments, where that app is installed.
        attachment_model = apps.get_model("intake", "Attachment")
    except LookupError:
        attachment_model = None
    if attachment_model is not None:
        for attachment in attachment_model.objects.filter(case__in=cases).select_related("case").order_by(
                "case__received_on", "case_id", "id"):
            reference = attachment.case.reference
            try:
                content = attachment.file_path.read_bytes()
            except OSError:
                missing.append(f"{reference}: {attachment.name} (sent with the complaint; the "
                               "stored file could not be read, so it is not in the ZIP)")
                continue
            add(f"attachments/{reference}/{_safe(attachment.name)}", content,
                f"{reference}: {attachment.name}, sent with the complaint")
    return files, missing


# -- The document ---------------------------------------------------------------------


@dataclass
class _CaseFacts:
    """What the pack shows of the cases beyond the finding's prefetches."""

    stages: dict[int, list[Stage]]
    children: dict[int, list[Child]]
    ombudsman: dict[int, list[OmbudsmanCase]]


def _facts(findings: Findings) -> _CaseFacts:
    """Stages (with independent people and panels), children (with monitoring)
    and Ombudsman cases of the cases found. Five queries."""
    ids = [f.case.pk for f in findings.cases]
    stages, children, ombudsman = defaultdict(list), defaultdict(list), defaultdict(list)
    for stage in Stage.objects.filter(case_id__in=ids).select_related("independent_person").prefetch_related(
            Prefetch("panel", PanelMember.objects.select_related("appointee"))).order_by("case", "number"):
        stages[stage.case_id].append(stage)
    for child in Child.objects.filter(case_id__in=ids).select_related(
            "monitoring__ethnicity", "monitoring__religion").order_by("case", "id"):
        children[child.case_id].append(child)
    for complaint in OmbudsmanCase.objects.filter(case_id__in=ids).order_by("enquiry_on", "id"):
        ombudsman[complaint.case_id].append(complaint)
    return _CaseFacts(stages, children, ombudsman)


def _texts(findings: Findings) -> list[str]:
    """Every free text the pack may show."""
    texts = []
    for finding in findings.cases:
        case = finding.case
        texts += [case.summary, case.desired_outcome, case.resolution, case.withdrawal_reason]
        texts += [p.summary for p in case.points.all()]
        texts += [r.detail for r in case.remedies.all()] + [item.text for item in case.learning.all()]
        texts += [e.text for e in case.timeline.all()]
    texts += [f.record.words for f in findings.compliments]
    texts += [f.record.subject for f in findings.enquiries]
    return texts


def _first_names(findings: Findings, facts: _CaseFacts) -> set[str]:
    """The first names of the complainants and children on the cases found:
    records about children often use first names alone ("Robin was left out")."""
    names = set()
    for finding in findings.cases:
        case = finding.case
        people = [child.name for child in facts.children[case.pk]]
        if hasattr(case, "complainant"):
            people.append(case.complainant.name)
        names.update(name.split()[0] for name in people if len(name.split()) > 1)
    return {name for name in names if len(name) > 1}


def _other_names(findings: Findings, facts: _CaseFacts) -> set[str]:
    """Every name the database knows that the pack's text may contain: the
    people on the records found, every member of staff, every independent person
    and panel member, and any complainant or child named in the text."""
    names = {user.get_full_name() for user in User.objects.all()} | set(
        Appointee.objects.values_list("name", flat=True))
    for finding in findings.cases:
        case = finding.case
        if hasattr(case, "complainant"):
            names.add(case.complainant.name)
        names.update(child.name for child in facts.children[case.pk])
        for stage in facts.stages[case.pk]:
            names.update((stage.investigating_officer, stage.adjudicator))
    for finding in findings.compliments:
        names.update(finding.record.staff_names())
    names.update(f.record.member_name for f in findings.enquiries)
    names |= people_named_in(_texts(findings))
    return {n for n in names if n and n.strip()}


class _Writer:
    def __init__(self, sar: SubjectAccessRequest, findings: Findings, facts: _CaseFacts):
        self.sar, self.findings, self.facts = sar, findings, facts
        self.subject = normalise(findings.name)
        self.redact = Redactor(findings.name, _other_names(findings, facts), _first_names(findings, facts))
        self.blocks: list[Block] = []

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def is_subject(self, name: str) -> bool:
        return normalise(name) == self.subject

    def staff(self, name, where: str) -> Text:
        """A member of staff or an appointee: marked unless they are the person."""
        name = str(name) if name else ""
        return self.redact.person(name, where, is_subject=self.is_subject(name))

    # -- The cover sheet

    def cover(self, files: list[PackFile], missing: list[str], made_on: date) -> None:
        sar, findings = self.sar, self.findings
        due = plain(f"{_day(sar.due_on)}. {sar.due_explanation}".strip())
        extended = plain(
            f"{_day(sar.extended_to)}: {sar.extension_reason} The requester was told on "
            f"{_day(sar.extension_told_on)}." if sar.extended_to else "")
        self.add(
            Heading("Subject access disclosure pack", level=0),
            _p(settings.COUNCIL_NAME + ", Children's Services complaints"),
            _rows(
                ("Request", plain(sar.reference)),
                ("Requested by", plain(f"{sar.requester_name} ({sar.get_relationship_display().lower()})")),
                ("About", plain(sar.subject_name)),
                ("Date of birth", plain(f"{sar.subject_date_of_birth:%-d %B %Y}"
                                        if sar.subject_date_of_birth else "")),
                ("Email address", plain(sar.subject_email)),
                ("Other ways to identify them", plain(sar.other_identifiers)),
                ("Received", plain(_day(sar.received_on))),
                ("Response due", due),
                ("Extended to", extended),
                ("Pack made", plain(_day(made_on))),
            ),
            Heading("What was searched"),
            _p(f"Searched for: {findings.searched_for()}."),
            _bullet("Every case where they are the complainant (by name"
                    + (" or email address" if findings.email else "") + ") or a child the case "
                    "is about (by name" + (" and date of birth" if findings.date_of_birth else "")
                    + ")."),
            _bullet("The free text of every case that is not restricted: what happened, what the "
                    "complainant would like to happen, how it was resolved, why it was withdrawn, "
                    "the points of complaint, remedies, learning and the timeline."),
            _bullet("Compliments (what was said and the staff named) and members' correspondence "
                    "(the subject and the member who wrote)."),
            _bullet("Names are matched as whole words, whatever their capitals and spacing."),
            _bullet("A restricted case is included only when they are its complainant or a child it "
                    "is about."),
            _bullet("Cases whose details were destroyed under the retention schedule hold nothing "
                    "identifying and were not searched."),
        )
        if sar.other_identifiers:
            self.add(_p("The other ways to identify them given with the request were not searched "
                        "automatically."))
        self.add(Heading("What this pack holds"))
        if not len(findings):
            self.add(_p(f"No records about {findings.name} were found."))
        for finding in findings.cases:
            self.add(_bullet(f"Case {finding.case.reference}: {'; '.join(finding.reasons())}."))
        for finding in findings.compliments:
            self.add(_bullet(f"Compliment received {_day(finding.record.received_on)}: "
                             f"{'; '.join(finding.reasons())}."))
        for finding in findings.enquiries:
            self.add(_bullet(f"Members' correspondence received {_day(finding.record.received_on)}: "
                             f"{'; '.join(finding.reasons())}."))
        self.add(Heading("Documents with this pack"))
        if files or missing:
            self.add(_p("These are in the ZIP file with this document, as they were kept: review "
                        "each for other people's information before it is sent."))
            self.add(*(_bullet(f"{f.path}: {f.what}") for f in files))
            self.add(*(_bullet(f"Not included: {what}") for what in missing))
        else:
            self.add(_p("None: no letters or files are kept on the cases they are a party to."))
        self.add(
            Heading("For the reviewer"),
            _p("Every other person's name and contact details are put in square brackets after "
               "“REDACT?” and highlighted in yellow; the table at the end lists each and where it "
               "appears. Decide on each, then remove the marks, the highlighting and that table "
               "before the pack is sent."),
        )

    # -- Cases

    def case(self, finding: CaseFinding) -> None:
        if finding.is_party:
            self.party_case(finding)
        else:
            self.mention(finding)

    def party_case(self, finding: CaseFinding) -> None:
        case, ref, redact = finding.case, finding.case.reference, self.redact
        kind = case.get_kind_display() + (f" under the {case.get_procedure_display()} procedure"
                                          if case.procedure else "")
        status = case.get_status_display() + (f" on {_day(case.closed_on)}" if case.closed_on else "")
        self.add(
            Heading(f"Case {ref}", new_page=True),
            _p(f"Included because they are {'; '.join(finding.reasons())}."),
            _rows(
                ("Reference", plain(ref)),
                ("What it is", plain(kind)),
                ("Received", plain(f"{_day(case.received_on)} by {case.channel.name.lower()}")),
                ("Team", plain(str(case.team or "Not known"))),
                ("Officer", self.staff(case.officer, f"{ref}: officer")),
                ("Status", plain(status)),
                ("Stage reached", plain(f"Stage {case.current_stage}" if case.current_stage else "")),
                ("Outcome", plain(case.get_outcome_display())),
                ("What happened", redact.text(case.summary, f"{ref}: what happened")),
                ("What they would like to happen",
                 redact.text(case.desired_outcome, f"{ref}: what they would like to happen")),
                ("How it was resolved", redact.text(case.resolution, f"{ref}: how it was resolved")),
                ("Why it was withdrawn", redact.text(case.withdrawal_reason, f"{ref}: why it was withdrawn")),
                ("Advocacy", plain(_advocacy(case))),
            ),
        )
        self.complainant(finding)
        self.children(finding)
        self.stages(finding)
        self.points(finding)
        self.remedies_and_learning(finding)
        self.ombudsman(finding)
        self.timeline(finding)

    def complainant(self, finding: CaseFinding) -> None:
        case = finding.case
        if not hasattr(case, "complainant"):
            return
        person, where = case.complainant, f"{case.reference}: complainant"
        theirs = finding.as_complainant or self.is_subject(person.name)

        def detail(value):
            return plain(value) if theirs else self.redact.other(value, where)

        self.add(Heading("Who complained", level=2), _rows(
            ("Name", self.redact.person(person.name, where, is_subject=theirs)),
            ("Relationship to the child", plain(person.get_relationship_display())),
            ("Email address", detail(person.email)),
            ("Phone number", detail(person.phone)),
            ("Address", detail(person.address)),
            ("Help needed", detail(person.support_needs)),
        ))

    def children(self, finding: CaseFinding) -> None:
        case = finding.case
        children = self.facts.children[case.pk]
        if not children:
            return
        theirs = {child.pk for child in finding.children}
        where = f"{case.reference}: children"
        rows = []
        for child in children:
            born = f"{child.date_of_birth:%-d %B %Y}" if child.date_of_birth else "Not recorded"
            if child.pk in theirs:
                rows.append([plain(child.name), plain(born)])
            else:
                rows.append([self.redact.other(child.name, where),
                             self.redact.other(born, where) if child.date_of_birth else plain(born)])
        self.add(Heading("Children the case is about", level=2),
                 Table("Children the case is about", ["Name", "Date of birth"], rows))
        for child in children:
            monitoring = getattr(child, "monitoring", None) if child.pk in theirs else None
            if monitoring is not None:
                self.add(Heading(f"Equality monitoring about {child.name}", level=3), _rows(
                    ("Gender", plain(monitoring.get_gender_display())),
                    ("Ethnicity", plain(str(monitoring.ethnicity or ""))),
                    ("Disability", plain(", ".join(str(d) for d in monitoring.disabilities.all()))),
                    ("Religion", plain(str(monitoring.religion or ""))),
                ))

    def stages(self, finding: CaseFinding) -> None:
        ref, stages = finding.case.reference, self.facts.stages[finding.case.pk]
        if not stages:
            return
        rows = [[plain(f"Stage {s.number}"), plain(_day(s.started_on)), plain(_day(s.due_on)),
                 plain(_day(s.responded_on or s.closed_on)), plain(s.get_outcome_display())]
                for s in stages]
        self.add(Heading("Stages", level=2), Table(
            "Stages", ["Stage", "Received or requested", "Response due", "Answered or ended", "Outcome"],
            rows))
        for stage in stages:
            where = f"{ref}: Stage {stage.number}"
            extension = (f"{stage.get_extension_kind_display() or 'Extended'}: {stage.extension_reason}"
                         if stage.extension_reason else "")
            details = _rows(
                ("Extension", self.redact.text(extension, where)),
                ("Investigating officer", self.staff(stage.investigating_officer, where)),
                ("Independent person", self.staff(stage.independent_person, where)),
                ("Adjudicating officer", self.staff(stage.adjudicator, where)),
                ("Review panel", _joined([
                    self.staff(m.appointee, where) + plain(" (chair)" if m.chair else "")
                    for m in stage.panel.all()])),
                ("Panel met", plain(_day(stage.panel_on))),
                ("Panel's report", plain(_day(stage.report_on))),
            )
            if details.rows:
                self.add(Heading(f"Stage {stage.number}", level=3), details)

    def points(self, finding: CaseFinding) -> None:
        case = finding.case
        points = list(case.points.all())
        if not points:
            return
        rows = [[plain(str(p.number)), self.redact.text(p.summary, f"{case.reference}: point {p.number}"),
                 plain(p.theme.name), plain(p.get_stage1_finding_display()),
                 plain(p.get_stage2_finding_display()), plain(p.get_stage3_finding_display())]
                for p in points]
        self.add(Heading("Points of complaint and findings", level=2), Table(
            "Points of complaint and findings",
            ["No.", "Point", "Theme", "Stage 1 finding", "Stage 2 finding", "Stage 3 finding"], rows))

    def remedies_and_learning(self, finding: CaseFinding) -> None:
        case = finding.case
        remedies, learning = list(case.remedies.all()), list(case.learning.all())
        if remedies:
            self.add(Heading("What the council did to put things right", level=2), Table(
                "Remedies", ["Stage", "Remedy", "Detail"],
                [[plain(f"Stage {r.stage_number}"), plain(str(r)),
                  self.redact.text(r.detail, f"{case.reference}: remedies")] for r in remedies]))
        if learning:
            self.add(Heading("What was learned", level=2), Table(
                "Learning", ["Stage", "Learning"],
                [[plain(f"Stage {item.stage_number}"),
                  self.redact.text(item.text, f"{case.reference}: learning")] for item in learning]))

    def ombudsman(self, finding: CaseFinding) -> None:
        cases = self.facts.ombudsman[finding.case.pk]
        if cases:
            self.add(Heading("The Local Government and Social Care Ombudsman", level=2), Table(
                "Ombudsman cases", ["Ombudsman's reference", "Enquiry received", "Decision", "Decided",
                                    "Remedies"],
                [[plain(o.reference), plain(_day(o.enquiry_on)), plain(o.get_decision_display()),
                  plain(_day(o.decision_on)), plain(", ".join(o.remedies()))] for o in cases]))

    def timeline(self, finding: CaseFinding) -> None:
        case = finding.case
        entries = list(case.timeline.all())
        if entries:
            rows = []
            for entry in entries:
                where = f"{case.reference}: timeline, {entry.at:%-d %B %Y}"
                rows.append([plain(f"{entry.at:%-d %B %Y}"), self.staff(entry.by, where),
                             self.redact.text(entry.text, where)])
            self.add(Heading("Timeline", level=2), Table("Timeline", ["Date", "By", "What happened"], rows))

    def mention(self, finding: CaseFinding) -> None:
        case = finding.case
        self.add(
            Heading(f"Case {case.reference}", new_page=True),
            _p(f"This case is about other people and names {self.findings.name}: only what it says "
               "naming them is included."),
            _rows(("Reference", plain(case.reference)), ("Received", plain(_day(case.received_on)))),
            Table("Where they are named", ["Where", "What it says"], [
                [plain(p.where), self.redact.text(p.text, f"{case.reference}: {p.where.lower()}")]
                for p in finding.passages]),
        )

    # -- Other records

    def compliments(self) -> None:
        if not self.findings.compliments:
            return
        self.add(Heading("Compliments", new_page=True))
        for finding in self.findings.compliments:
            compliment: Compliment = finding.record
            where = f"Compliment received {_day(compliment.received_on)}"
            self.add(Heading(where, level=2), _rows(
                ("Why it is included", plain(_sentence(finding.reasons()))),
                ("Team", plain(str(compliment.team or "No team"))),
                ("Who gave it", plain(compliment.get_given_by_display())),
                ("What they said", self.redact.text(compliment.words, where)),
                ("Staff named", self.redact.text(compliment.staff_named, where)),
            ))

    def enquiries(self) -> None:
        if not self.findings.enquiries:
            return
        in_pack = {f.case.pk for f in self.findings.cases}
        self.add(Heading("Members' correspondence", new_page=True))
        for finding in self.findings.enquiries:
            enquiry: MembersEnquiry = finding.record
            where = f"Members' correspondence received {_day(enquiry.received_on)}"
            self.add(Heading(where, level=2), _rows(
                ("Why it is included", plain(_sentence(finding.reasons()))),
                ("Member", self.staff(enquiry.member_name, where)),
                ("Councillor or MP", plain(enquiry.get_member_kind_display())),
                ("Subject", self.redact.text(enquiry.subject, where)),
                ("Team", plain(str(enquiry.team or ""))),
                ("Response due", plain(_day(enquiry.due_on))),
                ("Answered", plain(_day(enquiry.responded_on))),
                # Only a case in this pack is named: any other could be someone else's.
                ("Case", plain(enquiry.case.reference if enquiry.case_id in in_pack else "")),
            ))

    def marked_table(self) -> None:
        marked = self.redact.table()
        self.add(
            Heading("Names and details marked for redaction review", new_page=True),
            _p("For the reviewer: remove this table before the pack is sent."),
        )
        if not marked:
            self.add(_p("None."))
            return
        self.add(Table("Names and details marked for redaction review", ["Name or detail", "Where"], [
            [(Segment(MARK.format(name), marked=True),), plain(where)] for name, where in marked]))


def _joined(texts: list[Text], separator: str = "; ") -> Text:
    joined: Text = ()
    for n, text in enumerate(texts):
        joined += (plain(separator) if n else ()) + text
    return joined


def _sentence(reasons: list[str]) -> str:
    text = "; ".join(reasons)
    return text[:1].upper() + text[1:]


def _advocacy(case) -> str:
    if not case.advocacy_offered_on:
        return ""
    answer = {True: "accepted", False: "declined"}.get(case.advocacy_accepted, "no answer yet")
    provided = f"; provided by {case.advocacy_provider}" if case.advocacy_provided else ""
    return f"Offered {_day(case.advocacy_offered_on)}; {answer}{provided}"


def build_document(sar: SubjectAccessRequest, findings: Findings, files: list[PackFile],
                   missing: list[str], *, made_on: date) -> PackDocument:
    """What the pack says, as plain data. About ten queries, whatever was found."""
    writer = _Writer(sar, findings, _facts(findings))
    writer.cover(files, missing, made_on)
    for finding in findings.cases:
        writer.case(finding)
    writer.compliments()
    writer.enquiries()
    marked = writer.redact.table()
    writer.marked_table()
    return PackDocument(f"Subject access disclosure pack {sar.reference}", writer.blocks, marked)


def record_labels(findings: Findings) -> list[str]:
    """What went into a pack, in words, for the request page."""
    return (
        [f"Case {f.case.reference} ({'; '.join(f.reasons())})" for f in findings.cases]
        + [f"Compliment received {_day(f.record.received_on)}" for f in findings.compliments]
        + [f"Members' correspondence received {_day(f.record.received_on)}" for f in findings.enquiries]
    )


@transaction.atomic
def build_pack(request: SubjectAccessRequest, findings: Findings, *, by, approved_by=None) -> Disclosure:
    """Make the disclosure pack for ``request`` from ``findings`` (already narrowed
    to what the officer chose) and keep it: a ZIP of the pack (.docx) and the
    documents of the cases the person is a party to. A restricted case goes in
    only with ``approved_by``'s approval (services.approval_problem; refused
    with RequestError otherwise), which the pack keeps."""
    restricted = findings.restricted_references()
    if problem := approval_problem(restricted, by=by, approved_by=approved_by):
        raise RequestError(problem)
    made_on = today()
    files, missing = documents(findings)
    document = build_document(request, findings, files, missing, made_on=made_on)
    docx_name = f"{request.reference}-disclosure-pack.docx"
    archive = render_zip([PackFile(docx_name, render_docx(document), "The disclosure pack"), *files])
    return Disclosure.objects.create(
        request=request,
        content=archive,
        filename=f"{request.reference}-disclosure-{made_on.isoformat()}.zip",
        records=record_labels(findings),
        names_marked=len(document.marked),
        approved_by=approved_by if restricted else None,
        created_by=by,
    )
