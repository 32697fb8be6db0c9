"""Demonstration accounts (manage.py demo_data) have a published password: with
DEBUG off they are refused at sign-in, with a clear message."""

import importlib
import io

from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from complaints.accounts.models import User
from complaints.demo.management.commands.demo_data import DEMO_PASSWORD


def _sign_in(client, username, password=DEMO_PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_demo_data_marks_its_users_and_they_cannot_sign_in_with_debug_off(client, db, settings):
    settings.DEBUG = False
    call_command("demo_data", "--allow-without-debug", stdout=io.StringIO())
    assert set(User.objects.filter(demonstration=True).values_list("username", flat=True)) == {
        "officer", "manager", "responder", "head", "reports", "admin"}
    # The attack: the published password, on a live system.
    response = _sign_in(client, "admin")
    assert response.status_code == 200
    assert "Demonstration accounts cannot sign in to the live service" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("my_work")).status_code == 302


def test_a_demonstration_account_signs_in_while_debug_is_on(client, db, settings):
    User.objects.create_user(username="officer", password=DEMO_PASSWORD, role=User.Role.OFFICER,
                             demonstration=True)
    settings.DEBUG = True
    assert _sign_in(client, "officer").status_code == 302
    assert client.session["_auth_user_id"]


def test_staff_accounts_still_sign_in_with_debug_off(client, personas, settings):
    settings.DEBUG = False
    assert client.post(reverse("login"), {"username": "officer", "password": "correct-horse-battery"}
                       ).status_code == 302


def test_the_migration_marks_demonstration_users_made_before_it_and_no_one_else(db):
    User.objects.create_user(username="manager", password=DEMO_PASSWORD, role=User.Role.MANAGER)
    User.objects.create_user(username="admin", password="a-password-of-their-own", role=User.Role.ADMIN)
    migration = importlib.import_module(
        "complaints.accounts.migrations.0005_second_step_lockout_demonstration_and_set_up_tokens")
    migration.mark_demonstration_users(apps, None)
    assert list(User.objects.filter(demonstration=True).values_list("username", flat=True)) == ["manager"]
