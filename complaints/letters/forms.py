from django import forms

from complaints.letters import services


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a Word document (.docx)",
        help_text="Write each merge field as {{ name }}, from the list on this page",
        error_messages={
            "required": "Select a Word document",
            "empty": "The selected file is empty",
        },
    )

    def __init__(self, *args, kind, **kwargs):
        self.kind = kind
        super().__init__(*args, **kwargs)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        services.check_template(self.kind, uploaded.read())
        uploaded.seek(0)
        return uploaded
