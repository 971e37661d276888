"""Network reports: made by the task worker as in production, read back from the PDF; who may
see which variant; the list's polling, deletion and query counts."""

import re
import zlib
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.management import call_command
from django.db.models import Avg
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from pypdf import PdfReader

from tests.authz.reports import finished_report
from tests.factories import MembershipFactory
from wijknet.agreements.models import FundingSource
from wijknet.core import formatting
from wijknet.evaluation import queries as evaluation_queries
from wijknet.networks.models import Membership, Network, Partner
from wijknet.reports import access, sections, services
from wijknet.reports.models import Report, Status, Variant
from wijknet.roadmap.models import StepProgress, StepStatus
from wijknet.scans.models import ScanAnswer


def pdf_text(report) -> str:
    with scopes_disabled():
        data = report.file.open("rb").read()
    assert data.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def pdf_drawing(report) -> bytes:
    """The PDF's (decompressed) content streams: what it draws."""
    with scopes_disabled():
        data = report.file.open("rb").read()
    drawn = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            drawn.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(drawn)


# The charts' brand colour (#0b5e55) as a PDF fill: the SVG charts are drawn with their styles.
BRAND_FILL = b"0.043137 0.368627 0.333333 rg"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", str(text).replace("\u00a0", " "))


@pytest.mark.django_db(transaction=True)
def test_demo_report_is_made_by_the_worker_and_says_what_the_database_says(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    call_command("load_demo")
    with scopes_disabled():
        network = Network.objects.get(slug="gezond-oost")
        membership = Membership.objects.filter(
            network=network, role="coordinator", ended_at__isnull=True
        ).first()
    with scope(network=network):
        full = services.report_request(
            acting_user=membership.user,
            network=network,
            membership=membership,
            variant=Variant.FULL,
        )
        funder = services.report_request(
            acting_user=membership.user,
            network=network,
            membership=membership,
            variant=Variant.FUNDER,
        )
    with scopes_disabled():
        assert list(Report.objects.values_list("status", flat=True)) == ["queued", "queued"]
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")
    today = timezone.localdate()
    with scopes_disabled():
        full.refresh_from_db()
        funder.refresh_from_db()
        assert (full.status, full.progress, funder.status) == (Status.DONE, 100, Status.DONE)
        # The funding total straight from the rows: every source that has not ended.
        running = [
            s
            for s in FundingSource.objects.filter(network=network)
            if s.ends_on is None or s.ends_on >= today
        ]
        total = sum((s.amount for s in running), Decimal(0))
        per_kind = {}
        for s in running:
            per_kind[s.get_kind_display()] = per_kind.get(s.get_kind_display(), 0) + s.amount
        partners = Partner.objects.filter(network=network, left_on__isnull=True)
        # (A municipality partner may share its name with the network's area, which the
        # ambition section names in both variants.)
        names = sorted(
            p.organisation.name
            for p in partners.select_related("organisation")
            if p.organisation.name not in (network.municipality, network.area_name)
        )
        done_steps = StepProgress.objects.filter(network=network, status=StepStatus.DONE).count()
    assert total > 0 and len(per_kind) >= 2
    for report in (full, funder):
        text = pdf_text(report)
        assert network.name in text
        assert (
            flat(f"Lopende financiering: {formatting.money(total)} uit {len(running)} bronnen")
            in text
        )
        for label, amount in per_kind.items():
            assert flat(f"{label} {formatting.money(amount)}") in text
        assert BRAND_FILL in pdf_drawing(report)
    full_text, funder_text = pdf_text(full), pdf_text(funder)
    # The effect evaluation is in both, with the evaluation page's figures for the period.
    with scope(network=network):
        period = evaluation_queries.Period(full.period_start, full.period_end)
        goals = evaluation_queries.evaluation_figures(network, period).goals
    for text in (full_text, funder_text):
        assert "Effectevaluatie" in text
        assert flat(f"Doelen gehaald {goals.met} van {len(goals.goals)}") in text
    # Organisations are named in the full report only; people never in the funder's.
    assert all(name in full_text for name in names[:5])
    assert not any(name in funder_text for name in names)
    assert membership.user.full_name not in funder_text

    # The charts hold the database's figures.
    given = sections.ReportInput(network, Variant.FULL, full.period_start, full.period_end)
    with scope(network=network):
        funding = sections.build_funding(given)
        partner_section = sections.build_partners(given)
        roadmap = sections.build_roadmap(given)
    bars = {bar.label: Decimal(str(bar.value)) for bar in funding["kind_chart"]["bars"]}
    assert bars == per_kind
    sector_bars = {bar.label: bar.value for bar in partner_section["sector_chart"]["bars"]}
    with scopes_disabled():
        expected_sectors = {}
        for p in partners.select_related("organisation"):
            label = p.organisation.get_sector_display()
            expected_sectors[label] = expected_sectors.get(label, 0) + 1
    assert sector_bars == expected_sectors
    assert sum(row.done for row in roadmap["phases"]) == done_steps
    # The radar's figures: the mean of every submitted rating per group (or indicator) of the
    # latest round, straight from the answers.
    with scope(network=network):
        scans = sections.build_scans(given)
        round_ = scans["round"]
        assert round_ is not None and scans["charts"]
        for chart in scans["charts"]:
            by_group = len(chart["result"].groups) >= 3
            key = "item__indicator__group__name" if by_group else "item__indicator__name"
            raw = dict(
                ScanAnswer.objects.filter(
                    response__round=round_,
                    response__submitted_at__isnull=False,
                    value__isnull=False,
                    item__instrument=chart["result"].instrument,
                )
                .values_list(key)
                .annotate(mean=Avg("value"))
                .order_by()
            )
            shown = {row[0]: row[1] for row in chart["axes"]}
            assert raw and shown.keys() == raw.keys()
            for name, mean in shown.items():
                assert mean == pytest.approx(raw[name]), name
    assert [bar.value for bar in roadmap["phase_chart"]["bars"]] == [
        row.percent_done for row in roadmap["phases"]
    ]


@pytest.fixture
def viewer(network):
    return MembershipFactory(network=network, role="viewer").user


def test_a_funder_sees_only_funder_reports(client, network, coordinator, viewer):
    full = finished_report(network, Variant.FULL)
    funder = finished_report(network, Variant.FUNDER)
    client.force_login(viewer)
    page = client.get(reverse("reports:list", args=[network.slug]))
    assert page.status_code == 200
    assert [r.uuid for r in page.context["reports"].items] == [funder.uuid]
    assert b"Rapportage maken" not in page.content
    for name in ("reports:detail", "reports:download", "reports:status"):
        assert client.get(reverse(name, args=[network.slug, full.uuid])).status_code == 404
    download = client.get(reverse("reports:download", args=[network.slug, funder.uuid]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 matrix"
    assert 'filename="rapportage-gezond-oost-funder-' in download["Content-Disposition"]


def test_a_funder_may_not_ask_for_a_report(network, viewer):
    from django.core.exceptions import PermissionDenied

    with scope(network=network):
        membership = Membership.objects.get(network=network, user=viewer)
        assert access.report_variants(membership) == (Variant.FUNDER,)
        with pytest.raises(PermissionDenied):
            services.report_request(
                acting_user=viewer, network=network, membership=membership, variant="funder"
            )


def test_asking_shows_progress_until_the_worker_is_done(client, network, coordinator, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    client.force_login(coordinator)
    response = client.post(
        reverse("reports:request", args=[network.slug]), {"variant": "funder"}, follow=True
    )
    with scope(network=network):
        report = Report.objects.get(network=network)
    assert report.status == Status.QUEUED
    row = f'hx-get="{reverse("reports:status", args=[network.slug, report.uuid])}"'
    assert row in response.content.decode()
    # A second one of the same kind waits for the first.
    again = client.post(
        reverse("reports:request", args=[network.slug]), {"variant": "funder"}, follow=True
    )
    assert "Er wordt al een rapportage van deze soort gemaakt" in again.content.decode()
    with scope(network=network):
        assert Report.objects.filter(network=network).count() == 1
    # The worker makes it (here called directly); the polled row stops polling.
    assert services.report_generate(report.pk) == Status.DONE
    status = client.get(reverse("reports:status", args=[network.slug, report.uuid]))
    assert "hx-get" not in status.content.decode()
    assert "PDF downloaden" in status.content.decode()
    detail = client.get(reverse("reports:detail", args=[network.slug, report.uuid]))
    assert network.name in detail.content.decode()
    assert "Financiering" in detail.content.decode()


def test_delete_asks_first_and_removes_the_file(
    client, network, coordinator, django_capture_on_commit_callbacks
):
    report = finished_report(network, Variant.FULL)
    storage, name = report.file.storage, report.file.name
    assert storage.exists(name)
    client.force_login(coordinator)
    url = reverse("reports:delete", args=[network.slug, report.uuid])
    confirm = client.post(url)  # without "confirm": the question again
    assert "Dit kan niet ongedaan worden gemaakt" in confirm.content.decode()
    with scope(network=network):
        assert Report.objects.filter(pk=report.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"confirm": "1"})
    with scope(network=network):
        assert not Report.objects.filter(pk=report.pk).exists()
    assert not storage.exists(name)


@pytest.mark.parametrize("items", [1, 3])
def test_report_list_query_count_does_not_grow(
    client, network, coordinator, django_assert_num_queries, items
):
    for _ in range(items):
        finished_report(network, Variant.FULL)
    client.force_login(coordinator)
    with django_assert_num_queries(4):
        response = client.get(reverse("reports:list", args=[network.slug]))
    assert len(response.context["reports"].items) == items


def test_a_stuck_report_no_longer_blocks_a_new_one(network, coordinator, settings):
    from datetime import timedelta

    from django.core.exceptions import ValidationError

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with scope(network=network):
        membership = Membership.objects.get(network=network, user=coordinator)

        def ask():
            return services.report_request(
                acting_user=coordinator, network=network, membership=membership, variant="full"
            )

        first = ask()
        with pytest.raises(ValidationError):
            ask()
        Report.objects.filter(pk=first.pk).update(
            requested_at=timezone.now() - services.GIVE_UP_AFTER - timedelta(minutes=1)
        )
        second = ask()
        assert Report.objects.filter(network=network, status=Status.QUEUED).count() == 2
        assert second.pk != first.pk
