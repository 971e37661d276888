"""The editable fields of a network's profile and of a partnership, declared once
(`core.declarations`): the forms (`forms.NetworkForm`, `forms.PartnerForm`), the services
(`network_update`, `partner_create`/`partner_update` refuse other names) and the network file
(`networkfile`: its keys, export and import) read these. (name, key in the network file).
"""

NETWORK_FIELDS = (
    ("name", "name"),
    ("slug", "slug"),
    ("ambition", "ambition"),
    ("vision", "vision"),
    ("target_group", "target_group"),
    ("themes", "themes"),  # a comma-separated text; a list in the file
    ("area_kind", "area_kind"),
    ("area_name", "area_name"),
    ("municipality", "municipality"),
    ("phase", "phase"),
    ("start_date", "start_date"),
    ("status", "status"),
    # Where the network came from (seed 002 §4.1); read by the health monitor.
    ("origin", "origin"),
    ("initiators", "initiators"),
    ("kartrekker_base", "kartrekker_base"),
    ("other_projects", "other_projects"),  # one per line; a list in the file
)
# The slug is part of every URL: set when the network is made, never edited.
NETWORK_FIXED = ("slug",)

# The organisation (name, sector, website, city) and the end of a partnership (left_on,
# left_reason) are not partnership fields: the services take them separately.
PARTNER_FIELDS = (
    ("role", "role"),
    ("contributions", "contributions"),
    ("interests", "interests"),
    ("commitment_strategic", "commitment.strategic"),
    ("commitment_tactical", "commitment.tactical"),
    ("commitment_operational", "commitment.operational"),
    ("hours_per_month", "hours_per_month"),
    ("joined_on", "joined_on"),
    ("contact_name", "contact.name"),
    ("contact_email", "contact.email"),
    ("contact_phone", "contact.phone"),
)
