"""Two scan rounds for Gezond Oost: T0 a year ago on paper, T1 now online, so the results page
shows weak spots, disagreement, advice and a trend."""

import random
from datetime import date, timedelta

from django.utils import timezone

from wijknet.networks.models import Membership
from wijknet.scans import imports, services
from wijknet.scans.models import Instrument, ScanInvitation

INSTRUMENTS = ["samenwerkingsscan", "duurzaam-netwerk"]
# Typical profile of a young network: a shared ambition, weak on organising, and in T1 better
# on most things but divided on financing.
T0_MEAN = {"gedeelde-ambitie": 3.9, "professioneel-organiseren": 2.4, "factoren": 2.9}
T1_MEAN = {"gedeelde-ambitie": 4.2, "professioneel-organiseren": 3.1, "factoren": 3.3}
DEFAULT_MEAN = {"T0": 3.2, "T1": 3.6}


def _value(rng, mean, indicator_key):
    if rng.random() < 0.06:
        return None  # weet niet
    if indicator_key == "financiering-deelnemers-en-netwerkparticipatie":
        return rng.choice([1, 2, 5, 5])  # partners disagree about money
    return max(1, min(5, round(rng.gauss(mean, 0.8))))


def _answers(rng, items, label):
    means = T0_MEAN if label == "T0" else T1_MEAN
    return {
        item.pk: _value(
            rng,
            means.get(item.indicator.group.key, DEFAULT_MEAN[label]),
            item.indicator.key,
        )
        for item in items
    }


def load_scans(coordinator, network):
    rng = random.Random(2026)
    instruments = list(Instrument.objects.filter(key__in=INSTRUMENTS).order_by("order"))
    if not instruments:
        return
    t0 = services.round_create(
        acting_user=coordinator,
        network=network,
        label="T0",
        instruments=instruments,
        opens_on=date(2025, 10, 1),
        closes_on=date(2025, 10, 31),
        roles=["core", "partner"],
        notify=False,
    )
    items = list(services.round_items(t0).select_related("indicator__group"))
    roles = ["core", "partner", "partner", "partner", "citizen"]
    rows = [
        imports.ImportRow(
            row=n + 2,
            respondent=f"formulier {n + 1}",
            role=roles[n % 5],
            sector="",
            answers=_answers(rng, items, "T0"),
        )
        for n in range(14)
    ]
    imports.responses_import(acting_user=coordinator, round_=t0, rows=rows)
    services.round_close(acting_user=coordinator, round_=t0)

    today = timezone.localdate()
    t1 = services.round_create(
        acting_user=coordinator,
        network=network,
        label="T1",
        instruments=instruments,
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=21),
        roles=["coordinator", "core", "partner", "citizen", "viewer"],
        notify=False,
    )
    # Most invitees answered online; the demo coordinator, the residents and the funder have
    # not, so "Mijn werk" asks them and they can try it.
    members = set(
        Membership.objects.filter(network=network, role__in=["core", "partner"]).values_list(
            "user_id", flat=True
        )
    )
    invitations = ScanInvitation.objects.filter(round=t1, user_id__in=members).order_by("pk")
    for invitation in list(invitations)[:11]:
        services.answers_save(
            invitation=invitation, answers=_answers(rng, items, "T1"), submit=True
        )
