from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class ServiceArea(models.Model):
    """A part of Children's Services led by a head of service."""

    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Team(models.Model):
    """A team complaints are about and responding managers belong to."""

    name = models.CharField(max_length=100, unique=True)
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, related_name="teams", null=True, blank=True
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    class Role(models.TextChoices):
        OFFICER = "officer", "Complaints officer"
        MANAGER = "manager", "Complaints manager"
        RESPONDING = "responding", "Responding manager"
        HEAD = "head", "Head of service"
        REPORTS = "reports", "Report viewer"
        ADMIN = "admin", "Administrator"

    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="members",
        help_text="Responding managers see the cases of this team.",
    )
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.SET_NULL, null=True, blank=True, related_name="heads",
        help_text="Heads of service see the cases of this service area.",
    )
    demonstration = models.BooleanField(
        default=False,
        help_text="Made by manage.py demo_data, whose password is published: it cannot sign in "
                  "unless DEBUG is on.",
    )
    # Wrong second-step codes (and set-up tokens) in a row, kept with the account
    # rather than the session, so signing in again with the password does not
    # start a new count; only a right code resets it (complaints.accounts.two_factor).
    second_step_failures = models.PositiveSmallIntegerField(default=0, editable=False)
    second_step_locked_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["first_name", "last_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username


class TwoFactor(models.Model):
    """A user's authenticator (time-based one-time passwords). ``confirmed_at``
    is set once they have entered a code from it; ``last_step`` stops a code
    being used twice."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="two_factor")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_step = models.BigIntegerField(default=0)

    def __str__(self):
        return f"Authenticator for {self.user}"


class RecoveryCode(models.Model):
    """A single-use code for signing in without the authenticator; only its
    hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)


class SetUpTokenQuerySet(models.QuerySet):
    def usable(self):
        """Not used yet and not expired. No query until evaluated."""
        return self.filter(used_at=None, expires_at__gt=timezone.now())


class SetUpToken(models.Model):
    """A one-time token an administrator issues so that a person can set up
    their first authenticator: knowing the password alone is not enough.
    Only its hash is kept; it expires after settings.TWO_FACTOR_TOKEN_HOURS."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="set_up_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = SetUpTokenQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(expires_at__gt=models.F("issued_at")),
                                   name="set_up_token_expires_after_issue"),
        ]

    def __str__(self):
        return f"Set-up token for {self.user}"
