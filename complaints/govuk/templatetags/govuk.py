"""Render Django form fields in GOV.UK Design System markup.

``{% load govuk %}`` then:

``{% govuk_error_summary form %}``
    The "There is a problem" summary, linking each message to its field's
    first input. Renders nothing when there are no errors. Takes one or more
    forms or formsets: ``{% govuk_error_summary form formset %}``.

``{% govuk_field form.field %}``
    The field's label (or fieldset legend), hint (``help_text``, trusted
    HTML as in Django's own templates), error message and control, chosen by
    widget: text-like inputs, ``Textarea``, ``Select``, ``RadioSelect``,
    ``CheckboxSelectMultiple``, ``CheckboxInput``, ``FileInput`` and
    ``GovukDateWidget``. Options, all optional:

    - ``label_size="s"|"m"|"l"|"xl"``: GOV.UK label / legend size class.
    - ``page_heading=True``: wrap the label or legend in the page's ``<h1>``
      (a one-question page); implies ``label_size="l"``.
    - ``inline=True``: inline radios (for two short options).
    - ``small=True``: small radios / checkboxes (filters).

    Width classes come from the widget, e.g.
    ``forms.TextInput(attrs={"class": "govuk-input--width-10"})``.
    Optional fields (other than single checkboxes) get "(optional)" after
    their label, as GOV.UK asks. No ``required`` attribute is output: GOV.UK
    services validate on the server, so give each ``<form>`` ``novalidate``.

``{% govuk_error_prefix form %}``
    "Error: " when the form has errors, else nothing; for the start of the
    page ``<title>``: ``{% block title %}{% govuk_error_prefix form %}Add a case{% endblock %}``.

Buttons need no tag; write GOV.UK markup directly::

    <button type="submit" class="govuk-button" data-module="govuk-button">Save and continue</button>
    <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Save as draft</button>
    <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">Delete case</button>
    <a href="..." role="button" draggable="false" class="govuk-button" data-module="govuk-button">Start</a>
    <div class="govuk-button-group"> ...buttons and a <a class="govuk-link"> cancel link... </div>

IDs are Django's: ``id_<name>`` for a field (``id_<name>_0``, ``_1``... for
each radio, checkbox or date part), ``id_<name>_helptext`` for its hint and
``id_<name>_error`` for its error message.
"""

from django import forms, template
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from complaints.govuk.forms import PARTS, GovukDateWidget

register = template.Library()

LABEL_SIZES = {"s", "m", "l", "xl"}


def _classes(*names):
    """Join CSS class lists, dropping blanks and repeats, keeping order."""
    seen = []
    for name in names:
        for cls in (name or "").split():
            if cls not in seen:
                seen.append(cls)
    return " ".join(seen)


def _field_id(bound_field):
    return bound_field.field.widget.attrs.get("id") or bound_field.auto_id or ""


def anchor_id(bound_field):
    """The id the error summary links to: the field's first input."""
    field_id = _field_id(bound_field)
    if not field_id:
        return ""
    widget = bound_field.field.widget
    # MultiWidget (so GovukDateWidget) and RadioSelect (so also
    # CheckboxSelectMultiple) give no single label id: use the first input.
    return widget.id_for_label(field_id) or f"{field_id}_0"


def _widget_attrs(bound_field, extra):
    """Django's attrs for this field (id, disabled, aria-invalid) plus ours.

    ``required`` is dropped: browsers' own validation would pre-empt the
    GOV.UK error messages.
    """
    attrs = bound_field.build_widget_attrs(extra)
    attrs.pop("required", None)
    field_id = _field_id(bound_field)
    if field_id and "id" not in bound_field.field.widget.attrs:
        attrs.setdefault("id", field_id)
    return attrs


def _render_widget(bound_field, extra):
    widget = bound_field.field.widget
    if bound_field.field.localize:
        widget.is_localized = True
    return widget.render(
        name=bound_field.html_name,
        value=bound_field.value(),
        attrs=_widget_attrs(bound_field, extra),
        renderer=bound_field.form.renderer,
    )


def _render_date(bound_field, extra):
    """The date widget, with the error class on just the wrong parts."""
    widget = bound_field.field.widget
    context = widget.get_context(
        bound_field.html_name, bound_field.value(), _widget_attrs(bound_field, extra)
    )
    if bound_field.errors:
        parts = set()
        for error in bound_field.errors.as_data():
            parts.update((error.params or {}).get("parts") or PARTS)
        widget.highlight(context, parts)
    return mark_safe(bound_field.form.renderer.render(widget.template_name, context))


