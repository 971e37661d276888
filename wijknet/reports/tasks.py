from django.tasks import task


@task()
def generate_report(*, report_id: int) -> str:
    """Make one report (reports.services.report_generate); returns its final status."""
    from .services import report_generate

    return report_generate(report_id)
