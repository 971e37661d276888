"""Reusable reads for networks, partners and members, with their prefetching written out."""

import functools

from django.db import connections, router
from django.db.models import Count, Q

from wijknet.core import joined, pagecache

from .models import Invitation, Membership, Network, Organisation, Partner, Sector
from .roles import Role


def current_membership(user, network_slug: str, *, page_version=False) -> Membership | None:
    """The user's current membership of the network with this slug, with its network and
    organisation, or None. With `page_version`, also the page cache's data version as of now
    (`membership.page_version`, see core/pagecache.py): the same query brings it along.

    Runs on every network page and API call, before any scope exists (it is what decides the
    scope): one query written once per process (core/joined.py) instead of the ORM's
    `select_related("network", "organisation")`, which cost 1.5 ms of Python per request.
    """
    db = router.db_for_read(Membership)
    sql = _current_membership_sql(db, page_version)
    row = joined.fetch_one(db, sql, [user.pk, network_slug])
    if row is None:
        return None
    version = None
    if page_version:
        row, version = row[: -pagecache.VERSION_WIDTH], row[-pagecache.VERSION_WIDTH :]
    values, network, organisation = joined.split(row, Membership, Network, Organisation)
    membership = joined.instance(Membership, values, db)
    membership.network = joined.instance(Network, network, db)
    if membership.organisation_id is not None:
        membership.organisation = joined.instance(Organisation, organisation, db)
    else:
        membership.organisation = None
    if version is not None:
        membership.page_version = pagecache.version_of(version)
    return membership


@functools.cache
def _current_membership_sql(db: str, page_version: bool) -> str:
    connection = connections[db]
    quote = connection.ops.quote_name
    membership, network, organisation = (
        quote(model._meta.db_table) for model in (Membership, Network, Organisation)
    )
    field = Membership._meta.get_field
    user_id = f"m.{quote(field('user').column)}"
    version = f", {pagecache.version_columns(f'n.{quote("id")}', user_id)}" if page_version else ""
    # Only table and column names from the models, quoted; the values are parameters.
    return (
        f"SELECT {joined.columns(Membership, 'm', connection)},"  # noqa: S608
        f" {joined.columns(Network, 'n', connection)},"
        f" {joined.columns(Organisation, 'o', connection)}{version}"
        f" FROM {membership} m"
        f" INNER JOIN {network} n ON n.{quote('id')} = m.{quote(field('network').column)}"
        f" LEFT OUTER JOIN {organisation} o"
        f" ON o.{quote('id')} = m.{quote(field('organisation').column)}"
        f" WHERE {user_id} = %s AND n.{quote('slug')} = %s"
        f" AND m.{quote('ended_at')} IS NULL"
        f" ORDER BY m.{quote('id')} LIMIT 1"
    )


def memberships_of_user(user) -> list[Membership]:
    """All current memberships of one user across networks, with their networks, ordered by
    the network's status and name ("Mijn netwerken", the API's network list).

    One query written once per process, like `current_membership`: "Mijn netwerken" is the page
    every user starts from, and the ORM's compilation of this query was a third of its time.
    """
    db = router.db_for_read(Membership)
    memberships = []
    for row in joined.fetch_all(db, _memberships_of_user_sql(db), [user.pk]):
        values, network = joined.split(row, Membership, Network)
        membership = joined.instance(Membership, values, db)
        membership.network = joined.instance(Network, network, db)
        memberships.append(membership)
    return memberships


@functools.cache
def _memberships_of_user_sql(db: str) -> str:
    connection = connections[db]
    quote = connection.ops.quote_name
    membership, network = (quote(model._meta.db_table) for model in (Membership, Network))
    field = Membership._meta.get_field
    # Only table and column names from the models, quoted; the value is a parameter.
    return (
        f"SELECT {joined.columns(Membership, 'm', connection)},"  # noqa: S608
        f" {joined.columns(Network, 'n', connection)}"
        f" FROM {membership} m"
        f" INNER JOIN {network} n ON n.{quote('id')} = m.{quote(field('network').column)}"
        f" WHERE m.{quote(field('user').column)} = %s AND m.{quote('ended_at')} IS NULL"
        f" ORDER BY n.{quote('status')}, n.{quote('name')}, m.{quote('id')}"
    )


def partners(network, *, sector="", role="", contribution="", search="", include_ended=False):
    """Partners of a network, filtered; active ones first, then by organisation name."""
    qs = Partner.objects.filter(network=network).select_related("organisation")
    if not include_ended:
        qs = qs.filter(left_on__isnull=True)
    if sector:
        qs = qs.filter(organisation__sector=sector)
    if role:
        qs = qs.filter(role=role)
    if contribution:
        # JSON containment is not portable to SQLite; match the quoted value in the JSON text.
        qs = qs.filter(contributions__icontains=f'"{contribution}"')
    if search:
        qs = qs.filter(Q(organisation__name__icontains=search) | Q(contact_name__icontains=search))
    return qs.order_by("left_on", "organisation__name", "pk")


def partner_counts_by_sector(network) -> list[tuple[str, int]]:
    """(sector label, active partners) for every sector that has at least one, largest first."""
    rows = (
        Partner.objects.filter(network=network, left_on__isnull=True)
        .values("organisation__sector")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__sector")
    )
    labels = dict(Sector.choices)
    return [
        (str(labels.get(r["organisation__sector"], r["organisation__sector"])), r["n"])
        for r in rows
    ]


def member_counts_by_role(network) -> list[tuple[str, int]]:
    """(role label, current members) for every role, in the role order, zeros included."""
    counts = dict(
        Membership.objects.filter(network=network, ended_at__isnull=True)
        .values_list("role")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [(str(label), counts.get(value, 0)) for value, label in Role.choices]


def members(network):
    return (
        Membership.objects.filter(network=network, ended_at__isnull=True)
        .select_related("user", "organisation")
        .order_by("user__full_name", "user__email", "pk")
    )


def open_invitations(network):
    return (
        Invitation.objects.filter(
            network=network, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("invited_by", "organisation")
        .order_by("-created_at", "pk")
    )


def organisations(network):
    """Every organisation this network knows (partners now and before), by name."""
    return Organisation.objects.filter(network=network).order_by("name", "pk")


def organisations_without_active_partnership(network):
    """Organisations this network knows that are not a partner now (to re-join them)."""
    active = Partner.objects.filter(network=network, left_on__isnull=True).values("organisation")
    return (
        Organisation.objects.filter(network=network).exclude(pk__in=active).order_by("name", "pk")
    )
