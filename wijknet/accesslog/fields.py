"""The columns of the access-log export (`views.LogExportView`), declared once: (field of
`AccessLogRecord`, column in the CSV file), in the order of the file. Records are written by
the platform only (append-only); no form edits them and nothing imports them.
"""

EXPORT_COLUMNS = [
    ("at", "tijdstip"),
    ("user_name", "gebruiker"),
    ("user_email", "e-mailadres"),
    ("organisation_name", "organisatie"),
    ("role", "rol"),
    ("on_behalf_of", "namens"),
    ("client_uuid", "cliënt"),
    ("action", "handeling"),
    ("category", "gegevenscategorie"),
    ("consent_uuid", "toestemming"),
    ("purpose", "doel"),
    ("ip_address", "ip-adres"),
    ("user_agent", "browser"),
    ("detail", "toelichting"),
]
