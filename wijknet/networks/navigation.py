"""The network menu's items (core/navigation.py), each with the permission its view checks.
The access log's item is registered by the accesslog app."""

from django.utils.translation import gettext_lazy as _

from wijknet.core.navigation import NavItem, pages_of, register, url_names_with

from . import roles

register(
    # Netwerk: where the network stands and who is in it.
    NavItem(
        "mywork", "network", _("Mijn werk"), "mywork:home", roles.VIEW_DASHBOARD,
        apps=("mywork",), fallback="dashboard:index", order=10,
    ),
    NavItem(
        "dashboard", "network", _("Dashboard"), "dashboard:index", roles.VIEW_DASHBOARD,
        views=("dashboard:index",), order=20,
    ),
    NavItem(
        "roadmap", "network", _("Stappenplan"), "roadmap:overview", roles.VIEW_ROADMAP,
        apps=("roadmap",), order=30,
    ),
    NavItem(
        "partners", "network", _("Partners"), "networks:partner_list", roles.VIEW_PARTNERS,
        url_names=url_names_with("networks", "partner"), order=40,
    ),
    NavItem(
        "members", "network", _("Leden"), "networks:member_list", roles.VIEW_MEMBERS,
        url_names=url_names_with("networks", "member", "invitation"),
        views=("accesslog:officers",), order=50,
    ),
    NavItem(
        "profile", "network", _("Profiel"), "networks:edit", roles.EDIT_NETWORK,
        views=("networks:edit",), order=60,
    ),
    # Samenwerken: meeting, agreeing and acting together.
    NavItem(
        "meetings", "together", _("Bijeenkomsten"), "meetings:list", roles.VIEW_MEETINGS,
        apps=("meetings",), order=10,
    ),
    NavItem(
        "actions", "together", _("Doelen en acties"), "actions:index", roles.VIEW_ACTIONS,
        apps=("actions",), order=20,
    ),
    NavItem(
        "agreements", "together", _("Afspraken"), "agreements:index", roles.VIEW_AGREEMENT,
        apps=("agreements",), order=30,
    ),
    # Inwoners: the offer for residents and the work with them.
    NavItem(
        "offers", "residents", _("Sociale kaart"), "offers:list", roles.VIEW_PARTNERS,
        apps=("offers",), order=10,
    ),
    NavItem(
        "referrals", "residents", _("Verwijzingen"), "referrals:list", roles.MAKE_REFERRALS,
        url_names=pages_of("referrals", "funnel"), order=20,
    ),
    NavItem(
        "casework", "residents", _("Cliënten"), "casework:list", roles.WORK_ON_CASES,
        apps=("casework",), order=30,
    ),
    NavItem(
        "volunteering", "residents", _("Vrijwillige inzet"), "volunteering:index",
        roles.VIEW_VOLUNTEERING, apps=("volunteering",), order=40,
    ),
    # Meten en leren: scans, signals and what the figures say.
    NavItem(
        "scans", "learning", _("Scans"), "scans:list", roles.VIEW_SCANS,
        apps=("scans",), order=10,
    ),
    NavItem(
        "health", "learning", _("Signalen"), "health:index", roles.VIEW_HEALTH,
        apps=("health",), order=20,
    ),
    NavItem(
        "graph", "learning", _("Samenwerking"), "graph:index", roles.VIEW_PARTNERS,
        apps=("graph",), order=30,
    ),
    NavItem(
        "funnel", "learning", _("Doorstroom"), "referrals:funnel", roles.VIEW_FUNNEL,
        views=("referrals:funnel",), order=40,
    ),
)  # fmt: skip
