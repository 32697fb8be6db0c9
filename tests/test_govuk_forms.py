"""GOV.UK form rendering (complaints.govuk), the page template and the
compiled GOV.UK Frontend assets."""

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
import time_machine
from django import forms
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.http import HttpResponse
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import path

from complaints.govuk.forms import GovukDateField, lower_first

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "complaints" / "static"
LABEL = "Date the complaint was received"


def _empty_view(request):
    return HttpResponse()


# The URL names base.html needs, for the page template tests below.
urlpatterns = [
    path("sign-out/", _empty_view, name="logout"),
    path("accessibility/", _empty_view, name="accessibility"),
]


class CaseForm(forms.Form):
    received = GovukDateField(label=LABEL, help_text="For example, 27 3 2025")
    closed = GovukDateField(label="Date closed", required=False, allow_future=False)
    name = forms.CharField(
        label="Complainant’s name",
        help_text="As written on the complaint",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20"}),
        error_messages={"required": "Enter the complainant’s name"},
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)
    team = forms.ChoiceField(label="Team", choices=[("", "Choose a team"), ("north", "North")])
    stage = forms.ChoiceField(
        label="Stage",
        choices=[("1", "Stage 1"), ("2", "Stage 2")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the stage"},
    )
    themes = forms.MultipleChoiceField(
        label="Themes",
        choices=[("contact", "Contact"), ("delay", "Delay")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    confirm = forms.BooleanField(label="I have checked the details")


def _date(day="", month="", year="", name="received"):
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def _valid_data(**overrides):
    data = {"name": "Sam", "team": "north", "stage": "1", "confirm": "on"}
    data.update(_date("5", "3", "2025"))
    data.update(overrides)
    return data


def _errors(data, field="received"):
    form = CaseForm(data=data)
    form.is_valid()
    return form.errors.get(field, [])


def _render(source, **context):
    return Template("{% load govuk %}" + source).render(Context(context))


class _Tags(HTMLParser):
    """Collect (tag, attrs) for each start tag, to assert on markup."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag, **attrs):
        return [
            found
            for name, found in self.tags
            if name == tag and all(found.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def one(self, tag, **attrs):
        matches = self.find(tag, **attrs)
        assert len(matches) == 1, (tag, attrs, matches)
        return matches[0]


# GovukDateField


def test_date_field_cleans_to_a_date():
    form = CaseForm(data=_valid_data())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["received"] == datetime.date(2025, 3, 5)
    assert form.cleaned_data["closed"] is None  # optional and blank


def test_date_field_accepts_spaces_leading_zeros_and_month_names():
    form = CaseForm(data=_valid_data(**_date(" 05 ", "Sept", "2024")))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["received"] == datetime.date(2024, 9, 5)
    form = CaseForm(data=_valid_data(**_date("1", "january", "2024")))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["received"] == datetime.date(2024, 1, 1)


def test_date_field_compares_dates_for_has_changed():
    initial = {"received": datetime.date(2025, 3, 5)}
    same = CaseForm(data=_valid_data(**_date("05", "03", "2025")), initial=initial)
    assert "received" not in same.changed_data
    later = CaseForm(data=_valid_data(**_date("6", "3", "2025")), initial=initial)
    assert "received" in later.changed_data


def test_date_field_initial_value_is_split_into_parts():
    form = CaseForm(initial={"received": datetime.date(2025, 3, 27)})
    html = _render("{% govuk_field form.received %}", form=form)
    tags = _Tags(html)
    assert tags.one("input", id="id_received_0")["value"] == "27"
    assert tags.one("input", id="id_received_1")["value"] == "3"
    assert tags.one("input", id="id_received_2")["value"] == "2025"


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter the date the complaint was received"),
        (("", "3", "2025"), f"{LABEL} must include a day"),
        (("5", "", "2025"), f"{LABEL} must include a month"),
        (("5", "3", ""), f"{LABEL} must include a year"),
        (("", "", "2025"), f"{LABEL} must include a day and month"),
        (("31", "2", "2025"), f"{LABEL} must be a real date"),
        (("5", "13", "2025"), f"{LABEL} must be a real date"),
        (("five", "3", "2025"), f"{LABEL} must be a real date"),
        (("5", "3", "25"), "Year must include 4 numbers"),
    ],
)
def test_date_field_error_messages(parts, message):
    assert _errors(_valid_data(**_date(*parts))) == [message]


@time_machine.travel(datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_date_field_can_refuse_future_dates():
    assert _errors(_valid_data(**_date("2", "6", "2025", name="closed")), "closed") == [
        "Date closed must be today or in the past"
    ]
    assert _errors(_valid_data(**_date("1", "6", "2025", name="closed")), "closed") == []


def test_date_field_error_messages_can_be_replaced():
    class Form(forms.Form):
        when = GovukDateField(
            label="Date of the meeting",
            error_messages={
                "required": "Enter the date of the meeting with the family",
                "invalid": "%(label)s must be a real date, like 27 3 2025",
            },
        )

    assert Form(data={}).errors["when"] == ["Enter the date of the meeting with the family"]
    form = Form(data=_date("30", "2", "2025", name="when"))
    assert form.errors["when"] == ["Date of the meeting must be a real date, like 27 3 2025"]


def test_label_is_lower_cased_except_for_acronyms():
    assert lower_first("Date received") == "date received"
    assert lower_first("LADO referral date") == "LADO referral date"


# {% govuk_field %}


def test_date_field_renders_govuk_date_input_with_errors():
    form = CaseForm(data=_valid_data(**_date("31", "2", "2025")))
    html = _render("{% govuk_field form.received %}", form=form)
    tags = _Tags(html)

    assert "govuk-form-group--error" in tags.tags[0][1]["class"]
    fieldset = tags.one("fieldset", class_="govuk-fieldset")
    assert fieldset["role"] == "group"
    assert fieldset["aria-describedby"] == "id_received_helptext id_received_error"
    assert tags.one("div", id="id_received_helptext")["class"] == "govuk-hint"
    assert tags.one("p", id="id_received_error")["class"] == "govuk-error-message"
    assert '<span class="govuk-visually-hidden">Error:</span> ' + LABEL in html
    assert f"<legend class=\"govuk-fieldset__legend\">{LABEL}</legend>" in html

    day, month, year = (tags.one("input", id=f"id_received_{i}") for i in range(3))
    assert [day["name"], month["name"], year["name"]] == [
        "received_day", "received_month", "received_year"
    ]
    assert all(part["inputmode"] == "numeric" and part["type"] == "text" for part in (day, month, year))
    assert "required" not in day
    # 31 February: only the day is wrong.
    assert "govuk-input--error" in day["class"].split()
    assert "govuk-input--error" not in month["class"].split()
    assert "govuk-input--width-4" in year["class"].split()
    assert tags.one("label", for_="id_received_0")


def test_date_field_highlights_only_the_missing_parts():
    form = CaseForm(data=_valid_data(**_date("5", "", "")))
    tags = _Tags(_render("{% govuk_field form.received %}", form=form))
    highlighted = [
        "govuk-input--error" in tags.one("input", id=f"id_received_{i}")["class"].split()
        for i in range(3)
    ]
    assert highlighted == [False, True, True]


def test_text_input_renders_label_hint_error_and_describedby():
    form = CaseForm(data=_valid_data(name=""))
    html = _render("{% govuk_field form.name %}", form=form)
    tags = _Tags(html)

    assert tags.tags[0] == ("div", {"class": "govuk-form-group govuk-form-group--error"})
    assert tags.one("label", for_="id_name")["class"] == "govuk-label"
    field = tags.one("input", id="id_name")
    assert field["class"].split() == ["govuk-input", "govuk-input--width-20", "govuk-input--error"]
    assert field["aria-describedby"] == "id_name_helptext id_name_error"
    assert tags.one("p", id="id_name_error")["class"] == "govuk-error-message"
    assert '<span class="govuk-visually-hidden">Error:</span> Enter the complainant’s name' in html
    assert "required" not in field


def test_valid_field_has_no_error_markup():
    form = CaseForm(data=_valid_data())
    html = _render("{% govuk_field form.name %}", form=form)
    assert "error" not in html
    assert _Tags(html).one("input", id="id_name")["aria-describedby"] == "id_name_helptext"


@pytest.mark.parametrize(
    ("field", "control", "control_class", "error_class"),
    [
        ("notes", "textarea", "govuk-textarea", None),
        ("team", "select", "govuk-select", "govuk-select--error"),
    ],
)
def test_textarea_and_select(field, control, control_class, error_class):
    form = CaseForm(data=_valid_data(team=""))
    tags = _Tags(_render("{% govuk_field field %}", field=form[field]))
    classes = tags.one(control, id=f"id_{field}")["class"].split()
    assert classes[0] == control_class
    assert (error_class in classes) if error_class else len(classes) == 1


def test_optional_fields_say_so():
    html = _render("{% govuk_field form.notes %}", form=CaseForm())
    assert '<label class="govuk-label" for="id_notes">Notes (optional)</label>' in html


def test_radios_render_as_a_fieldset_with_legend_and_error():
    form = CaseForm(data=_valid_data(stage=""))
    html = _render('{% govuk_field form.stage label_size="m" inline=True %}', form=form)
    tags = _Tags(html)
    assert tags.one("fieldset")["aria-describedby"] == "id_stage_error"
    assert tags.one("legend")["class"] == "govuk-fieldset__legend govuk-fieldset__legend--m"
    assert tags.one("div", **{"data-module": "govuk-radios"})["class"] == (
        "govuk-radios govuk-radios--inline"
    )
    assert [r["id"] for r in tags.find("input", type="radio")] == ["id_stage_0", "id_stage_1"]
    assert all(r["class"] == "govuk-radios__input" for r in tags.find("input", type="radio"))
    assert tags.one("label", for_="id_stage_1")["class"] == "govuk-label govuk-radios__label"
    assert "Select the stage" in html


def test_checked_radio_and_checkboxes_keep_their_values():
    form = CaseForm(data=_valid_data(stage="2", themes=["delay"]))
    tags = _Tags(_render("{% govuk_field form.stage %}{% govuk_field form.themes %}", form=form))
    assert "checked" in tags.one("input", id="id_stage_1")
    assert "checked" not in tags.one("input", id="id_stage_0")
    assert "checked" in tags.one("input", id="id_themes_1")
    assert tags.one("input", id="id_themes_0")["class"] == "govuk-checkboxes__input"
    assert tags.one("div", **{"data-module": "govuk-checkboxes"})


def test_single_checkbox():
    form = CaseForm(data=_valid_data(confirm=""))
    html = _render("{% govuk_field form.confirm %}", form=form)
    tags = _Tags(html)
    box = tags.one("input", id="id_confirm")
    assert box["type"] == "checkbox" and box["class"] == "govuk-checkboxes__input"
    assert box["aria-describedby"] == "id_confirm_error"
    assert tags.one("label", for_="id_confirm")["class"] == "govuk-label govuk-checkboxes__label"
    assert "govuk-form-group--error" in html


def test_page_heading_label():
    html = _render("{% govuk_field form.name page_heading=True %}", form=CaseForm())
    assert '<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l"' in html
    html = _render("{% govuk_field form.received page_heading=True %}", form=CaseForm())
    assert '<h1 class="govuk-fieldset__heading">' in html


def test_labels_and_hints_are_escaped_where_django_escapes_them():
    class Form(forms.Form):
        name = forms.CharField(label="<b>Name</b>", help_text='See <a href="#x">the guide</a>')

    html = _render("{% govuk_field form.name %}", form=Form())
    assert "&lt;b&gt;Name&lt;/b&gt;" in html
    assert '<a href="#x">the guide</a>' in html  # help_text is trusted, as in Django


# {% govuk_error_summary %}


def test_error_summary_links_to_each_fields_first_input():
    form = CaseForm(data={**_date("", "3", "2025"), "confirm": ""})
    html = _render("{% govuk_error_summary form %}", form=form)
    tags = _Tags(html)
    assert tags.tags[0] == (
        "div", {"class": "govuk-error-summary", "data-module": "govuk-error-summary"}
    )
    assert "There is a problem" in html
    hrefs = [attrs["href"] for tag, attrs in tags.tags if tag == "a"]
    assert hrefs == ["#id_received_0", "#id_name", "#id_team", "#id_stage_0", "#id_confirm"]
    assert f'<a href="#id_received_0">{LABEL} must include a day</a>' in html


def test_error_summary_lists_non_field_errors_without_a_link():
    class Form(CaseForm):
        def clean(self):
            raise forms.ValidationError("The case is already closed")

    html = _render("{% govuk_error_summary form %}", form=Form(data=_valid_data()))
    assert "<li>The case is already closed</li>" in html


def test_error_summary_renders_nothing_without_errors():
    assert _render("{% govuk_error_summary form %}", form=CaseForm()).strip() == ""
    assert _render("{% govuk_error_summary form %}", form=CaseForm(data=_valid_data())).strip() == ""


def test_error_prefix_for_the_page_title():
    source = "{% govuk_error_prefix form %}Add a case"
    assert _render(source, form=CaseForm()) == "Add a case"
    assert _render(source, form=CaseForm(data={})) == "Error: Add a case"


# base.html and the accessibility statement


def _page(template="accessibility.html", user=None, messages=()):
    request = RequestFactory().get("/accessibility/")
    request.user = user or SimpleNamespace(is_authenticated=False)
    return render_to_string(
        template,
        {
            "request": request,
            "user": request.user,
            "csrf_token": "test-token",
            "service_name": "Children's Services complaints",
            "council_name": "Example Borough Council",
            "nav_items": [
                {"label": "My work", "url": "/", "active": True},
                {"label": "Cases", "url": "/cases/", "active": False},
            ],
            "messages": list(messages),
        },
    )


@pytest.mark.urls(__name__)
def test_base_template_page_structure():
    html = _page()
    tags = _Tags(html)
    assert tags.one("html")["lang"] == "en-GB"
    assert tags.one("html")["class"] == "govuk-template"
    assert tags.one("body")["class"] == "govuk-template__body"
    assert re.search(
        r"<title>Accessibility statement – Children(&#x27;|')s Services complaints"
        r" – Example Borough Council</title>",
        html,
    )
    assert tags.one("a", class_="govuk-skip-link")["href"] == "#main-content"
    assert tags.one("main", id="main-content")["class"] == "govuk-main-wrapper"
    assert tags.one("link", href="/static/govuk/govuk-frontend.min.css")
    # No inline scripts: the only script is the module that starts GOV.UK Frontend.
    assert tags.find("script") == [{"type": "module", "src": "/static/js/init.js"}]
    assert "<script>" not in html and " style=" not in html
    active = tags.one("a", **{"aria-current": "true"})
    assert active["href"] == "/"
    assert tags.one("a", class_="govuk-footer__link")["href"] == "/accessibility/"
    assert "© Example Borough Council" in html
    assert "Sign out" not in html
    assert "GDS Transport" not in html and "govuk-header__logotype" not in html


@pytest.mark.urls(__name__)
def test_base_template_signed_in_user_can_sign_out_by_post():
    user = SimpleNamespace(
        is_authenticated=True, get_full_name=lambda: "Sam Jones", get_username=lambda: "sam"
    )
    html = _page(user=user)
    tags = _Tags(html)
    assert "Sam Jones" in html
    form = tags.one("form", action="/sign-out/")
    assert form["method"] == "post"
    assert tags.one("input", name="csrfmiddlewaretoken")["value"] == "test-token"
    assert tags.one("button", type="submit", class_="app-user-nav__sign-out")


@pytest.mark.urls(__name__)
def test_messages_are_notification_banners():
    html = _page(
        messages=[
            Message(constants.SUCCESS, "Case CS-0001 created"),
            Message(constants.INFO, "The case was reassigned"),
        ]
    )
    tags = _Tags(html)
    success = tags.one("div", class_="govuk-notification-banner govuk-notification-banner--success")
    assert success["role"] == "alert"
    other = tags.one("div", class_="govuk-notification-banner")
    assert other["role"] == "region"
    assert other["aria-labelledby"] != success["aria-labelledby"]
    assert "Case CS-0001 created" in html and "The case was reassigned" in html


@pytest.mark.urls(__name__)
def test_accessibility_statement_content():
    html = _page()
    for text in (
        "WCAG",
        "2.2",
        "axe-core",
        "Chromium",
        "keyboard",
        "Example Borough Council complaints team",
        "Equality and Human Rights Commission",
        "Equality Advisory and Support Service",
        "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility"
        " Regulations 2018",
    ):
        assert text in html, text


# Compiled GOV.UK Frontend (frontend/build.sh)


@pytest.mark.parametrize("css", ["govuk/govuk-frontend.min.css", "app.css"])
def test_compiled_css_uses_no_gds_transport_and_only_our_assets(css):
    text = (STATIC / css).read_text(encoding="utf-8")
    assert text, css
    assert "GDS Transport" not in text
    assert "@font-face" not in text
    for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
        if url.startswith("data:"):
            continue
        assert url.startswith("/static/govuk/assets/"), url
        assert (STATIC / url.removeprefix("/static/")).is_file(), url


def test_vendored_assets_are_present():
    assert "initAll" in (STATIC / "govuk" / "govuk-frontend.min.js").read_text(encoding="utf-8")
    assert "initAll" in (STATIC / "js" / "init.js").read_text(encoding="utf-8")
    assert not (STATIC / "govuk" / "assets" / "fonts").exists()
    assert (ROOT / "tests" / "browser" / "vendor" / "axe.min.js").stat().st_size > 100_000
