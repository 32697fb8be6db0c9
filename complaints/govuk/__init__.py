"""GOV.UK Design System form rendering for Django.

- ``complaints.govuk.forms``: ``GovukDateField`` and ``GovukDateWidget``.
- ``{% load govuk %}``: ``{% govuk_field %}``, ``{% govuk_error_summary %}``,
  ``{% govuk_error_prefix %}``.
"""
