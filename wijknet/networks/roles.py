"""Membership roles and what each may do in its network (DESIGN.md, "Tenancy and roles").

Roles stay simple: a fixed set of permission names per role. Platform-wide powers belong on the
user, never on a network role.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Kartrekker / netwerkcoördinator")
    CORE = "core", _("Kerngroep")
    PARTNER = "partner", _("Netwerkpartner")
    CITIZEN = "citizen", _("Burger / vrijwilliger")
    VIEWER = "viewer", _("Financier / waarnemer")


VIEW_DASHBOARD = "view_dashboard"
VIEW_ROADMAP = "view_roadmap"
EDIT_ROADMAP = "edit_roadmap"
VIEW_PARTNERS = "view_partners"
EDIT_PARTNERS = "edit_partners"
VIEW_MEMBERS = "view_members"
MANAGE_MEMBERS = "manage_members"
EDIT_NETWORK = "edit_network"
VIEW_SCANS = "view_scans"
MANAGE_SCANS = "manage_scans"
VIEW_MEETINGS = "view_meetings"
EDIT_MEETINGS = "edit_meetings"
VIEW_ACTIONS = "view_actions"
EDIT_ACTIONS = "edit_actions"
VIEW_AGREEMENT = "view_agreement"
EDIT_AGREEMENT = "edit_agreement"
VIEW_HEALTH = "view_health"
MANAGE_HEALTH = "manage_health"
# Referring residents to offers and partners; which referrals one sees is decided per object.
MAKE_REFERRALS = "make_referrals"
# The referral funnel: aggregated counts only.
VIEW_FUNNEL = "view_funnel"
# Help requests, volunteer profiles and one's own matches; matching is for the coordinators.
VIEW_VOLUNTEERING = "view_volunteering"
MANAGE_VOLUNTEERING = "manage_volunteering"
# Recording clients and working on cases; which cases one sees follows care team and consent.
WORK_ON_CASES = "work_on_cases"
# Network reports (jaarverslag, voortgangsrapportage): reading the finished files, and asking
# for a new one. Which variant (full or funder) one sees is decided in reports/access.py.
VIEW_REPORTS = "view_reports"
MAKE_REPORTS = "make_reports"
# The effect evaluation (aggregated figures per period) and the core group's yearly reflection.
VIEW_EVALUATION = "view_evaluation"
EDIT_EVALUATION = "edit_evaluation"

PERMISSIONS: dict[str, frozenset[str]] = {
    Role.COORDINATOR: frozenset(
        {
            VIEW_EVALUATION,
            EDIT_EVALUATION,
            VIEW_DASHBOARD,
            VIEW_ROADMAP,
            EDIT_ROADMAP,
            VIEW_PARTNERS,
            EDIT_PARTNERS,
            VIEW_MEMBERS,
            MANAGE_MEMBERS,
            EDIT_NETWORK,
            VIEW_SCANS,
            MANAGE_SCANS,
            VIEW_MEETINGS,
            EDIT_MEETINGS,
            VIEW_ACTIONS,
            EDIT_ACTIONS,
            VIEW_AGREEMENT,
            EDIT_AGREEMENT,
            VIEW_HEALTH,
            MANAGE_HEALTH,
            MAKE_REFERRALS,
            VIEW_FUNNEL,
            VIEW_VOLUNTEERING,
            MANAGE_VOLUNTEERING,
            WORK_ON_CASES,
            VIEW_REPORTS,
            MAKE_REPORTS,
        }
    ),
    Role.CORE: frozenset(
        {
            VIEW_EVALUATION,
            EDIT_EVALUATION,
            VIEW_DASHBOARD,
            VIEW_ROADMAP,
            EDIT_ROADMAP,
            VIEW_PARTNERS,
            EDIT_PARTNERS,
            VIEW_MEMBERS,
            VIEW_SCANS,
            MANAGE_SCANS,
            VIEW_MEETINGS,
            EDIT_MEETINGS,
            VIEW_ACTIONS,
            EDIT_ACTIONS,
            VIEW_AGREEMENT,
            EDIT_AGREEMENT,
            VIEW_HEALTH,
            MAKE_REFERRALS,
            VIEW_FUNNEL,
            VIEW_VOLUNTEERING,
            MANAGE_VOLUNTEERING,
            WORK_ON_CASES,
            VIEW_REPORTS,
            MAKE_REPORTS,
        }
    ),
    Role.PARTNER: frozenset(
        {
            VIEW_EVALUATION,
            VIEW_DASHBOARD,
            VIEW_ROADMAP,
            VIEW_PARTNERS,
            VIEW_MEMBERS,
            VIEW_SCANS,
            VIEW_MEETINGS,
            VIEW_ACTIONS,
            VIEW_AGREEMENT,
            MAKE_REFERRALS,
            VIEW_FUNNEL,
            VIEW_VOLUNTEERING,
            WORK_ON_CASES,
        }
    ),
    Role.CITIZEN: frozenset(
        {
            VIEW_EVALUATION,
            VIEW_DASHBOARD,
            VIEW_ROADMAP,
            VIEW_PARTNERS,
            VIEW_SCANS,
            VIEW_MEETINGS,
            VIEW_ACTIONS,
            VIEW_VOLUNTEERING,
        }
    ),
    # Funders and observers read aggregated results only; scan results are aggregates, of
    # the reports only the funder variant (reports/access.py), and the evaluation page shows
    # them aggregates only (evaluation.access).
    Role.VIEWER: frozenset(
        {VIEW_DASHBOARD, VIEW_SCANS, VIEW_FUNNEL, VIEW_REPORTS, VIEW_EVALUATION}
    ),
}


def role_can(role: str, permission: str) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())
