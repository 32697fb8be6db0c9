"""The daily reminders: what each person has overdue and due soon and, for
complaints managers, the same for their team, the cases nobody has yet and the
overdue actions of the action plan.

``build_reminders`` returns plain data; ``render`` writes one as an email;
``queue_reminders`` puts the day's emails in the outbox once.

Data protection: an email carries case references, stages, dates and staff
names only, never a child's or complainant's name nor what the complaint says.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from django.conf import settings
from django.db.models import Q
from django.urls import reverse

from complaints.accounts.access import visible_cases
from complaints.accounts.models import User
from complaints.casework import services
from complaints.casework.models import Case
# The annotation My work and the case list use for "acknowledge by" and "respond by".
from complaints.casework.models import with_next_due
from complaints.notifications.outbox import enqueue
from complaints.records.models import Action as PlanAction


@dataclass(frozen=True)
class Deadline:
    """The next thing due on a case: ``what`` is "Acknowledgement" or
    "Stage N response" (empty, with no ``due_on``, when nothing is due)."""

    reference: str
    what: str
    due_on: date | None
    url: str


@dataclass
class OfficerDeadlines:
    officer: str
    overdue: list[Deadline]
    due_soon: list[Deadline]


@dataclass
class TeamDigest:
    """A complaints manager's view of their team (or of every team)."""

    name: str
    officers: list[OfficerDeadlines]
    unallocated: list[Deadline]

    @property
    def overdue_count(self) -> int:
        return sum(len(o.overdue) for o in self.officers)

    @property
    def due_soon_count(self) -> int:
        return sum(len(o.due_soon) for o in self.officers)

    def is_empty(self) -> bool:
        return not (self.officers or self.unallocated)


@dataclass(frozen=True)
class OverdueAction:
    number: int
    target_on: date


@dataclass
class Reminder:
    user: User
    today: date
    soon: date
    overdue: list[Deadline]
    due_soon: list[Deadline]
    team: TeamDigest | None = None
    overdue_actions: list[OverdueAction] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (
            self.overdue or self.due_soon or self.overdue_actions
            or (self.team and not self.team.is_empty())
        )

    @property
    def dedupe_key(self) -> str:
        return f"reminders/{self.today.isoformat()}/user-{self.user.pk}"


def build_reminders(today: date) -> list[Reminder]:
    """Today's reminder for each active person who has something overdue or due
    within DUE_SOON_WORKING_DAYS working days (the statutory calendar, as on My
    work), and for each complaints manager with anything to report about their
    team (every team if they have none): deadlines by officer, unallocated cases
    and overdue actions. Nobody with nothing to report is included.

    Three queries, then one per person with open cases and two per manager.
    """
    soon = services.calendar("statutory").add_working_days(today, settings.DUE_SOON_WORKING_DAYS)
    actions = [
        OverdueAction(action.number, action.target_on)
        for action in PlanAction.objects.overdue(today).order_by("target_on", "number")
    ]
    people = (
        User.objects.filter(is_active=True)
        .filter(Q(allocated_cases__status=Case.Status.OPEN) | Q(role=User.Role.MANAGER))
        .select_related("team")
        .distinct()
        .order_by("pk")
    )
    reminders = []
    for user in people:
        # My work's cases: open, allocated to this person, within what they may see.
        mine = visible_cases(user, Case.objects.open()).filter(officer=user)
        overdue, due_soon = _split(_due_by(mine, today, soon), today, soon)
        reminder = Reminder(user=user, today=today, soon=soon, overdue=overdue, due_soon=due_soon)
        if user.role == User.Role.MANAGER:
            reminder.team = _team_digest(user, today, soon)
            reminder.overdue_actions = actions
        if not reminder.is_empty():
            reminders.append(reminder)
    return reminders


def _due_by(cases, today: date, soon: date):
    """Those of ``cases`` that are overdue or due by ``soon``, annotated with
    their deadlines. One query when read."""
    return with_next_due(cases.overdue(today) | cases.due_between(today, soon)).order_by(
        "next_due_on", "reference"
    )


def _split(cases, today: date, soon: date) -> tuple[list[Deadline], list[Deadline]]:
    """The deadlines of annotated ``cases`` that fall by ``soon``: (overdue, due soon)."""
    overdue, due_soon = [], []
    for case in cases:
        url = case_url(case.reference)
        for what, day in _deadlines(case):
            if day <= soon:
                listed = overdue if day < today else due_soon
                listed.append(Deadline(case.reference, what, day, url))
    order = attrgetter("due_on", "reference")
    return sorted(overdue, key=order), sorted(due_soon, key=order)


def _deadlines(case) -> list[tuple[str, date]]:
    """A case's unmet deadlines, from with_next_due's annotations."""
    found = []
    if case.ack_due_on:
        found.append(("Acknowledgement", case.ack_due_on))
    if case.response_due_on:
        found.append((f"Stage {case.current_stage} response", case.response_due_on))
    return found


