"""Create demonstration users and a believable year of cases. Safe to run twice."""

import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from complaints.accounts.models import ServiceArea, Team, User
from complaints.casework import procedure, services
from complaints.casework.models import Appointee, Case, Channel, Point, Theme
from complaints.demo.reference_dataset import load_reference_years

# Invented people: the reference report names real staff, demonstration data never does.
FIRST_NAMES = ["Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hassan", "Isla", "Jonah",
               "Kezia", "Liam", "Maya", "Nathan", "Olu", "Priya", "Quinn", "Rosa", "Sami", "Tia"]
LAST_NAMES = ["Adeyemi", "Brook", "Clarke", "Dhillon", "Evans", "Fraser", "Gill", "Hughes",
              "Iqbal", "Jones", "Kowalski", "Lewis", "Mensah", "Novak", "O'Brien", "Patel"]

DEMO_PASSWORD = "demo-password-2026"

DEMO_USERS = [
    # username, first, last, role, team name, service area name
    ("officer", "Olivia", "Officer", User.Role.OFFICER, None, None),
    ("manager", "Marcus", "Manager", User.Role.MANAGER, None, None),
    ("responder", "Rhea", "Responder", User.Role.RESPONDING, "Intervention and Support Service", None),
    ("head", "Hugo", "Head", User.Role.HEAD, None, "Corporate Parenting"),
    ("reports", "Rita", "Reports", User.Role.REPORTS, None, None),
    ("admin", "Ada", "Administrator", User.Role.ADMIN, None, None),
]

SUMMARIES = [
    ("communication", "My calls and emails to the social worker were not returned for three weeks."),
    ("attitude", "The social worker was dismissive when I raised my concerns at the meeting."),
    ("standard", "The assessment was not completed in the time we were told it would be."),
    ("decision", "I disagree with the decision to change the contact arrangements."),
    ("inaccurate", "The assessment records the wrong school and the wrong dates of a move."),
    ("financial", "The allowance was stopped without notice and has not been backdated."),
    ("delay", "We have waited months for the respite service that was agreed."),
    ("data", "A report about my family was sent to the wrong address."),
]


