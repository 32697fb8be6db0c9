# The audit log moved out of accounts (issue #12). Its tables keep their names and
# rows: this migration only tells Django the models are now here; the tables were
# made by accounts' migrations 0001-0003 (accounts 0006 forgets them there).

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0005_second_step_lockout_demonstration_and_set_up_tokens'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='AuditChainHead',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sequence', models.PositiveBigIntegerField(default=0)),
                        ('last_hash', models.CharField(blank=True, max_length=64)),
                    ],
                    options={
                        'db_table': 'accounts_auditchainhead',
                    },
                ),
                migrations.CreateModel(
                    name='AuditEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('username', models.CharField(blank=True, max_length=150)),
                        ('action', models.CharField(choices=[('view', 'Viewed'), ('create', 'Created'), ('change', 'Changed'), ('delete', 'Deleted'), ('export', 'Exported'), ('sign_in', 'Signed in'), ('sign_in_failed', 'Failed to sign in'), ('sign_out', 'Signed out')], max_length=20)),
                        ('object_type', models.CharField(blank=True, max_length=50)),
                        ('object_id', models.CharField(blank=True, max_length=50)),
                        ('object_repr', models.CharField(blank=True, max_length=200)),
                        ('path', models.CharField(blank=True, max_length=500)),
                        ('ip_address', models.GenericIPAddressField(blank=True, null=True)),
                        ('detail', models.TextField(blank=True)),
                        ('sequence', models.PositiveBigIntegerField(null=True, unique=True)),
                        ('previous_hash', models.CharField(blank=True, max_length=64)),
                        ('entry_hash', models.CharField(blank=True, max_length=64)),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='audit_entries', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name_plural': 'audit entries',
                        'db_table': 'accounts_auditentry',
                        'ordering': ['-at', '-id'],
                        'indexes': [models.Index(fields=['object_type', 'object_id'], name='audit_object'), models.Index(fields=['user', '-at'], name='audit_user_at'), models.Index(fields=['-at'], name='audit_at')],
                    },
                ),
            ],
        ),
    ]
