"""System check: the access log must be kept at least five years (NEN 7513)."""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

# Five years are at most 5 * 365 + 2 = 1827 days (two leap days); the triggers refuse deleting
# anything younger than five calendar years, so the retention may not be shorter than that.
MIN_RETENTION_DAYS = 1827


def retention_days() -> int:
    days = int(getattr(settings, "ACCESS_LOG_RETENTION_DAYS", MIN_RETENTION_DAYS))
    if days < MIN_RETENTION_DAYS:
        raise ImproperlyConfigured(
            f"ACCESS_LOG_RETENTION_DAYS is {days}; the access log must be kept at least five "
            f"years ({MIN_RETENTION_DAYS} days)."
        )
    return days


@register()
def check_retention(app_configs, **kwargs):
    try:
        retention_days()
    except (ImproperlyConfigured, TypeError, ValueError) as error:
        return [Error(str(error), id="accesslog.E001")]
    return []