class Command(BaseCommand):
    help = "Create demonstration users and a year of cases (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug", action="store_true",
            help="Run even though DEBUG is off (tests; never on a live system).",
        )

    def handle(self, *args, allow_without_debug=False, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "Demonstration users have published passwords: run this only with DEBUG on."
            )
        with transaction.atomic():
            users = self._users()
            self._appointees()
            if Case.objects.exists():
                self.stdout.write("Cases already exist: no demonstration cases added.")
            else:
                made = self._cases(users)
                self.stdout.write(f"Created {made} demonstration cases.")
            if made := load_reference_years(by=users["officer"]):
                self.stdout.write(f"Created {made} cases of 2020-21 and 2021-22 (the reference report).")
        self.stdout.write("Demonstration users (password for each: %s):" % DEMO_PASSWORD)
        for username, first, last, role, *_ in DEMO_USERS:
            self.stdout.write(f"  {username:<10} {first} {last} ({role.label})")

    def _users(self):
        users = {}
        for username, first, last, role, team, area in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first, "last_name": last, "role": role,
                    "email": f"{username}@example.gov.uk",
                    "team": Team.objects.filter(name=team).first() if team else None,
                    "service_area": ServiceArea.objects.filter(name=area).first() if area else None,
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
            if created or user.check_password(DEMO_PASSWORD):
                # The password is published: the account signs in only while DEBUG is on.
                user.demonstration = True
                user.save(update_fields=["password", "demonstration"])
            users[username] = user
        return users

    def _cases(self, users) -> int:
        rng = random.Random(2026)
        today = services.today()
        teams = list(Team.objects.all())
        channels = {c.code: c for c in Channel.objects.all()}
        channel_weights = [("email", 37), ("telephone", 17), ("online", 24), ("letter", 2),
                           ("childrens-app", 3), ("in-person", 2)]
        themes = {t.code: t for t in Theme.objects.all()}
        officers = [users["officer"], users["manager"], users["responder"], None]
        cal = services.calendar("statutory")
        made = 0
        for n in range(70):
            received = today - timedelta(days=rng.randint(0, 360))
            if not cal.is_working_day(received):
                received = cal.next_working_day(received)
                if received > today:
                    continue
            kind = Case.Kind.ENQUIRY if n % 6 == 5 else Case.Kind.COMPLAINT
            route = rng.choice(["statutory"] * 3 + ["corporate"])
            code, summary = rng.choice(SUMMARIES)
            team = rng.choice(teams)
            family = rng.choice(LAST_NAMES)
            relationship = rng.choice(["parent"] * 8 + ["young_person", "advocate", "foster_carer"])
            complainant = f"{rng.choice(FIRST_NAMES)} {family}"
            children = [
                {"name": f"{rng.choice(FIRST_NAMES)} {family}",
                 "date_of_birth": received - timedelta(days=rng.randint(365, 17 * 365)),
                 "person_id": f"P{rng.randint(100000, 999999)}"}
                for _ in range(rng.choice([1, 1, 1, 2, 3]))
            ]
            channel = channels[rng.choices(*zip(*channel_weights))[0]]
            case = services.record_case(
                services.NewCase(
                    kind=kind, procedure=route if kind == Case.Kind.COMPLAINT else "",
                    procedure_reason="The child is looked after; the complaint is about a qualifying function."
                    if route == "statutory" else "The complaint is about a service outside Part 3 of the Children Act 1989.",
                    received_on=received, channel=channel, team=team,
                    officer=rng.choice(officers), summary=summary,
                    desired_outcome="An apology and a clear plan for what happens next.",
                    complainant={"name": complainant, "relationship": relationship,
                                 "email": f"{complainant.split()[0].lower()}@example.com"},
                    children=children,
                    points=[{"summary": summary, "theme": themes[code]}]
                    + ([{"summary": "Nobody explained what would happen next.",
                         "theme": themes["communication"]}] if rng.random() < 0.4 else []),
                ),
                by=users["officer"],
            )
            made += 1
            if kind == Case.Kind.COMPLAINT and (today - received).days > 30 and rng.random() < 0.85:
                self._close(case, rng, cal, users["officer"])
            elif kind == Case.Kind.ENQUIRY and (today - received).days > 14:
                procedure.resolve(case, on=cal.add_working_days(received, 3), by=users["officer"],
                                  how="Explained the service and gave the team's contact details.")
        return made

    def _close(self, case, rng, cal, by):
        """Take a complaint through the procedure with the same functions the
        case pages call: acknowledgement, sometimes an extension, the Stage 1
        response or a withdrawal, and for some a Stage 2 or Stage 3."""
        today = services.today()

        def day(start, days):
            return min(cal.add_working_days(start, days), today)

        stage = case.stages.get(number=1)
        procedure.acknowledge(case, on=day(case.received_on, rng.randint(1, 3)), method="email", by=by)
        if rng.random() < 0.15:
            procedure.withdraw(case, on=day(case.received_on, 4), reason="The family said it was sorted out.",
                               by=by)
            return
        if rng.random() < 0.2:
            advocate = rng.random() < 0.5
            procedure.extend(case, new_due=cal.add_working_days(stage.due_on, 5),
                             kind="advocate" if advocate else "complex",
                             reason="To arrange an advocate." if advocate else "Several teams involved.",
                             told_on=day(case.received_on, 5), by=by)
            stage.refresh_from_db()
        answered = day(stage.acknowledged_on or case.received_on, rng.choice([6, 8, 9, 10, 12, 15]))
        procedure.respond(case, on=answered, findings=self._findings(case, rng), by=by)
        if rng.random() < 0.4:
            procedure.add_remedy(case, kind="apology", detail="Written apology from the team manager.", by=by)
        if rng.random() < 0.3:
            procedure.add_learning(case, text="Return calls within two working days.", by=by)
        if (today - answered).days < 60 or rng.random() > 0.25:
            return
        procedure.request_stage_two(case, on=day(answered, 10), by=by)
        if rng.random() < 0.35:
            procedure.resolve(case, on=day(answered, 15), how="Met the family with the service manager.", by=by)
            return
        people = list(Appointee.objects.filter(
            council_member=False, council_officer=False, partner_of_member_or_officer=False))
        procedure.appoint_investigation(
            case, investigating_officer="Jordan Investigator", investigator_kind="external",
            independent_person=people[0] if case.procedure == "statutory" else None,
            adjudicator="Director of Children's Services", by=by)
        adjudicated = day(case.stages.get(number=2).started_on, rng.choice([20, 25, 30]))
        procedure.respond(case, on=adjudicated, findings=self._findings(case, rng), by=by)
        if case.procedure == "statutory" and (today - adjudicated).days > 70 and rng.random() < 0.5:
            procedure.request_stage_three(case, on=day(adjudicated, 10), by=by)
            procedure.convene_panel(case, members=people[1:4], chair=people[1], by=by)
            met = day(adjudicated, 35)
            procedure.record_panel_meeting(case, on=met, findings=self._findings(case, rng), by=by)
            procedure.record_panel_report(case, on=day(met, 4), by=by)
            procedure.respond_to_panel(case, on=day(met, 18), by=by)

    def _findings(self, case, rng):
        return {pk: rng.choice(Point.Finding.values) for pk in case.points.values_list("pk", flat=True)}

    def _appointees(self):
        for name, organisation in [("Pat Kowalski", "Independent"), ("Robin Hughes", "Independent"),
                                   ("Sam Okafor", "Independent"), ("Alex Novak", "Independent")]:
            Appointee.objects.get_or_create(name=name, defaults={"organisation": organisation})
        Appointee.objects.get_or_create(name="Cllr Jo Bloggs", defaults={"council_member": True})
