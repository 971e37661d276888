"""The editable fields of the agreement, a partner's terms, an endorsement and a funding source,
declared once (`core.declarations`): the forms (`forms.AgreementForm`, `TermsForm`,
`EndorsementForm`, `FundingForm`), the services and the network file (`networkfile`: its keys,
export and import) read these. (name, key in the network file).
"""

AGREEMENT_FIELDS = (
    ("purpose", "purpose"),
    ("out_of_scope", "out_of_scope"),
    ("notes", "notes"),
)

# As `services.Terms` names them (the model's `hours_per_month` is `hours`).
TERMS_FIELDS = (
    ("partner", "partner"),  # by organisation name in the file
    ("roles", "roles"),
    ("tasks", "tasks"),
    ("hours", "hours"),
    ("money", "money"),
)

ENDORSEMENT_FIELDS = (
    ("partner", "partner"),  # by organisation name in the file
    ("level", "level"),
    ("name", "name"),
    ("endorsed_on", "endorsed_on"),
)

FUNDING_FIELDS = (
    ("name", "name"),
    ("kind", "kind"),
    ("amount", "amount"),
    ("structural", "structural"),
    ("starts_on", "starts_on"),
    ("ends_on", "ends_on"),
    ("notes", "notes"),
)
