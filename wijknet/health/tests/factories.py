"""Small builders for the health tests: rows of the other apps, created directly."""

from datetime import date, datetime, time

from django.utils import timezone

from tests.factories import MembershipFactory, PartnerFactory
from wijknet.actions.models import Action, Goal, Success
from wijknet.agreements.models import Agreement, Endorsement, FundingSource, PartnerTerms
from wijknet.meetings.models import Attendance, Decision, Meeting, Reflection


def at(day: date, hour: int = 19) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def partner(network, name: str, sector: str = "welzijn", **kwargs):
    return PartnerFactory(
        network=network, organisation__name=name, organisation__sector=sector, **kwargs
    )


def member(network, role: str, **kwargs):
    return MembershipFactory(network=network, role=role, **kwargs)


def meeting(network, day: date, *, title="Netwerkoverleg", attended=None, absent=None, **kw):
    kw.setdefault("kind", "network")
    m = Meeting.objects.create(network=network, title=title, starts_at=at(day), **kw)
    for p in attended or []:
        Attendance.objects.create(network=network, meeting=m, partner=p, present=True)
    for p in absent or []:
        Attendance.objects.create(network=network, meeting=m, partner=p, present=False)
    return m


def reflection(m):
    return Reflection.objects.create(
        network=m.network, meeting=m, collaboration=4, engagement=4, goal_progress=3
    )


def decision(m, text="Besluit", communicated=False):
    return Decision.objects.create(
        network=m.network, meeting=m, text=text, communicated=communicated
    )


def goal(network, title="Meer bewegen", **kwargs):
    return Goal.objects.create(network=network, title=title, **kwargs)


def action(network, title="Actie", **kwargs):
    return Action.objects.create(network=network, title=title, **kwargs)


def success(network, day: date, shared: date | None = None):
    return Success.objects.create(
        network=network, title="Gelukt", happened_on=day, shared_at=at(shared) if shared else None
    )


def funding(network, name, *, structural=False, ends_on=None, starts_on=None, kind="subsidie"):
    return FundingSource.objects.create(
        network=network,
        name=name,
        kind=kind,
        amount=10000,
        structural=structural,
        starts_on=starts_on,
        ends_on=ends_on,
    )


def agreement(network, version=1, terms=(), endorsements=()):
    a = Agreement.objects.create(network=network, version=version)
    for p in terms:
        PartnerTerms.objects.create(network=network, agreement=a, partner=p, roles="Trekker")
    for p, level in endorsements:
        Endorsement.objects.create(
            network=network,
            agreement=a,
            partner=p,
            level=level,
            name="Iemand",
            endorsed_on=timezone.localdate(),
        )
    return a