def _kind(widget):
    """Which GOV.UK component renders this widget."""
    if isinstance(widget, GovukDateWidget):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


# Per component: the control's class, and the class it adds on error.
_CONTROL_CLASSES = {
    "input": ("govuk-input", "govuk-input--error"),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
    "radios": ("govuk-radios__input", ""),
    "checkboxes": ("govuk-checkboxes__input", ""),
}


@register.simple_tag
def govuk_field(bound_field, label_size=None, page_heading=False, inline=False, small=False):
    """Render one bound field as a GOV.UK form group. See the module docstring."""
    widget = bound_field.field.widget
    kind = _kind(widget)
    if kind == "hidden":
        return _render_widget(bound_field, {})

    if page_heading and not label_size:
        label_size = "l"
    if label_size and label_size not in LABEL_SIZES:
        raise template.TemplateSyntaxError(f"govuk_field: label_size must be one of {LABEL_SIZES}")

    field_id = _field_id(bound_field) or bound_field.html_name
    errors = list(bound_field.errors)
    hint = mark_safe(bound_field.help_text) if bound_field.help_text else ""
    hint_id = f"{field_id}_helptext"
    error_id = f"{field_id}_error"
    describedby = " ".join(
        [widget.attrs.get("aria-describedby", "")]
        + ([hint_id] if hint else [])
        + ([error_id] if errors else [])
    ).strip()

    label = conditional_escape(bound_field.label)
    if not bound_field.field.required and kind != "checkbox":
        label = mark_safe(f"{label} (optional)")

    context = {
        "field": bound_field,
        "id": field_id,
        "label": label,
        "hint": hint,
        "hint_id": hint_id,
        "errors": errors,
        "error_id": error_id,
        "describedby": describedby,
        "page_heading": page_heading,
        "inline": inline,
        "small": small,
        "label_class": _classes("govuk-label", label_size and f"govuk-label--{label_size}"),
        "legend_class": _classes(
            "govuk-fieldset__legend", label_size and f"govuk-fieldset__legend--{label_size}"
        ),
    }

    # Fieldsets carry aria-describedby themselves; single controls on the input.
    extra = {} if widget.use_fieldset else ({"aria-describedby": describedby} if describedby else {})
    control_class, error_class = _CONTROL_CLASSES.get(kind, ("", ""))
    if kind == "date":
        context["role"] = "group"
        context["control"] = _render_date(bound_field, extra)
    elif kind in ("radios", "checkboxes"):
        extra["class"] = _classes(control_class, widget.attrs.get("class"))
        context["options"] = [
            forms.boundfield.BoundWidget(widget, option, bound_field.form.renderer)
            for option in widget.subwidgets(
                bound_field.html_name, bound_field.value(), _widget_attrs(bound_field, extra)
            )
        ]
    else:
        extra["class"] = _classes(
            control_class, widget.attrs.get("class"), errors and error_class
        )
        context["control"] = _render_widget(bound_field, extra)

    return mark_safe(render_to_string(f"govuk/field/{kind}.html", context))


def _summary_items(form):
    """(message, href or "") for each error in a form or formset."""
    if hasattr(form, "forms"):  # a formset
        for message in form.non_form_errors():
            yield message, ""
        for subform in form.forms:
            yield from _summary_items(subform)
        return
    if not form.is_bound:
        return
    for message in form.non_field_errors():
        yield message, ""
    for bound_field in form:
        target = "" if bound_field.is_hidden else anchor_id(bound_field)
        for message in bound_field.errors:
            yield message, f"#{target}" if target else ""


@register.simple_tag
def govuk_error_summary(*forms_or_formsets):
    """GOV.UK error summary for one or more forms; nothing when all valid."""
    items = [
        {"message": message, "href": href}
        for form in forms_or_formsets
        if form is not None
        for message, href in _summary_items(form)
    ]
    if not items:
        return ""
    return mark_safe(render_to_string("govuk/error_summary.html", {"items": items}))


@register.simple_tag
def govuk_error_prefix(*forms_or_formsets):
    """'Error: ' for the page title when any form has errors."""
    for form in forms_or_formsets:
        if form is not None and any(True for _ in _summary_items(form)):
            return "Error: "
    return ""
