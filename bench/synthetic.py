"""A synthetic caseload for benchmarks: ``years`` reporting years of ``per_year``
cases each (20 x 50,000 by default), written straight into the tables with the
database's fastest bulk path (COPY on PostgreSQL, executemany on SQLite).

The rows are the ones the annual report reads, shaped like a real council's:
complaints and enquiries received through the year (weekdays mostly), a Stage 1
for every complaint with its due dates, working days taken and outcome, about
8% going to Stage 2 (a quarter of those resolved without an investigation) and
about 1% to Stage 3; a complainant and one to three children per case, most
children with equality monitoring; one or two points of complaint with themes
and Stage 1 findings; and each year's costs, Ombudsman enquiries, members'
correspondence, compliments and actions. The latest year generated is the last
complete reporting year; its last few weeks' complaints are still open.

Only for a database made for benchmarking: it writes explicit ids, switches off
foreign-key checks and (on SQLite) durability while it loads. Run it on a fresh
database after ``migrate``:

    from bench.synthetic import generate
    counts = generate(years=20, per_year=50_000)

Deterministic for a given (years, per_year, seed).
"""

from __future__ import annotations

import random
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection, transaction

from complaints.accounts.models import Team
from complaints.casework.models import (
    Case,
    Channel,
    Child,
    Complainant,
    Disability,
    Ethnicity,
    Monitoring,
    Point,
    Religion,
    Stage,
    Theme,
)
from complaints.records.models import (
    DECISION_VOCABULARY,
    OLDER,
    Action,
    ActionUpdate,
    Compliment,
    Cost,
    MembersEnquiry,
    OmbudsmanCase,
)
from complaints.years import FinancialYear

NOW = datetime(2026, 1, 1, tzinfo=UTC)

# (value, weight): how often each appears.
KINDS = [("complaint", 78), ("enquiry", 22)]
PROCEDURES = [("statutory", 55), ("corporate", 45)]
CHANNELS = {"email": 40, "online": 25, "telephone": 15, "letter": 10, "childrens-app": 5, "in-person": 5}
STAGE1_OUTCOMES = [("upheld", 18), ("partial", 24), ("not_upheld", 43), ("withdrawn", 8), ("resolved", 7)]
LATER_OUTCOMES = [("upheld", 15), ("partial", 30), ("not_upheld", 55)]
RELATIONSHIPS = [("parent", 55), ("family", 8), ("special_guardian", 4), ("young_person", 10),
                 ("advocate", 6), ("foster_carer", 6), ("professional", 6), ("other", 5)]
GENDERS = [("female", 46), ("male", 48), ("other", 1), ("not_known", 4), ("prefer_not", 1)]
# Working days a Stage 1 took: most within 10, a tail beyond 20.
STAGE1_DAYS = [(d, 9) for d in range(1, 11)] + [(d, 2.5) for d in range(11, 21)] + [(d, 0.6) for d in range(21, 61)]
FINDINGS = {"upheld": ["upheld"], "partial": ["upheld", "partial", "not_upheld"], "not_upheld": ["not_upheld"],
            "withdrawn": [""], "resolved": [""], "": [""]}


def _pick(pairs, k, rng):
    values, weights = zip(*pairs)
    return rng.choices(values, weights, k=k)


