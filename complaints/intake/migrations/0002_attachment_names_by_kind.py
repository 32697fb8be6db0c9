"""Files sent before their names were checked against their contents keep the
sender's extension ("statement.html" holding a PDF): name each by what it is,
so every place that shows or packs a file (the case page, a subject access
disclosure) gives it the right extension."""

from django.db import migrations

from complaints.intake.uploads import named_as


def name_by_kind(apps, schema_editor):
    Attachment = apps.get_model("intake", "Attachment")
    for attachment in Attachment.objects.only("name", "content_type").iterator():
        name = named_as(attachment.name, attachment.content_type)
        if name != attachment.name:
            Attachment.objects.filter(pk=attachment.pk).update(name=name)


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]

    operations = [migrations.RunPython(name_by_kind, migrations.RunPython.noop)]
