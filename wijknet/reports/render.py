"""Render a report's sections to HTML and to PDF (WeasyPrint). Runs in the task worker.

The PDF uses the site's own stylesheets (wijknet.css and its print rules in print.css, the
chart styles in charts.css) plus report.css for the cover and page furniture, so a printed
page and the PDF look alike and the server-side SVG charts keep their colours.
"""

import logging
import re
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from wijknet.core import formatting

from .sections import ReportInput, build_all

STYLESHEETS = ("css/wijknet.css", "css/charts.css", "css/print.css", "css/report.css")
# WeasyPrint styles an inline SVG only from a <style> inside it: the charts' rules go there.
SVG_STYLESHEET = "css/chart-svg.css"
_SVG_OPEN = re.compile(r"(<svg\b[^>]*>)")


def _read(name: str) -> str:
    with open(finders.find(name), encoding="utf-8") as handle:
        return handle.read()


@cache
def stylesheet_text() -> str:
    return "\n".join(_read(name) for name in STYLESHEETS)


def with_svg_styles(html: str) -> str:
    rules = re.sub(r"/\*.*?\*/", "", _read(SVG_STYLESHEET), flags=re.S)
    style = f"<style>{rules}</style>"
    return _SVG_OPEN.sub(lambda match: match.group(1) + style, html)


def render_body(given: ReportInput, built) -> str:
    """The report's body (cover and sections) as HTML: the report page shows the same."""
    return render_to_string(
        "reports/_body.html",
        {
            "network": given.network,
            "given": given,
            "funder": given.funder,
            "sections": [
                {"section": section, "context": context, "number": number}
                for number, (section, context) in enumerate(built, start=1)
            ],
            "made_at": formatting.moment(timezone.now()),
        },
    )


def render_pdf(given: ReportInput, body: str) -> bytes:
    from weasyprint import CSS, HTML

    document = render_to_string(
        "reports/document.html",
        {
            "network": given.network,
            "given": given,
            "body": mark_safe(with_svg_styles(body)),  # noqa: S308 - our own template's output
            "language": translation.get_language(),
        },
    )
    # WeasyPrint warns about every screen-only rule of the site's stylesheet; errors still show.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=document, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(string=stylesheet_text())]
    )


def build_report(given: ReportInput, progress=None) -> tuple[str, bytes]:
    """(HTML body, PDF bytes) of one report; `progress(percent, stage)` as it goes."""
    built = build_all(given, progress)
    body = render_body(given, built)
    if progress:
        progress(92, "pdf")
    return body, render_pdf(given, body)