def _wd(days: int) -> int:
    """Calendar days for ``days`` working days (near enough for synthetic data)."""
    return days + 2 * (days // 5)


class _Loader:
    """Appends rows to a table through the database's bulk path. Columns the
    generator does not set take the model field's default; a new column that is
    required and has no default stops the generator, loudly."""

    def __init__(self):
        connection.ensure_connection()
        self.vendor = connection.vendor
        self.raw = connection.connection
        self.counts: dict[str, int] = {}
        self._plans: dict[type, tuple] = {}

    def plan(self, model, names):
        if model not in self._plans:
            fields = {f.attname: f for f in model._meta.concrete_fields}
            missing = [n for n in names if n not in fields]
            if missing:
                raise ValueError(f"{model.__name__} has no field(s) {missing}")
            rest, defaults = [], []
            for attname, field in fields.items():
                if attname in names:
                    continue
                if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                    value = NOW
                else:
                    value = field.get_default()
                if value is None and not field.null:
                    raise ValueError(f"bench/synthetic.py must set {model.__name__}.{attname} (required, no default)")
                value = field.get_db_prep_save(value, connection)
                rest.append(field.column)
                defaults.append(value)
            columns = [fields[n].column for n in names] + rest
            self._plans[model] = (columns, tuple(defaults))
        return self._plans[model]

    def insert(self, model, names, rows):
        columns, defaults = self.plan(model, names)
        table = model._meta.db_table
        rows = [row + defaults for row in rows]
        if not rows:
            return
        quoted = ", ".join(f'"{c}"' for c in columns)
        cursor = self.raw.cursor()
        try:
            if self.vendor == "postgresql":
                with cursor.copy(f'COPY "{table}" ({quoted}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" * len(columns))
                cursor.executemany(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', rows)
        finally:
            cursor.close()
        self.counts[table] = self.counts.get(table, 0) + len(rows)


def last_complete_year(today: date | None = None) -> FinancialYear:
    return FinancialYear.of(today or date.today()).previous


def generate(years: int = 20, per_year: int = 50_000, *, seed: int = 2006, progress=None) -> dict[str, int]:
    """Write the caseload; return rows written per table. Expects the case
    tables to be empty (a fresh, migrated database)."""
    if Case.objects.exists():
        raise RuntimeError("The database already has cases: generate into a fresh, migrated database.")
    rng = random.Random(f"{seed}-{years}-{per_year}")
    last = last_complete_year()
    first = FinancialYear(last.start_year - years + 1)
    ref = {
        "teams": list(Team.objects.order_by("id").values_list("id", flat=True)),
        "channels": dict(Channel.objects.values_list("code", "id")),
        "themes": list(Theme.objects.order_by("order").values_list("id", flat=True)),
        "ethnicities": list(Ethnicity.objects.order_by("order").values_list("id", flat=True)),
        "disabilities": list(Disability.objects.order_by("order").values_list("id", flat=True)),
        "religions": list(Religion.objects.order_by("order").values_list("id", flat=True)),
    }
    loader = _Loader()
    ids = {"case": 0, "stage": 0, "child": 0, "monitoring": 0, "point": 0, "other": 0, "action": 0}
    started = time.perf_counter()
    _prepare(loader)
    try:
        for n in range(years):
            year = FinancialYear(first.start_year + n)
            with transaction.atomic():
                _year(loader, rng, year, per_year, ids, ref, latest=(year == last))
            if progress:
                progress(f"{year}: {sum(loader.counts.values()):,} rows in {time.perf_counter() - started:.1f} s")
    finally:
        _finish(loader)
    return loader.counts


def _prepare(loader: _Loader) -> None:
    with connection.cursor() as cursor:
        if loader.vendor == "sqlite":
            # The bench database only: no durability, no foreign-key lookups while loading.
            for pragma in ("journal_mode=WAL", "synchronous=OFF", "foreign_keys=OFF", "cache_size=-262144"):
                cursor.execute(f"PRAGMA {pragma}")
        else:
            # Skips the deferred foreign-key triggers (the rows are consistent by construction).
            cursor.execute("SET session_replication_role = replica")


def _finish(loader: _Loader) -> None:
    with connection.cursor() as cursor:
        if loader.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
        else:
            cursor.execute("SET session_replication_role = DEFAULT")
            touched = [Case, Complainant, Child, Monitoring, Monitoring.disabilities.through, Stage, Point,
                       Cost, OmbudsmanCase, MembersEnquiry, Compliment, Action, ActionUpdate]
            for sql in connection.ops.sequence_reset_sql(no_style(), touched):
                cursor.execute(sql)
        cursor.execute("ANALYZE")


def _year(loader, rng, year: FinancialYear, m: int, ids, ref, *, latest: bool):
    start = year.starts_on
    days = (year.ends_on - start).days + 1
    day_weights = [1 if (start + timedelta(d)).weekday() < 5 else 0.08 for d in range(days)]
    offsets = sorted(rng.choices(range(days), day_weights, k=m))
    kinds = _pick(KINDS, m, rng)
    procedures = _pick(PROCEDURES, m, rng)
    channel_ids = rng.choices([ref["channels"][c] for c in CHANNELS], list(CHANNELS.values()), k=m)
    team_weights = [30, 22, 14, 12, 8, 7, 4, 3][: len(ref["teams"])] + [3] * max(0, len(ref["teams"]) - 8)
    team_ids = rng.choices(ref["teams"] + [None], team_weights + [2], k=m)
    outcomes1 = _pick(STAGE1_OUTCOMES, m, rng)
    days1 = _pick(STAGE1_DAYS, m, rng)
    relationships = _pick(RELATIONSHIPS, m, rng)
    n_children = rng.choices([1, 2, 3], [60, 28, 12], k=m)
    n_points = rng.choices([1, 2], [65, 35], k=m)
    random_ = rng.random
    randint = rng.randint
    # Complaints received in the last five weeks of the latest year are still at Stage 1.
    open_from = days - 35 if latest else days + 1

    cases, complainants, children, monitoring, disabilities, stages, points = [], [], [], [], [], [], []
    stage_cols = ["id", "case_id", "number", "started_on", "acknowledge_due_on", "acknowledged_on", "acknowledged_by",
                  "due_on", "responded_on", "closed_on", "working_days_taken", "outcome", "extension_reason",
                  "extension_kind", "resolved_without_investigation", "investigating_officer", "panel_due_on",
                  "panel_on", "report_due_on", "report_on"]
    case_of_year = []
    for i in range(m):
        ids["case"] += 1
        case_id = ids["case"]
        case_of_year.append(case_id)
        received = start + timedelta(offsets[i])
        reference = f"{'COM' if kinds[i] == 'complaint' else 'ENQ'}-{year.start_year}-{i + 1:06d}"
        team_id = team_ids[i]
        if kinds[i] == "enquiry":
            closed = received + timedelta(randint(0, 20))
            cases.append((case_id, reference, "enquiry", "", received, channel_ids[i], team_id, "closed", 0,
                          "resolved", closed, "Synthetic enquiry", None, None, False))
        else:
            procedure = procedures[i]
            statutory = procedure == "statutory"
            offered = received + timedelta(randint(1, 5)) if statutory and random_() < 0.3 else None
            accepted = (random_() < 0.5) if offered else None
            provided = bool(accepted) and random_() < 0.8
            ids["stage"] += 1
            ack_due = received + timedelta(_wd(3 if statutory else 5))
            due = received + timedelta(_wd(10 if statutory else 15))
            if offsets[i] >= open_from:
                outcome, wd, ended, ack = "", None, None, (ack_due if random_() < 0.8 else None)
                stages.append((ids["stage"], case_id, 1, received, ack_due, ack, "email" if ack else "", due,
                               None, None, None, "", "", "", False, "", None, None, None, None))
                cases.append((case_id, reference, "complaint", procedure, received, channel_ids[i], team_id,
                              "open", 1, "", None, "Synthetic complaint", offered, accepted, provided))
            else:
                outcome, wd = outcomes1[i], days1[i]
                ended = received + timedelta(_wd(wd))
                extended = wd > 10 and random_() < 0.4
                if extended:
                    due = received + timedelta(_wd(20))
                ack = min(ack_due, ended) if random_() < 0.9 else ended
                responded, closed = (None, ended) if outcome in ("withdrawn", "resolved") else (ended, None)
                stages.append((ids["stage"], case_id, 1, received, ack_due, ack, "letter" if random_() < 0.2
                               else "email", due, responded, closed, wd, outcome,
                               "The complaint is complex" if extended else "", "complex" if extended else "",
                               False, "", None, None, None, None))
                current, final, case_closed = 1, outcome, ended
                if responded and outcome != "upheld" and random_() < 0.085:
                    requested = ended + timedelta(randint(3, 40))
                    without = random_() < 0.25
                    ids["stage"] += 1
                    wd2 = randint(3, 15) if without else randint(15, 65)
                    end2 = requested + timedelta(_wd(wd2))
                    out2 = "resolved" if without else _pick(LATER_OUTCOMES, 1, rng)[0]
                    resp2, closed2 = (None, end2) if without else (end2, None)
                    stages.append((ids["stage"], case_id, 2, requested, requested + timedelta(_wd(2)),
                                   requested + timedelta(1), "email", requested + timedelta(_wd(25)), resp2, closed2,
                                   wd2, out2, "", "", without, "" if without else "Independent investigator",
                                   None, None, None, None))
                    current, final, case_closed = 2, out2, end2
                    if not without and out2 != "upheld" and random_() < 0.13:
                        requested3 = end2 + timedelta(randint(5, 19))
                        ids["stage"] += 1
                        panel_due = requested3 + timedelta(_wd(30))
                        panel = requested3 + timedelta(_wd(randint(15, 30)))
                        report_due = panel + timedelta(_wd(5))
                        report = panel + timedelta(_wd(randint(2, 5)))
                        response = report + timedelta(_wd(randint(5, 15)))
                        out3 = _pick(LATER_OUTCOMES, 1, rng)[0]
                        stages.append((ids["stage"], case_id, 3, requested3, requested3 + timedelta(_wd(2)),
                                       requested3 + timedelta(1), "letter", report + timedelta(_wd(15)), response,
                                       None, (response - requested3).days * 5 // 7, out3, "", "", False, "",
                                       panel_due, panel, report_due, report))
                        current, final, case_closed = 3, out3, response
                cases.append((case_id, reference, "complaint", procedure, received, channel_ids[i], team_id,
                              "closed", current, final, case_closed, "Synthetic complaint", offered, accepted,
                              provided))
            for p in range(n_points[i]):
                ids["point"] += 1
                finding = rng.choice(FINDINGS[outcome]) if outcome else ""
                points.append((ids["point"], case_id, p + 1, "Synthetic point of complaint",
                               rng.choice(ref["themes"]), finding))
        complainants.append((case_id, case_id, f"Complainant {case_id}", relationships[i]))
        for _ in range(n_children[i]):
            ids["child"] += 1
            child_id = ids["child"]
            age = randint(0, 17) if random_() < 0.95 else None
            children.append((child_id, case_id, f"Child {child_id}", age))
            if random_() < 0.65:
                ids["monitoring"] += 1
                mon_id = ids["monitoring"]
                monitoring.append((mon_id, child_id, _pick(GENDERS, 1, rng)[0],
                                   rng.choice(ref["ethnicities"]) if random_() < 0.9 else None,
                                   rng.choice(ref["religions"]) if random_() < 0.7 else None))
                r = random_()
                for disability in rng.sample(ref["disabilities"], 0 if r < 0.5 else 1 if r < 0.9 else 2):
                    ids["other"] += 1
                    disabilities.append((ids["other"], mon_id, disability))

    loader.insert(Case, ["id", "reference", "kind", "procedure", "received_on", "channel_id", "team_id", "status",
                         "current_stage", "outcome", "closed_on", "summary", "advocacy_offered_on",
                         "advocacy_accepted", "advocacy_provided"], cases)
    loader.insert(Complainant, ["id", "case_id", "name", "relationship"], complainants)
    loader.insert(Child, ["id", "case_id", "name", "age_at_receipt"], children)
    loader.insert(Monitoring, ["id", "child_id", "gender", "ethnicity_id", "religion_id"], monitoring)
    loader.insert(Monitoring.disabilities.through, ["id", "monitoring_id", "disability_id"], disabilities)
    loader.insert(Stage, stage_cols, stages)
    loader.insert(Point, ["id", "case_id", "number", "summary", "theme_id", "stage1_finding"], points)
    _records(loader, rng, year, m, ids, ref, case_of_year)


def _records(loader, rng, year: FinancialYear, m: int, ids, ref, case_ids):
    """The year's costs, Ombudsman enquiries, members' correspondence,
    compliments and actions (in proportion to the caseload)."""
    start, days = year.starts_on, (year.ends_on - year.starts_on).days + 1

    def day():
        return start + timedelta(rng.randrange(days))

    def nid():
        ids["other"] += 1
        return ids["other"]

    costs = []
    for _ in range(max(1, m // 250)):
        category = _pick([("publicity", 5), ("investigators", 40), ("ind_persons", 30), ("panel", 10),
                          ("payments", 15)], 1, rng)[0]
        costs.append((nid(), category, Decimal(rng.randrange(5_000, 250_000)) / 100, day(),
                      rng.choice(case_ids) if category != "publicity" else None))
    loader.insert(Cost, ["id", "category", "amount", "incurred_on", "case_id"], costs)

    decisions = [d for d in DECISION_VOCABULARY if (DECISION_VOCABULARY[d] == OLDER) == (year.start_year < 2019)]
    ombudsman = []
    for n in range(max(1, m // 800)):
        enquiry = day()
        decided = rng.random() < 0.9
        decision = rng.choice(decisions) if decided else ""
        payment = decided and rng.random() < 0.3
        ombudsman.append((nid(), f"LGSCO-{year.start_year}-{n + 1:05d}", enquiry, rng.choice(case_ids),
                          enquiry + timedelta(rng.randint(20, 200)) if decided else None, decision,
                          decided and rng.random() < 0.6, payment, decided and rng.random() < 0.3,
                          decided and rng.random() < 0.2,
                          Decimal(rng.randrange(100, 2_000)) if payment else None))
    loader.insert(OmbudsmanCase, ["id", "reference", "enquiry_on", "case_id", "decision_on", "decision",
                                  "remedy_apology", "remedy_payment", "remedy_corrective_action",
                                  "remedy_service_improvement", "payment_amount"], ombudsman)

    members = []
    for _ in range(max(1, m // 100)):
        received = day()
        due = received + timedelta(_wd(10))
        members.append((nid(), f"Councillor {rng.randint(1, 60)}", rng.choice(["councillor", "mp"]), received,
                        rng.choice(ref["teams"]), "Synthetic enquiry", due,
                        received + timedelta(_wd(rng.randint(2, 14)))))
    loader.insert(MembersEnquiry, ["id", "member_name", "member_kind", "received_on", "team_id", "subject", "due_on",
                                   "responded_on"], members)

    compliments = []
    for _ in range(max(1, m // 50)):
        compliments.append((nid(), day(), rng.choice(ref["teams"] + [None]),
                            rng.choice(["parent", "young_person", "carer", "prof_internal", "prof_external"]),
                            "Thank you for all your help this year.", rng.random() < 0.3))
    loader.insert(Compliment, ["id", "received_on", "team_id", "given_by", "words", "consent_to_publish"],
                  compliments)

    actions, updates = [], []
    for _ in range(10):
        ids["action"] += 1
        starts = day()
        ongoing = rng.random() < 0.2
        actions.append((ids["action"], ids["action"], "Synthetic learning action", "Head of service", starts,
                        "Fewer complaints about this", None if ongoing else starts + timedelta(rng.randint(30, 365)),
                        "On-going" if ongoing else "",
                        rng.choice(["not_started", "in_progress", "done", "done", "dropped"])))
        for k in range(rng.randint(1, 3)):
            updates.append((nid(), ids["action"], starts + timedelta(30 * (k + 1)), "Progress update"))
    loader.insert(Action, ["id", "number", "task", "owners", "starts_on", "intended_outcome", "target_on",
                           "target_text", "status"], actions)
    loader.insert(ActionUpdate, ["id", "action_id", "written_on", "text"], updates)
