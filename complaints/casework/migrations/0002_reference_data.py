from django.db import migrations

from complaints.casework.reference_data import load


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_initial"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
