from django import forms

# Bigger files: use the import_records command (a web request may time out).
MAX_UPLOAD_MB = 100


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="An Excel workbook (.xlsx) made from the template, one sheet's CSV file (.csv), or a "
                  f"ZIP file of CSV files (.zip), up to {MAX_UPLOAD_MB} MB",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )
    action = forms.ChoiceField(
        label="What do you want to do?",
        widget=forms.RadioSelect,
        choices=[
            ("check", "Check the file: see what it would change, saving nothing"),
            ("import", "Import the records, if the file has no problems"),
        ],
        initial="check",
        error_messages={"required": "Select whether to check the file or import it"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(f"The selected file must be smaller than {MAX_UPLOAD_MB} MB")
        return upload

    @property
    def commit(self) -> bool:
        return self.cleaned_data["action"] == "import"
