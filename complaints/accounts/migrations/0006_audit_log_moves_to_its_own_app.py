# The audit log moved to complaints.audit (issue #12): forget its models here
# without touching their tables, which audit 0001 now owns under the same names.

from django.db import migrations

MOVED = ["auditentry", "auditchainhead"]


def move_content_types(apps, schema_editor, source="accounts", target="audit"):
    """The models' content types go with them, so the permissions given to groups
    (view_auditentry) and the admin's history still point at them."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    ContentType.objects.using(db).filter(app_label=target, model__in=MOVED).delete()
    ContentType.objects.using(db).filter(app_label=source, model__in=MOVED).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="audit", target="accounts")


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_second_step_lockout_demonstration_and_set_up_tokens'),
        ('audit', '0001_initial'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name='AuditEntry'),
                migrations.DeleteModel(name='AuditChainHead'),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
