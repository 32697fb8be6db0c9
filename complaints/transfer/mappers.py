"""Between rows and records: for each sheet, how a batch of checked rows is
matched to the records held and written, and how the records are read back
out for the export.

``Mapper.write(rows)`` gets a batch of rows whose cells parsed, matches them
by the sheet's key (one query per batch, never one per row), checks the rules
that need what is held (the case a point belongs to, the stage before this
one), then creates what is new (complaints.transfer.bulk.insert, many rows a
statement) and updates what changed with ``bulk_update``. A row equal to its record changes nothing. A broken rule
is reported through the import run and the row left out; the run throws
everything away at the end if there was any problem.

Stage due dates and members' enquiry due dates are worked out here with the
working-day engine (complaints.casework.services, complaints.records.services),
never read from the file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.db.models import Case as Conditional
from django.db.models import F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from complaints import workdays
from complaints.casework import rules
from complaints.casework.models import (
    Appointee,
    Case,
    Child,
    Complainant,
    Learning,
    Monitoring,
    PanelMember,
    Point,
    Remedy,
    Stage,
    age_on,
)
from complaints.casework.services import (
    EXPLANATION_FIELD,
    STAGE_STEPS,
    outcome_from_findings,
    stage_due_dates,
    store_due_dates,
    working_days_taken,
)
from complaints.records.models import (
    REMEDY_FIELDS,
    Action,
    ActionUpdate,
    Compliment,
    Cost,
    MembersEnquiry,
    OmbudsmanCase,
    compliment_publication_findings,
)
from complaints.records.services import members_enquiry_due
from complaints.transfer.bulk import NewRecord, insert

CHUNK = 2000


@dataclass
class Row:
    """A row whose cells parsed: ``values`` by field (a blank cell as the
    field's blank value), ``raw`` the non-blank cells as given, and ``number``,
    the row's number in its sheet. ``case`` is the case it names, once found."""

    number: int
    values: dict
    raw: dict
    case: HeldCase | None = None

    def __getitem__(self, name):
        return self.values[name]


@dataclass(frozen=True)
class HeldCase:
    id: int
    reference: str
    kind: str
    procedure: str
    received_on: date
    current_stage: int


NOT_YOURS = "'{}' is a restricted case you may not see: only an administrator can import it"


def _day(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _changed(obj, values: dict) -> list[str]:
    return [name for name, value in values.items() if getattr(obj, name) != value]


class Mapper:
    """Rows of one sheet to records of ``model``. ``fields`` are the model
    fields the sheet's columns set as they are (columns whose ``field`` is a
    model attribute); the subclass handles the ``special`` ones and those
    with a dot (a related record's)."""

    model = None
    special: frozenset[str] = frozenset({"case"})
    parent = False  # True when rows name their case by its reference
    order_by: tuple[str, ...] = ("pk",)

    def __init__(self, sheet, run):
        self.sheet, self.run = sheet, run
        self.fields = self.fields_of(sheet)

    @classmethod
    def fields_of(cls, sheet) -> list[str]:
        return [c.field for c in sheet.columns if c.field not in cls.special and "." not in c.field]

    @classmethod
    def available(cls) -> bool:
        """Whether this installation holds the sheet's records at all."""
        return True

    # -- Import ----------------------------------------------------------------------

    def check(self, row: Row) -> None:
        """Rules between the row's own cells: ``self.problem`` for each one broken."""

    def problem(self, row: Row, field: str | None, reason: str) -> None:
        self.run.problem(self.sheet, row, field, reason)

    def write(self, rows: list[Row]) -> None:
        rows = self.with_parents(rows)
        existing = self.existing(rows)
        new, changed = [], []
        for row in rows:
            key = self.key(row)
            obj = existing.get(key)
            values = self.values(row, obj)
            if values is None:
                continue
            if obj is None:
                obj = existing[key] = NewRecord(self.model, values)
                self.related_changed(row, obj)
                new.append(obj)
                continue
            fields = _changed(obj, values)
            related = self.related_changed(row, obj)
            if not fields and not related:
                self.run.count(self.sheet, "unchanged")
                continue
            for name in fields:
                setattr(obj, name, values[name])
            changed.append((obj, fields))
        self.save(new, changed)

    def with_parents(self, rows: list[Row]) -> list[Row]:
        """The rows whose case (if they name one) is held, each with ``case``
        and ``values["case_id"]`` set; a problem for any naming a case that is
        neither held nor in the file (one in the file with problems of its own
        is left out quietly)."""
        if not self.parent:
            return rows
        held = self.run.cases({row["case"] for row in rows if row["case"]})
        hidden = self.run.hidden(list(held))
        kept = []
        for row in rows:
            reference = row["case"]
            row.case = held.get(reference)
            row.values["case_id"] = row.case.id if row.case else None
            if reference in hidden:
                self.problem(row, "case", NOT_YOURS.format(reference))
            elif not reference or row.case:
                kept.append(row)
            elif not self.run.had_problems("Cases", (reference,)):
                self.problem(row, "case", f"'{reference}' is not a case in the Cases sheet or held already")
        return kept

    def key(self, row: Row) -> tuple:
        return tuple(row.values["case_id" if name == "case" else name] for name in self.sheet.key)

    def record_key(self, obj) -> tuple:
        return tuple(getattr(obj, "case_id" if name == "case" else name) for name in self.sheet.key)

    def existing(self, rows: list[Row]) -> dict:
        """The held records these rows' keys name, by key. One query."""
        name = "case_id" if self.sheet.key[0] == "case" else self.sheet.key[0]
        found = self.model.objects.filter(**{f"{name}__in": {row.values[name] for row in rows}})
        return {self.record_key(obj): obj for obj in found}

    def values(self, row: Row, obj) -> dict | None:
        """The model's field values from ``row`` (``obj`` is the record it
        matches, or None), or None after a problem with a rule that needs the
        records held."""
        values = {name: row[name] for name in self.fields}
        if self.parent:
            values["case_id"] = row.values["case_id"]
        return values

    def related_changed(self, row: Row, obj) -> bool:
        """Whether records hanging off ``obj`` differ from the row's; remember
        them for save_related. ``obj`` may not be saved yet."""
        return False

    def save(self, new: list, changed: list) -> None:
        insert(new)
        if changed:
            fields = sorted({f for _, fields in changed for f in fields})
            if fields:
                self.model.objects.bulk_update([obj for obj, fields in changed if fields], fields)
        self.save_related()
        self.run.count(self.sheet, "created", len(new))
        self.run.count(self.sheet, "updated", len(changed))
        self.run.touch(self.case_id(obj) for obj in new)
        self.run.touch(self.case_id(obj) for obj, _ in changed)

    def save_related(self) -> None:
        """Write what related_changed remembered."""

    def case_id(self, obj) -> int | None:
        return obj.case_id if self.parent else None

    def finish(self) -> None:
        """After the sheet's last batch (called whether or not the file has the sheet)."""

    # -- Export ----------------------------------------------------------------------

    @classmethod
    def queryset(cls):
        query = cls.model.objects.order_by(*cls.order_by)
        return query.select_related("case") if cls.parent else query

    @classmethod
    def export(cls, sheet):
        """Each record as {field: stored value}, in the sheet's order. Streams."""
        fields = cls.fields_of(sheet)
        for obj in cls.queryset().iterator(chunk_size=CHUNK):
            yield cls.exported(obj, cls.row_of(obj, fields))

    @classmethod
    def row_of(cls, obj, fields) -> dict:
        row = {name: getattr(obj, name) for name in fields}
        if cls.parent:
            row["case"] = obj.case.reference if obj.case_id else None
        return row

    @classmethod
    def exported(cls, obj, row: dict) -> dict:
        return row


class NumberedMapper(Mapper):
    """Records numbered 1, 2, 3 within their case (and stage) in the order
    they were recorded, a number the model does not store: the Nth row is the
    Nth record held, and a new one must be the next number."""

    special = frozenset({"case", "number"})
    parent = True
    group: tuple[str, ...] = ("case_id",)
    noun = ""
    within = "case"

    def key(self, row):
        return (*self.group_of(row), row["number"])

    def group_of(self, row) -> tuple:
        return tuple(row.values[name] for name in self.group)

    def existing(self, rows):
        held = defaultdict(list)
        query = self.model.objects.filter(case_id__in={row.values["case_id"] for row in rows})
        for obj in query.order_by("pk"):
            held[tuple(getattr(obj, name) for name in self.group)].append(obj)
        self.counts = {group: len(objs) for group, objs in held.items()}
        return {(*group, n): obj for group, objs in held.items() for n, obj in enumerate(objs, 1)}

    def values(self, row, obj):
        if obj is None:
            group = self.group_of(row)
            have = self.counts.get(group, 0)
            if row["number"] > have + 1:
                earlier = tuple(row[name] for name in self.sheet.key[:-1])
                if not self.run.had_problems(self.sheet.name, (*earlier, have + 1)):
                    self.problem(row, "number", f"there is no {self.noun} {have + 1} of this {self.within} "
                                                "before it, in the file or held")
                return None
            self.counts[group] = have + 1
        return super().values(row, obj)

    @classmethod
    def queryset(cls):
        return cls.model.objects.select_related("case").order_by("case__reference", *cls.group[1:], "pk")

    @classmethod
    def export(cls, sheet):
        fields = cls.fields_of(sheet)
        previous, number = None, 0
        for obj in cls.queryset().iterator(chunk_size=CHUNK):
            group = tuple(getattr(obj, name) for name in cls.group)
            number = number + 1 if group == previous else 1
            previous = group
            yield cls.exported(obj, cls.row_of(obj, fields) | {"number": number})


class HeldStagesMixin:
    """For sheets about a stage of a case: the stage must be held."""

    def existing(self, rows):
        found = super().existing(rows)
        self.stages = set(Stage.objects.filter(case_id__in={row.values["case_id"] for row in rows})
                          .values_list("case_id", "number"))
        return found

    def values(self, row, obj):
        if (row.values["case_id"], row["stage_number"]) not in self.stages:
            self.problem(row, "stage_number", f"{row['case']} has no Stage {row['stage_number']}")
            return None
        return super().values(row, obj)


# -- Cases ----------------------------------------------------------------------------


class CaseMapper(Mapper):
    """Cases and their complainants. A complaint's status, outcome, closing
    date and current stage follow from its stages (StageMapper settles them);
    an enquiry's come from its own columns."""

    model = Case
    special = frozenset({"enquiry_closed_on", "enquiry_outcome", "restricted_to"})
    order_by = ("reference",)
    complainant_fields = ("name", "relationship", "email", "phone", "address", "support_needs")
    # Dates an officer records about the case: never before it was received.
    after_receipt = ("sufficient_interest_on", "routed_on", "deferred_since", "advocacy_offered_on",
                     "enquiry_closed_on")

    def check(self, row):
        complaint = row["kind"] == Case.Kind.COMPLAINT
        if complaint and not row["procedure"]:
            self.problem(row, "procedure", "a complaint needs its procedure: Statutory or Corporate")
        if not complaint and row["procedure"]:
            self.problem(row, "procedure", "an enquiry follows no procedure: leave this blank")
        if complaint:
            for name in ("enquiry_closed_on", "enquiry_outcome"):
                if row[name]:
                    self.problem(row, name, "leave this blank for a complaint: it closes with its last stage")
        elif bool(row["enquiry_closed_on"]) != bool(row["enquiry_outcome"]):
            missing = "enquiry_outcome" if row["enquiry_closed_on"] else "enquiry_closed_on"
            self.problem(row, missing, "an enquiry that closed needs both its closed date and its outcome")
        elif row["enquiry_outcome"] not in ("", Case.Outcome.RESOLVED, Case.Outcome.WITHDRAWN):
            self.problem(row, "enquiry_outcome", "an enquiry is resolved or withdrawn")
        received = row["received_on"]
        for name in self.after_receipt:
            if row[name] and row[name] < received:
                self.problem(row, name, f"{_day(row[name])} is before the received date, {_day(received)}")
        # The procedure's own rules: what procedure.route refuses, the import refuses.
        facts = rules.RoutingFacts(
            procedure=row["procedure"], received_on=received, eligibility=row["eligibility"],
            sufficient_interest_on=row["sufficient_interest_on"], child_agrees=row["child_agrees"],
            qualifying_function=row["qualifying_function"], aware_on=row["aware_on"],
            time_limit_discretion=row["time_limit_discretion"])
        for field, message in rules.which_procedure_applies(facts, deciding=False):
            self.problem(row, field, message)
        if (row["advocacy_accepted"] is not None or row["advocacy_provided"]) and not row["advocacy_offered_on"]:
            self.problem(row, "advocacy_offered_on", "give the date an advocate was offered")
        if row["advocacy_provided"] and not row["advocacy_accepted"]:
            self.problem(row, "advocacy_accepted", "an advocate is provided only once the offer is accepted")
        if row["advocacy_provided"] and not row["advocacy_provider"]:
            self.problem(row, "advocacy_provider", "give who provided the advocate")
        if row["restricted_to"] and not row["restricted"]:
            self.problem(row, "restricted_to", "name the people who may see a case only when it is restricted")

    def existing(self, rows):
        found = Case.objects.filter(reference__in=[row["reference"] for row in rows])
        self.complainants, self.new_complainants, self.named = [], [], []
        self.held_named = defaultdict(set)
        for case_id, user_id in Case.restricted_to.through.objects.filter(
                case__reference__in=[row["reference"] for row in rows]).values_list("case_id", "user_id"):
            self.held_named[case_id].add(user_id)
        found = {(case.reference,): case for case in found.select_related("complainant")}
        self.hidden = self.run.hidden([reference for reference, in found])
        return found

    def values(self, row, case):
        if case is not None and case.reference in self.hidden:
            self.problem(row, "reference", NOT_YOURS.format(case.reference))
            return None
        if case is not None and case.kind != row["kind"]:
            self.problem(row, "kind", f"{case.reference} is held as {case.get_kind_display().lower()}: "
                                      "an import cannot change what kind of case it is")
            return None
        if case is not None and case.procedure != row["procedure"] and case.current_stage > 1:
            self.problem(row, "procedure", f"{case.reference} is at Stage {case.current_stage}: a complaint "
                                           "can only move to the other procedure during Stage 1")
            return None
        values = super().values(row, case)
        if row["kind"] == Case.Kind.ENQUIRY:
            closed = row["enquiry_closed_on"]
            values.update(closed_on=closed, outcome=row["enquiry_outcome"], current_stage=0,
                          status=Case.Status.CLOSED if closed else Case.Status.OPEN)
        if case is not None and {"received_on", "procedure"} & set(changed := _changed(case, values)):
            self.moved.append(case.pk)
            if "procedure" in changed:
                self.rerouted.append(case.pk)
        return values

    def write(self, rows):
        self.moved, self.rerouted = [], []
        super().write(rows)
        if self.moved:
            StageMapper.recompute(self.run, self.moved, rerouted=self.rerouted)

    def related_changed(self, row, case):
        named = set(row["restricted_to"])
        named_changed = named != (self.held_named[case.pk] if case.pk else set())
        if named_changed:
            self.named.append((case, named))
        person = {name: row[f"complainant.{name}"] for name in self.complainant_fields}
        complainant = getattr(case, "complainant", None) if case.pk else None
        if complainant is None:
            self.new_complainants.append((case, person))
            return True
        if fields := _changed(complainant, person):
            for name in fields:
                setattr(complainant, name, person[name])
            self.complainants.append(complainant)
        return bool(fields) or named_changed

    def save_related(self):
        insert([NewRecord(Complainant, {"case_id": case.pk, **person}) for case, person in self.new_complainants])
        if self.complainants:
            Complainant.objects.bulk_update(self.complainants, self.complainant_fields)
        through = Case.restricted_to.through
        through.objects.filter(case_id__in=[case.pk for case, _ in self.named]).delete()
        insert([NewRecord(through, {"case_id": case.pk, "user_id": user}) for case, named in self.named
                for user in sorted(named)])

    def case_id(self, case):
        return case.pk

    @classmethod
    def queryset(cls):
        return Case.objects.select_related("complainant").prefetch_related("restricted_to").order_by("reference")

    @classmethod
    def exported(cls, case, row):
        row["restricted_to"] = tuple(sorted((user.pk for user in case.restricted_to.all()), key=str))
        complainant = getattr(case, "complainant", None)
        for name in cls.complainant_fields:
            row[f"complainant.{name}"] = getattr(complainant, name) if complainant else ""
        enquiry = case.kind == Case.Kind.ENQUIRY
        row["enquiry_closed_on"] = case.closed_on if enquiry else None
        row["enquiry_outcome"] = case.outcome if enquiry else ""
        return row


class PointMapper(Mapper):
    model = Point
    parent = True

    @classmethod
    def queryset(cls):
        return Point.objects.select_related("case").order_by("case__reference", "number")


class ChildMapper(NumberedMapper):
    """Children, with their equality monitoring (several disabilities each)."""

    model = Child
    noun = "child"
    monitoring_fields = ("gender", "ethnicity_id", "religion_id")

    @classmethod
    def fields_of(cls, sheet):
        return [name for name in super().fields_of(sheet) if name != "age_at_receipt"]

    def existing(self, rows):
        found = super().existing(rows)
        self.monitoring = {m.child_id: m for m in Monitoring.objects.filter(child__in=list(found.values()))}
        self.disabilities = defaultdict(set)
        through = Monitoring.disabilities.through.objects.filter(monitoring__in=list(self.monitoring.values()))
        for monitoring_id, disability_id in through.values_list("monitoring_id", "disability_id"):
            self.disabilities[monitoring_id].add(disability_id)
        self.pending = []
        return found

    def values(self, row, child):
        values = super().values(row, child)
        if values is None:
            return None
        age = age_on(row["date_of_birth"], row.case.received_on)
        if age is not None and row["age_at_receipt"] is not None and age != row["age_at_receipt"]:
            self.problem(row, "age_at_receipt", f"{row['age_at_receipt']} is not the age the date of birth "
                                                f"gives on the received date ({age})")
            return None
        values["age_at_receipt"] = age if age is not None else row["age_at_receipt"]
        return values

    def related_changed(self, row, child):
        wanted = {name: row[f"monitoring.{name}"] for name in self.monitoring_fields}
        disabilities = set(row["monitoring.disabilities"])
        held = self.monitoring.get(child.pk) if child.pk else None
        if held is None:
            changed = any(wanted.values()) or bool(disabilities)
        else:
            changed = bool(_changed(held, wanted)) or self.disabilities[held.pk] != disabilities
        if changed:
            self.pending.append((child, held, wanted, disabilities))
        return changed

    def save_related(self):
        written = []
        for child, held, wanted, disabilities in self.pending:
            if held is None:
                monitoring = NewRecord(Monitoring, {"child_id": child.pk, **wanted})
            else:
                monitoring = held
                for name, value in wanted.items():
                    setattr(monitoring, name, value)
            written.append((monitoring, held is None, disabilities))
        insert([m for m, new, _ in written if new])
        changed = [m for m, new, _ in written if not new]
        if changed:
            Monitoring.objects.bulk_update(changed, self.monitoring_fields)
        through = Monitoring.disabilities.through
        through.objects.filter(monitoring__in=changed).delete()
        insert([NewRecord(through, {"monitoring_id": m.pk, "disability_id": pk})
                for m, _, disabilities in written for pk in disabilities])

    @classmethod
    def queryset(cls):
        return super().queryset().select_related("monitoring").prefetch_related("monitoring__disabilities")

    @classmethod
    def exported(cls, child, row):
        monitoring = getattr(child, "monitoring", None)
        for name in cls.monitoring_fields:
            row[f"monitoring.{name}"] = getattr(monitoring, name) if monitoring else None
        row["monitoring.gender"] = row["monitoring.gender"] or ""
        row["monitoring.disabilities"] = tuple(sorted(
            (d.pk for d in monitoring.disabilities.all()), key=str)) if monitoring else ()
        row["age_at_receipt"] = child.age_at_receipt if child.date_of_birth is None else None
        return row


# -- Stages ---------------------------------------------------------------------------

# What a stage's own columns set; due dates and the days taken are worked out.
STAGE_FACTS = (
    "started_on", "acknowledged_on", "acknowledged_by", "extension_kind", "extension_reason",
    "extension_told_on", "paused_days", "responded_on", "closed_on", "outcome",
    "late_request_decision", "resolved_without_investigation", "investigating_officer",
    "investigator_kind", "independent_person_id", "adjudicator", "statement_agreed_on",
    "panel_on", "report_on",
)
STAGE_WORKED_OUT = (*EXPLANATION_FIELD, *EXPLANATION_FIELD.values(), "working_days_taken", "extension_days")
# Columns that belong to one stage only.
STAGE_ONLY = {
    2: ("resolved_without_investigation", "investigating_officer", "investigator_kind",
        "independent_person_id", "adjudicator", "statement_agreed_on"),
    3: ("panel_chair", "panel_others", "panel_on", "report_on"),
}
ANSWERS = (Case.Outcome.UPHELD, Case.Outcome.PARTIALLY_UPHELD, Case.Outcome.NOT_UPHELD)
ENDINGS = (Case.Outcome.WITHDRAWN, Case.Outcome.RESOLVED)


def work_out_dates(run, procedure: str, stage: Stage, extension_days: int | None) -> None:
    """Store on ``stage`` its due dates worked out from its facts (an
    extension of ``extension_days`` working days kept, as procedure.extend
    keeps one), and the working days it took if it ended. ValueError for an
    extension past the procedure's maximum. Dates are worked out once per set
    of facts in an import: many stages share them."""
    cal = run.calendar(procedure)
    stage.extension_days = extension_days or 0
    key = ("stage", procedure, stage.number, stage.started_on, stage.acknowledged_on, stage.extension_days,
           stage.paused_days, stage.panel_on, stage.report_on)
    if key not in run.memo:
        probe = Stage(number=stage.number, started_on=stage.started_on, acknowledged_on=stage.acknowledged_on,
                      paused_days=stage.paused_days, panel_on=stage.panel_on, report_on=stage.report_on,
                      extension_days=stage.extension_days)
        probe.case = Case(procedure=procedure)
        run.memo[key] = {name: _Stored(due) for name, due in stage_due_dates(probe, cal).items()}
    store_dates(run, stage, run.memo[key], cal)


class _Stored:
    """A due date (a workdays.DueDate) with its stored form made once: the
    stages that share it share it (store_due_dates reads ``due`` and
    ``as_dict()``; nothing changes a stored explanation in place)."""

    __slots__ = ("due", "stored")

    def __init__(self, due: workdays.DueDate):
        self.due, self.stored = due.due, due.as_dict()

    def as_dict(self) -> dict:
        return self.stored


def store_dates(run, stage: Stage, dates: dict, cal) -> None:
    """Store ``dates`` (from stage_due_dates) on ``stage``, clearing any it
    no longer has, and the working days it took if it ended."""
    for date_field, explanation_field in EXPLANATION_FIELD.items():
        if date_field not in dates:
            setattr(stage, date_field, None)
            setattr(stage, explanation_field, {})
    store_due_dates(stage, dates)
    ended = stage.responded_on or stage.closed_on
    if ended:
        key = ("taken", cal.name, stage.number, stage.due_explanation["counted_from"],
               stage.panel_due_explanation.get("counted_from"), ended, stage.paused_days)
        if key not in run.memo:
            run.memo[key] = working_days_taken(stage, ended, cal)
        stage.working_days_taken = run.memo[key]
    else:
        stage.working_days_taken = None


class StageMapper(Mapper):
    """The stages of complaints, with their due dates worked out, the Stage 3
    panel, and the case's status, outcome and current stage settled from its
    last stage. Rows must come in order within a case: Stage 1, 2, 3."""

    model = Stage
    special = frozenset({"case", "number", "extension_days", "panel_chair", "panel_others"})
    parent = True

    def write(self, rows):
        rows = self.with_parents(rows)
        ids = {row.values["case_id"] for row in rows}
        held = {(s.case_id, s.number): s for s in Stage.objects.filter(case_id__in=ids)}
        panels = defaultdict(list)
        for stage_id, appointee_id, chair in PanelMember.objects.filter(
                stage__in=list(held.values())).values_list("stage_id", "appointee_id", "chair"):
            panels[stage_id].append((appointee_id, chair))
        self.findings = defaultdict(list)
        for case_id, *findings in Point.objects.filter(case_id__in=ids).values_list(
                "case_id", "stage1_finding", "stage2_finding", "stage3_finding"):
            self.findings[case_id].append(findings)
        new, changed, new_panels = [], [], {}
        for row in rows:
            key = (row.values["case_id"], row["number"])
            stage = held.get(key)
            worked = self.worked_out(row, held)
            if worked is None:
                continue
            panel = self.panel(row)
            if stage is None:
                stage = held[key] = worked
                new.append(stage)
                new_panels[key] = panel
                continue
            fields = _changed(stage, {name: getattr(worked, name) for name in (*STAGE_FACTS, *STAGE_WORKED_OUT)})
            for name in fields:
                setattr(stage, name, getattr(worked, name))
            if fields or sorted(panels[stage.pk]) != panel:
                changed.append((stage, fields))
                new_panels[key] = panel
            else:
                self.run.count(self.sheet, "unchanged")
        self.save(new, changed)
        PanelMember.objects.filter(stage__in=[stage for stage, _ in changed]).delete()
        insert([NewRecord(PanelMember, {"stage_id": held[key].pk, "appointee_id": appointee, "chair": chair})
                for key, panel in new_panels.items() for appointee, chair in panel])
        if new or changed:
            self.settle({stage.case_id for stage in new} | {stage.case_id for stage, _ in changed})

    def panel(self, row) -> list[tuple[int, bool]]:
        members = [(row["panel_chair"], True)] if row["panel_chair"] else []
        return sorted(members + [(pk, False) for pk in row["panel_others"]])

    def worked_out(self, row, held) -> Stage | None:
        """The stage the row describes, with its due dates and the working days
        it took; None after reporting what breaks the procedure's rules."""
        case = row.case
        stage = Stage(case_id=case.id, number=row["number"], **{name: row[name] for name in STAGE_FACTS})
        if stage.number == 1 and not stage.started_on:
            stage.started_on = case.received_on
        broken = list(self.broken_rules(row, stage, held))
        for name, reason in broken:
            self.problem(row, name, reason)
        if broken or not self.settled_outcome(row, stage):
            return None
        try:
            work_out_dates(self.run, case.procedure, stage, row["extension_days"])
        except ValueError as error:
            self.problem(row, "extension_days", str(error))
            return None
        return stage

    def broken_rules(self, row, stage, held):
        """(field, reason) for each rule of the procedure the row breaks."""
        case, number = row.case, stage.number
        if case.kind != Case.Kind.COMPLAINT:
            yield "case", f"{case.reference} is an enquiry: only a complaint has stages"
            return
        if findings := rules.the_procedure_has_the_stage(case.procedure, number):
            yield from findings
            return
        for other, names in STAGE_ONLY.items():
            for name in names if other != number else ():
                if row.raw.get(name) is not None:
                    yield name, f"only Stage {other} has this"
        started = stage.started_on
        if number == 1 and started != case.received_on:
            yield "started_on", f"Stage 1 starts on the received date, {_day(case.received_on)}: leave this blank"
        if number > 1:
            yield from self.order_rules(row, stage, held)
        if not started:
            return
        for name in ("acknowledged_on", "extension_told_on", "responded_on", "closed_on",
                     "statement_agreed_on", "panel_on"):
            if getattr(stage, name) and getattr(stage, name) < started:
                yield name, f"{_day(getattr(stage, name))} is before the stage started, {_day(started)}"
        if stage.acknowledged_on or stage.acknowledged_by:
            if number == 3 or STAGE_STEPS[(case.procedure, number)][0] is None:
                procedure = Case.Procedure(case.procedure).label.split(" (")[0]
                yield "acknowledged_on", f"{procedure} Stage {number} has no acknowledgement"
            elif not stage.acknowledged_on:
                yield "acknowledged_on", "give the date it was acknowledged"
        if row["extension_days"] or stage.extension_reason or stage.extension_told_on or stage.extension_kind:
            if findings := rules.the_stage_may_be_extended(number):
                yield from findings
            elif not row["extension_days"]:
                yield "extension_days", "give the working days it was extended by"
            elif not stage.extension_reason:
                yield "extension_reason", "give the reason for the extension"
        if stage.responded_on and stage.closed_on:
            yield "closed_on", "a stage either has a response or closed without one, not both"
        if number == 2:
            yield from self.investigation_rules(row, stage)
        if number == 3:
            yield from self.panel_rules(row, stage, held)
        if not stage.responded_on and not stage.closed_on and (case.id, number + 1) in held:
            yield "responded_on", f"Stage {number + 1} is held, so Stage {number} needs its response date"

    def order_rules(self, row, stage, held):
        case, number = row.case, stage.number
        previous = held.get((case.id, number - 1))
        if not stage.started_on:
            yield "started_on", f"give the date Stage {number} was asked for"
        elif previous is None:
            yield "number", f"Stage {number} comes before Stage {number - 1}: list a case's stages in order, " \
                            "after the stage before"
        else:
            yield from rules.asked_for_in_time(
                    procedure=case.procedure, number=number, previous_answered_on=previous.responded_on,
                    asked_on=stage.started_on, late_decision=stage.late_request_decision,
                    calendar=self.run.calendar(case.procedure))

    def investigation_rules(self, row, stage):
        person = self.appointee(stage.independent_person_id) if stage.independent_person_id else None
        yield from rules.stage_two_investigation(
                procedure=row.case.procedure, investigating_officer=stage.investigating_officer,
                investigator_kind=stage.investigator_kind, independent_person=person,
                adjudicated=bool(stage.responded_on), appointing=False)
        if stage.resolved_without_investigation and (
                stage.outcome != Case.Outcome.RESOLVED or stage.investigating_officer):
            yield "resolved_without_investigation", \
                "only a request resolved before anyone investigated it was resolved without investigation"

    def panel_rules(self, row, stage, held):
        chair, others = row["panel_chair"], row["panel_others"]
        members = [self.appointee(pk) for pk in (chair, *others) if pk]
        if chair or others:
            stage_two = held.get((row.case.id, 2))
            yield from rules.review_panel(
                    members=members, chair=self.appointee(chair) if chair else None,
                    stage_two_independent_person_id=stage_two.independent_person_id if stage_two else None)
        yield from rules.panel_in_order(members=len(set(members)), panel_on=stage.panel_on,
                                            report_on=stage.report_on, responded_on=stage.responded_on)

    def appointee(self, pk) -> Appointee:
        return self.run.lookups.table("appointees", lambda: Appointee.objects.in_bulk())[pk]

    def settled_outcome(self, row, stage) -> bool:
        """Check the stage's outcome against how it ended and its points'
        findings; fill it in from the findings when left blank."""
        outcome = stage.outcome
        if stage.closed_on and not stage.responded_on:
            if outcome not in ENDINGS:
                self.problem(row, "outcome", "a stage closed without a response was withdrawn or resolved")
                return False
            return True
        if not stage.responded_on:
            if outcome:
                self.problem(row, "outcome", "a stage still open has no outcome yet: give its response date")
                return False
            return True
        findings = [f[stage.number - 1] for f in self.findings[stage.case_id]]
        follows = outcome_from_findings(findings) if findings and all(findings) else ""
        if outcome and outcome not in ANSWERS:
            self.problem(row, "outcome", "a stage with a response is upheld, partially upheld or not upheld")
        elif not outcome and not follows:
            self.problem(row, "outcome", f"give the outcome, or a Stage {stage.number} finding for every point")
        elif outcome and follows and outcome != follows:
            self.problem(row, "outcome", f"'{Case.Outcome(outcome).label}' does not follow from the points' "
                                         f"Stage {stage.number} findings: they make it "
                                         f"'{Case.Outcome(follows).label}'")
        else:
            stage.outcome = outcome or follows
            return True
        return False

    @staticmethod
    def settle(ids) -> None:
        """Set each complaint's current stage, status, outcome and closing date
        from its last stage, as the procedure does. One UPDATE."""
        last = Stage.objects.filter(case=OuterRef("pk")).order_by("-number")[:1]
        ended = Q(responded_on__isnull=False) | Q(closed_on__isnull=False)

        def of_last(expression):
            return Subquery(last.annotate(value=expression).values("value"))

        def either(then, otherwise):
            return Conditional(When(ended, then=then), default=otherwise)

        # Every case named has a stage: a batch's or one Stage 1 just opened.
        Case.objects.filter(pk__in=ids).update(
            current_stage=of_last(F("number")),
            status=of_last(either(Value(Case.Status.CLOSED), Value(Case.Status.OPEN))),
            outcome=of_last(either(F("outcome"), Value(""))),
            closed_on=of_last(Coalesce("responded_on", "closed_on")),
        )

    def finish(self):
        """Open Stage 1 for each complaint this import made or changed that has
        no stage (none in the file): it starts on the received date, as when a
        complaint is recorded. Two queries and an insert a few thousand cases."""
        ids, opened = sorted(self.run.touched), 0
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            staged = set(Stage.objects.filter(case_id__in=chunk).values_list("case_id", flat=True))
            cases = [case for case in Case.objects.filter(pk__in=chunk, kind=Case.Kind.COMPLAINT)
                     .values_list("pk", "procedure", "received_on") if case[0] not in staged]
            stages = []
            for pk, procedure, received in cases:
                stage = NewRecord(Stage, {"case_id": pk, "number": 1, "started_on": received})
                work_out_dates(self.run, procedure, stage, None)
                stages.append(stage)
            insert(stages)
            # Each case's only stage, and open: what settle() would work out, without its subqueries.
            Case.objects.filter(pk__in=[pk for pk, *_ in cases]).update(
                current_stage=1, status=Case.Status.OPEN, outcome="", closed_on=None)
            opened += len(cases)
        if opened:
            self.run.count(self.sheet, "created", opened)
            self.run.notice(f"Stage 1 opened for {opened:,} complaint{'s' if opened != 1 else ''} with no row "
                            "in Stages, started on the received date.")

    @classmethod
    def recompute(cls, run, case_ids, *, rerouted=()) -> None:
        """Work out again the due dates of these cases' stages after their
        received date or procedure changed (Stage 1 starts on the received
        date). An extension is kept while the procedure is the same: under the
        other one it goes, as procedure.route drops it."""
        stages = list(Stage.objects.filter(case_id__in=case_ids).select_related("case"))
        for stage in stages:
            if stage.number == 1:
                stage.started_on = stage.case.received_on
            if stage.case_id in rerouted:
                stage.extension_days = 0
            cal = run.calendar(stage.case.procedure)
            store_dates(run, stage, stage_due_dates(stage, cal), cal)
        Stage.objects.bulk_update(stages, ["started_on", *STAGE_WORKED_OUT])

    @classmethod
    def queryset(cls):
        return (Stage.objects.select_related("case").prefetch_related("panel")
                .order_by("case__reference", "number"))

    @classmethod
    def exported(cls, stage, row):
        row["number"] = stage.number
        if stage.number == 1:
            row["started_on"] = None
        row["extension_days"] = stage.extension_days or None
        members = list(stage.panel.all())
        row["panel_chair"] = next((m.appointee_id for m in members if m.chair), None)
        row["panel_others"] = tuple(sorted((m.appointee_id for m in members if not m.chair), key=str))
        return row


class RemedyMapper(HeldStagesMixin, NumberedMapper):
    model = Remedy
    group = ("case_id", "stage_number")
    noun, within = "remedy", "stage"

    def check(self, row):
        if row["kind"] == Remedy.Kind.FINANCIAL and not (row["amount"] and row["amount"] > 0):
            self.problem(row, "amount", "give the amount of the payment or adjustment, more than £0")
        elif row["kind"] != Remedy.Kind.FINANCIAL and row["amount"] is not None:
            self.problem(row, "amount", "only a financial payment or adjustment has an amount")


class LearningMapper(HeldStagesMixin, NumberedMapper):
    model = Learning
    group = ("case_id", "stage_number")
    noun, within = "learning", "stage"


# -- The other records ----------------------------------------------------------------


class CostMapper(Mapper):
    model = Cost
    parent = True
    order_by = ("incurred_on", "pk")

    def check(self, row):
        if row["amount"] <= 0:
            self.problem(row, "amount", "a cost is more than £0")


class OmbudsmanMapper(Mapper):
    model = OmbudsmanCase
    parent = True
    order_by = ("reference",)

    def check(self, row):
        if row["decision"] and not row["decision_on"]:
            self.problem(row, "decision_on", "give the date of the decision")
        for name in ("decision_on", "complied_on"):
            if row[name] and row[name] < row["enquiry_on"]:
                self.problem(row, name, f"{_day(row[name])} is before the enquiry, {_day(row['enquiry_on'])}")
        if row["payment_amount"] is not None:
            if row["payment_amount"] < 0:
                self.problem(row, "payment_amount", "a payment is not less than £0")
            elif not row["remedy_payment"]:
                self.problem(row, "remedy_payment", "a payment amount needs Payment: Yes")


# The Ombudsman's words for remedies in its decisions list, by the field that
# records them; a phrase is the first remedy whose word it contains.
REMEDY_WORDS = {
    "remedy_apology": ("apolog",),
    "remedy_payment": ("financial", "payment", "redress", "compensation"),
    "remedy_service_improvement": ("procedure", "policy", "training", "guidance", "improvement", "practice"),
    "remedy_corrective_action": ("action", "reconsider", "assess", "review", "provide", "corrective"),
}
NO_REMEDY = {"none", "no remedy", "n/a", "-"}


def remedies_from_words(text: str) -> dict[str, bool]:
    """The remedies an Ombudsman's remedy text names; ValueError for a phrase
    that names none of them."""
    found = dict.fromkeys(REMEDY_FIELDS, False)
    for phrase in (p.strip() for p in text.replace(";", ",").replace("\n", ",").split(",")):
        if not phrase or phrase.casefold() in NO_REMEDY:
            continue
        field = next((f for f, words in REMEDY_WORDS.items() if any(w in phrase.casefold() for w in words)), None)
        if field is None:
            raise ValueError(f"'{phrase}' is not a remedy this service records: apology, payment, corrective "
                             "action or service improvement")
        found[field] = True
    return found


class OmbudsmanDecisionMapper(Mapper):
    """The Ombudsman's published decisions: each updates the Ombudsman case
    held with that reference (decision, date, remedies, payment)."""

    model = OmbudsmanCase
    special = frozenset({"reference", "authority", "category", "remedy", "payment_amount"})

    def check(self, row):
        try:
            row.values["remedies"] = remedies_from_words(row["remedy"])
        except ValueError as error:
            self.problem(row, "remedy", str(error))
        if row["payment_amount"] is not None and row["payment_amount"] < 0:
            self.problem(row, "payment_amount", "a payment is not less than £0")

    def values(self, row, held):
        if held is None:
            self.problem(row, "reference", f"'{row['reference']}' is not an Ombudsman case held: add it to the "
                                           "Ombudsman cases sheet first")
            return None
        if row["decision_on"] < held.enquiry_on:
            self.problem(row, "decision_on", f"{_day(row['decision_on'])} is before the enquiry, "
                                             f"{_day(held.enquiry_on)}")
            return None
        values = super().values(row, held) | row["remedies"]
        values["payment_amount"] = row["payment_amount"]
        if row["payment_amount"] is not None:
            values["remedy_payment"] = True
        return values



class MembersMapper(Mapper):
    model = MembersEnquiry
    parent = True
    order_by = ("received_on", "pk")

    def check(self, row):
        if row["responded_on"] and row["responded_on"] < row["received_on"]:
            self.problem(row, "responded_on", f"{_day(row['responded_on'])} is before the date received, "
                                              f"{_day(row['received_on'])}")

    def values(self, row, held):
        memo = self.run.memo
        key = ("members", row["received_on"])
        if key not in memo:
            memo[key] = members_enquiry_due(row["received_on"], calendar=self.run.calendar("corporate"))
        due = memo[key]
        return super().values(row, held) | {"due_on": due.due, "due_explanation": due.as_dict()}


class ComplimentMapper(Mapper):
    model = Compliment
    order_by = ("received_on", "pk")

    def check(self, row):
        for field, message in compliment_publication_findings(
                consent_to_publish=bool(row["consent_to_publish"]), approved_on=row["approved_on"],
                published_text=row["published_text"] or ""):
            self.problem(row, field, message)


class ActionMapper(Mapper):
    """The action plan, with the cases and points of complaint each action came from."""

    model = Action
    special = frozenset({"cases", "points"})
    order_by = ("number",)

    def check(self, row):
        if row["target_on"] and row["target_on"] < row["starts_on"]:
            self.problem(row, "target_on", f"{_day(row['target_on'])} is before the start date, "
                                           f"{_day(row['starts_on'])}")

    def existing(self, rows):
        found = super().existing(rows)
        references = {ref for row in rows for ref in row["cases"]}
        references |= {ref for row in rows for ref, _ in row["points"]}
        self.case_ids = dict(Case.objects.filter(reference__in=references).values_list("reference", "pk"))
        self.point_ids = {(ref, number): pk for ref, number, pk in Point.objects.filter(
            case__reference__in=references).values_list("case__reference", "number", "pk")}
        held = [action.pk for action in found.values()]
        self.held_cases, self.held_points = defaultdict(set), defaultdict(set)
        for action_id, case_id in Action.cases.through.objects.filter(action_id__in=held).values_list(
                "action_id", "case_id"):
            self.held_cases[action_id].add(case_id)
        for action_id, point_id in Action.points.through.objects.filter(action_id__in=held).values_list(
                "action_id", "point_id"):
            self.held_points[action_id].add(point_id)
        self.pending = []
        return found

    def values(self, row, action):
        unknown = [ref for ref in row["cases"] if ref not in self.case_ids]
        unknown_points = [p for p in row["points"] if p not in self.point_ids]
        for ref in unknown:
            if not self.run.had_problems("Cases", (ref,)):
                self.problem(row, "cases", f"'{ref}' is not a case in the Cases sheet or held already")
        for ref, number in unknown_points:
            self.problem(row, "points", f"'{ref} point {number}' is not a point of complaint in the file or held")
        return None if unknown or unknown_points else super().values(row, action)

    def related_changed(self, row, action):
        cases = {self.case_ids[ref] for ref in row["cases"]}
        points = {self.point_ids[point] for point in row["points"]}
        changed = not action.pk or cases != self.held_cases[action.pk] or points != self.held_points[action.pk]
        if changed:
            self.pending.append((action, cases, points))
        return changed

    def save_related(self):
        actions = [action.pk for action, *_ in self.pending]
        Action.cases.through.objects.filter(action_id__in=actions).delete()
        Action.points.through.objects.filter(action_id__in=actions).delete()
        insert([NewRecord(Action.cases.through, {"action_id": a.pk, "case_id": c})
                for a, cases, _ in self.pending for c in cases])
        insert([NewRecord(Action.points.through, {"action_id": a.pk, "point_id": p})
                for a, _, points in self.pending for p in points])
        self.run.touch(c for _, cases, _ in self.pending for c in cases)

    @classmethod
    def queryset(cls):
        return Action.objects.order_by("number").prefetch_related("cases", "points__case")

    @classmethod
    def exported(cls, action, row):
        row["cases"] = tuple(sorted(case.reference for case in action.cases.all()))
        row["points"] = tuple(sorted(((p.case.reference, p.number) for p in action.points.all()), key=str))
        return row


class ActionUpdateMapper(Mapper):
    model = ActionUpdate
    special = frozenset({"action"})
    order_by = ("action__number", "written_on", "pk")

    def existing(self, rows):
        self.actions = dict(Action.objects.filter(number__in={row["action"] for row in rows})
                            .values_list("number", "pk"))
        found = ActionUpdate.objects.filter(action_id__in=self.actions.values()).select_related("action")
        return {(u.action.number, u.written_on, u.text): u for u in found}

    def values(self, row, update):
        if row["action"] not in self.actions:
            if not self.run.had_problems("Actions", (row["action"],)):
                self.problem(row, "action", f"there is no action {row['action']} in the Actions sheet or held")
            return None
        return super().values(row, update) | {"action_id": self.actions[row["action"]]}

    @classmethod
    def queryset(cls):
        return ActionUpdate.objects.select_related("action").order_by(*cls.order_by)

    @classmethod
    def exported(cls, update, row):
        return row | {"action": update.action.number}


class EarlierYearsMapper(Mapper):
    """Earlier years' published figures, kept by the reports app (when it is installed)."""

    special = frozenset({"column"})

    def __init__(self, sheet, run):
        super().__init__(sheet, run)
        self.model = self.figures()

    @staticmethod
    def figures():
        return apps.get_model("reports", "EnteredFigure")

    @classmethod
    def available(cls) -> bool:
        return apps.is_installed("complaints.reports")

    def check(self, row):
        if row["column"] and row["column"] != row["year"]:
            self.problem(row, "column", "the report keeps one figure for each year, table and row: leave "
                                        "this blank")

    def save(self, new, changed):
        for figure in new:
            figure.values["entered_by_id"] = self.run.by.pk if self.run.by else None
        super().save(new, changed)

    @classmethod
    def queryset(cls):
        return cls.figures().objects.order_by("year", "table_id", "row")

    @classmethod
    def export(cls, sheet):
        return super().export(sheet) if cls.available() else iter(())

    @classmethod
    def exported(cls, figure, row):
        return row | {"column": ""}
