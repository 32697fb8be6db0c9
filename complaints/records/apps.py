from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "complaints.records"
    label = "records"
    verbose_name = "Other records"

    def ready(self):
        # A calendar correction moves open members' enquiry deadlines as it
        # moves open stages' (complaints.casework.services.save_holiday_override).
        from django.db.models.signals import post_delete, post_save

        from complaints.casework.models import HolidayOverride
        from complaints.records import services

        post_save.connect(
            services.holidays_changed, sender=HolidayOverride, dispatch_uid="records_holidays_saved"
        )
        post_delete.connect(
            services.holidays_changed, sender=HolidayOverride,
            dispatch_uid="records_holidays_deleted",
        )
