"""Who may do what on a resident's own pages: the ONE place where that is decided.

- A user reaches a record's resident pages only through an open `ResidentLink` of their own
  (`link_for`); an ended link, another user's link or a link that does not exist is a 404, the
  same answer, so nothing hints that a record exists.
- The resident (kind resident) may do everything on their own pages: see the plan, add their
  own words, mark their actions done, ask questions, see and withdraw or grant consent, see the
  access log, download the export, invite a mantelzorger and end links.
- A mantelzorger sees the plan and the questions; with scope "contribute" they may also add
  words, mark the resident's actions done and ask questions. Consent, the access log, the export
  and who has access stay with the resident. A mantelzorger may end their own link.
- On the care team's side: whoever may see the client (casework.access) may invite the
  resident or (with the resident's consent) a mantelzorger, answer questions, propose a consent
  and end a link.
"""

from django.http import Http404
from django_scopes import scopes_disabled

from wijknet.casework import access as casework_access

from .models import LinkKind, LinkScope, ResidentLink

# Pages and what they need: "read" for everyone linked, "contribute" for the resident and a
# mantelzorger with that scope, "resident" for the resident alone.
READ, CONTRIBUTE, RESIDENT = "read", "contribute", "resident"


def link_for(user, link_uuid) -> ResidentLink:
    """The user's open link, with its client and network, else Http404."""
    if user is None or not user.is_authenticated:
        raise Http404
    with scopes_disabled():
        link = (
            ResidentLink.objects.select_related("client", "network")
            .filter(uuid=link_uuid, user=user, ended_at__isnull=True)
            .first()
        )
    if link is None:
        raise Http404
    link.client.network = link.network
    return link


def may(link, need: str) -> bool:
    """What an open link allows: READ for everyone linked; CONTRIBUTE for the resident and a
    mantelzorger with scope "contribute"; RESIDENT for the resident alone. An ended link
    allows nothing."""
    if link is None or link.ended_at is not None:
        return False
    if need == READ:
        return True
    if need == CONTRIBUTE:
        return link.kind == LinkKind.RESIDENT or link.scope == LinkScope.CONTRIBUTE
    if need == RESIDENT:
        return link.kind == LinkKind.RESIDENT
    raise ValueError(f"unknown need {need!r}")


def may_end(link, other) -> bool:
    """The resident ends any link of their record; a mantelzorger only their own."""
    if link.client_id != other.client_id or other.ended_at is not None:
        return False
    return link.kind == LinkKind.RESIDENT or link.pk == other.pk


def team_may_manage(client, membership) -> bool:
    """A care-team member (anyone who may see the client) manages the resident's access."""
    return casework_access.can_see(client, membership)


def open_links(user):
    """A user's open links (for the landing page): as resident first, then by date."""
    with scopes_disabled():
        return list(
            ResidentLink.objects.select_related("network")
            .filter(user=user, ended_at__isnull=True)
            .order_by("kind", "created_at", "pk")
        )
