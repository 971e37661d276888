"""The fields of the network's history the health monitor reads, declared once
(`core.declarations`): the services (`declined_partner_create`, `working_group_create`,
`working_group_member_add` refuse other names) and the network file (its keys, export and
import) read these. (name, key in the network file). There is no form for them yet.
"""

DECLINED_FIELDS = (
    ("organisation", "name"),
    ("sector", "sector"),
    ("asked_on", "asked_on"),
    ("declined_on", "declined_on"),
    ("reason", "reason"),
)

WORKING_GROUP_FIELDS = (
    ("name", "name"),
    ("purpose", "purpose"),
    ("started_on", "started_on"),
    ("ended_on", "ended_on"),
)

WORKING_GROUP_MEMBER_FIELDS = (
    ("name", "name"),
    ("organisation", "organisation"),
    ("joined_on", "joined_on"),
    ("left_on", "left_on"),
)
