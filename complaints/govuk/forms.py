"""A GOV.UK date input for Django forms.

Usage::

    from complaints.govuk.forms import GovukDateField

    class ComplaintForm(forms.Form):
        received = GovukDateField(
            label="Date the complaint was received",
            help_text="For example, 27 3 2025",
            allow_future=False,
        )

``form.cleaned_data["received"]`` is a ``datetime.date`` (or ``None`` when the
field is optional and left blank). The field posts as ``received_day``,
``received_month`` and ``received_year``; its inputs have the ids
``id_received_0`` (day), ``_1`` (month) and ``_2`` (year), and the error
summary links to ``#id_received_0``.

Error messages follow the GOV.UK Design System's date input guidance. Each can
be replaced through ``error_messages``, using these placeholders:
``%(label)s`` (the label as given), ``%(label_lower)s`` (first letter lower
case unless the label starts with an acronym) and ``%(missing)s`` (for
example ``"day and month"``).

============ ================================================================
key          default message
============ ================================================================
required     Enter the %(label_lower)s
incomplete   %(label)s must include a %(missing)s
invalid      %(label)s must be a real date
year_length  Year must include 4 numbers
future       %(label)s must be today or in the past  (``allow_future=False``)
============ ================================================================

Each ``ValidationError`` also carries ``params["parts"]``: the parts
(``"day"``, ``"month"``, ``"year"``) to highlight, which ``{% govuk_field %}``
uses to put ``govuk-input--error`` on just those inputs.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

PARTS = ("day", "month", "year")

# GOV.UK asks services to accept month names as well as numbers.
_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        datetime.date(2000, number, 1).strftime("%B").lower(),
        datetime.date(2000, number, 1).strftime("%b").lower(),
    )
}
_MONTHS["sept"] = 9

ERROR_CLASS = "govuk-input--error"


def lower_first(text):
    """Lower-case the first letter, unless the text starts with an acronym."""
    text = str(text)
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year text inputs in GOV.UK date-input markup.

    Render it through ``{% govuk_field form.field %}``, which adds the
    fieldset, legend, hint and error message around it.
    """

    template_name = "govuk/widgets/date_input.html"
    input_class = "govuk-input govuk-date-input__input"
    widths = {"day": 2, "month": 2, "year": 4}

    def __init__(self, attrs=None):
        widgets = {
            part: forms.TextInput(
                attrs={
                    "class": f"{self.input_class} govuk-input--width-{self.widths[part]}",
                    "inputmode": "numeric",
                }
            )
            for part in PARTS
        }
        super().__init__(widgets, attrs)

    def use_required_attribute(self, initial):
        # GOV.UK validates on the server, with its own wording.
        return False

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                value = None
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Django marks a field with errors aria-invalid="true": by default
        # highlight every part; {% govuk_field %} narrows it to the wrong parts.
        invalid = context["widget"]["attrs"].get("aria-invalid") == "true"
        for part, subwidget in zip(PARTS, context["widget"]["subwidgets"]):
            subwidget["part"] = part
            subwidget["label"] = part.capitalize()
            subwidget["attrs"].pop("aria-describedby", None)
        self.highlight(context, PARTS if invalid else ())
        return context

    @staticmethod
    def highlight(context, parts):
        """Put the GOV.UK error class on the inputs for ``parts`` only."""
        for subwidget in context["widget"]["subwidgets"]:
            classes = [c for c in subwidget["attrs"].get("class", "").split() if c != ERROR_CLASS]
            if subwidget["part"] in parts:
                classes.append(ERROR_CLASS)
            subwidget["attrs"]["class"] = " ".join(classes)


class GovukDateField(forms.MultiValueField):
    """A date entered as day, month and year; cleans to ``datetime.date``.

    ``label`` is required: the error messages are built from it.
    ``allow_future=False`` refuses dates after today (in ``TIME_ZONE``).
    """

    widget = GovukDateWidget
    default_error_messages = {
        "required": "Enter the %(label_lower)s",
        "incomplete": "%(label)s must include a %(missing)s",
        "invalid": "%(label)s must be a real date",
        "year_length": "Year must include 4 numbers",
        "future": "%(label)s must be today or in the past",
    }

    def __init__(self, *, label, allow_future=True, **kwargs):
        self.allow_future = allow_future
        fields = tuple(forms.CharField(required=False) for _ in PARTS)
        super().__init__(fields, label=label, require_all_fields=False, **kwargs)

    def _error(self, code, parts, **params):
        label = self.label or "date"
        return ValidationError(
            self.error_messages[code],
            code=code,
            params={"label": label, "label_lower": lower_first(label), "parts": parts, **params},
        )

    def clean(self, value):
        if isinstance(value, datetime.date):  # a disabled field's initial value
            return value
        values = list(value or [])[: len(PARTS)]
        values += [""] * (len(PARTS) - len(values))
        day, month, year = (str(v).strip() if v is not None else "" for v in values)

        if not (day or month or year):
            if self.required:
                raise self._error("required", PARTS)
            return None

        missing = tuple(part for part, text in zip(PARTS, (day, month, year)) if not text)
        if missing:
            raise self._error("incomplete", missing, missing=" and ".join(missing))

        month_number = _MONTHS.get(month.lower(), month)
        not_numbers = tuple(
            part
            for part, text in zip(PARTS, (day, str(month_number), year))
            if not (text.isascii() and text.isdigit())
        )
        if not_numbers:
            raise self._error("invalid", not_numbers)
        if len(year) != 4:
            raise self._error("year_length", ("year",))

        try:
            result = datetime.date(int(year), int(month_number), int(day))
        except ValueError:
            wrong = ("month",) if not 1 <= int(month_number) <= 12 else ("day",)
            raise self._error("invalid", wrong) from None

        if not self.allow_future and result > timezone.localdate():
            raise self._error("future", PARTS)

        self.validate(result)
        self.run_validators(result)
        return result

    def has_changed(self, initial, data):
        """Compare dates, so that "05" for an initial 5 is no change."""
        if self.disabled:
            return False
        if not isinstance(initial, datetime.date):
            initial = self.widget.decompress(initial)
            initial = datetime.date(initial[2], initial[1], initial[0]) if initial[0] else None
        if not any(str(part or "").strip() for part in data or []):
            return initial is not None
        try:
            return self.clean(data) != initial
        except ValidationError:
            return True

    def compress(self, data_list):
        """Build the date from cleaned parts (clean() does not call this)."""
        if not data_list or not all(data_list):
            return None
        day, month, year = data_list
        return datetime.date(int(year), int(_MONTHS.get(str(month).lower(), month)), int(day))