def _team_digest(manager: User, today: date, soon: date) -> TeamDigest:
    """Two queries."""
    scope = visible_cases(manager, Case.objects.open())
    if manager.team_id:
        scope = scope.filter(team_id=manager.team_id)
    by_officer = defaultdict(list)
    for case in _due_by(scope.exclude(officer=None), today, soon):
        by_officer[case.officer].append(case)
    officers = [
        OfficerDeadlines(str(officer), *_split(cases, today, soon))
        for officer, cases in sorted(by_officer.items(), key=lambda item: str(item[0]))
    ]
    unallocated = [
        _next_deadline(case)
        for case in with_next_due(scope.filter(officer=None)).order_by("received_on", "reference")
    ]
    return TeamDigest(
        name=manager.team.name if manager.team else "All teams",
        officers=[o for o in officers if o.overdue or o.due_soon],
        unallocated=unallocated,
    )


def _next_deadline(case) -> Deadline:
    deadlines = sorted(_deadlines(case), key=lambda pair: pair[1])
    what, day = deadlines[0] if deadlines else ("", None)
    return Deadline(case.reference, what, day, case_url(case.reference))


def case_url(reference: str) -> str:
    return settings.SITE_URL + reverse("case_detail", args=[reference])


# -- Writing a reminder as an email ----------------------------------------------------


def render(reminder: Reminder) -> tuple[str, str]:
    """The subject and plain-text body of a reminder."""
    day = services.format_day
    subject = f"Complaints due and overdue: {day(reminder.today)}"
    name = reminder.user.first_name or reminder.user.username
    lines = [
        f"Hello {name},",
        "",
        f"Your complaints reminders for {day(reminder.today)}. \"Due soon\" means due by "
        f"{day(reminder.soon)} ({settings.DUE_SOON_WORKING_DAYS} working days).",
    ]
    if reminder.overdue or reminder.due_soon:
        lines += ["", f"YOUR CASES: {_counts(reminder.overdue, reminder.due_soon)}"]
        lines += _section("Overdue", reminder.overdue, reminder.today)
        lines += _section("Due soon", reminder.due_soon, reminder.today)
    team = reminder.team
    if team and not team.is_empty():
        lines += ["", f"TEAM: {team.name}: {team.overdue_count} overdue, "
                      f"{team.due_soon_count} due soon, {len(team.unallocated)} not allocated"]
        for officer in team.officers:
            lines += _section(
                f"{officer.officer}: {_counts(officer.overdue, officer.due_soon)}",
                officer.overdue + officer.due_soon, reminder.today,
            )
        lines += _section("Not allocated", team.unallocated, reminder.today)
    if reminder.overdue_actions:
        count = len(reminder.overdue_actions)
        lines += ["", f"ACTION PLAN: {count} action{'' if count == 1 else 's'} overdue"]
        lines += [
            f"- Action {action.number}: target date {day(action.target_on)}"
            for action in reminder.overdue_actions
        ]
    lines += [
        "",
        f"My work: {settings.SITE_URL}{reverse('my_work')}",
        "",
        "This email gives case references and dates only. "
        "Sign in to the complaints service to see a case.",
    ]
    return subject, "\n".join(lines) + "\n"


def _counts(overdue: list, due_soon: list) -> str:
    return f"{len(overdue)} overdue, {len(due_soon)} due soon"


def _section(title: str, deadlines: list[Deadline], today: date) -> list[str]:
    if not deadlines:
        return []
    lines = ["", title]
    for deadline in deadlines:
        lines += [f"- {deadline.reference}: {_when(deadline, today)}", f"  {deadline.url}"]
    return lines


def _when(deadline: Deadline, today: date) -> str:
    if deadline.due_on is None:
        return "nothing due yet"
    day = services.format_day(deadline.due_on)
    if deadline.due_on < today:
        return f"{deadline.what} was due {day} (overdue)"
    return f"{deadline.what} due {day}"


# -- Queueing the day's reminders ------------------------------------------------------


@dataclass
class Queued:
    queued: int = 0
    already_queued: int = 0
    no_address: list[str] = field(default_factory=list)
    working_day: bool = True


def queue_reminders(today: date) -> Queued:
    """Put today's reminders in the outbox, each at most once a day however
    often this runs. Nothing is queued on a day that is not a working day:
    nobody is at work to act on it, and the next working day's reminder says
    the same. People without an email address are listed, not queued."""
    result = Queued()
    if not services.calendar("statutory").is_working_day(today):
        result.working_day = False
        return result
    for reminder in build_reminders(today):
        if not reminder.user.email:
            result.no_address.append(reminder.user.username)
            continue
        subject, body = render(reminder)
        _, created = enqueue(
            to=reminder.user.email, subject=subject, body=body, dedupe_key=reminder.dedupe_key
        )
        if created:
            result.queued += 1
        else:
            result.already_queued += 1
    return result
