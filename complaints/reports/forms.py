from django import forms

EDITION_CHOICES = [
    ("published", "Published: small counts suppressed, for the public and elected members"),
    ("internal", "Internal: every count, for managers only"),
]


class ReportChoiceForm(forms.Form):
    """Which annual report to show: a financial year and, for those who may
    see it, the internal edition."""

    year = forms.ChoiceField(
        label="Financial year", error_messages={"required": "Select a financial year",
                                                "invalid_choice": "Select a financial year"})
    edition = forms.ChoiceField(
        label="Edition", choices=EDITION_CHOICES, widget=forms.RadioSelect,
        error_messages={"required": "Select an edition", "invalid_choice": "Select an edition"})

    def __init__(self, data, *, years, default, internal: bool):
        super().__init__(data)
        self.fields["year"].choices = [(str(y), f"{y} (April {y.start_year} to March "
                                        f"{y.start_year + 1})") for y in years]
        self.initial["year"] = str(default)
        if internal:
            self.initial["edition"] = "published"
        else:
            del self.fields["edition"]

    def chosen(self) -> tuple[str, str]:
        """(year, edition) of a valid form."""
        return self.cleaned_data["year"], self.cleaned_data.get("edition", "published")
