"""An offer's editable fields, declared once: the form (`forms.OfferForm`), the CSV import and
its template (`imports.COLUMNS`) all read this list. (model field, CSV column), in the order the
form shows them and the template lists them; the HSDS export maps offers onto another schema
(hsds.py) and is not a field list.
"""

OFFER_FIELDS: tuple[tuple[str, str], ...] = (
    ("provider", "aanbieder"),
    ("title", "titel"),
    ("kind", "soort"),
    ("description", "beschrijving"),
    ("target_groups", "doelgroepen"),
    ("age_min", "leeftijd_min"),
    ("age_max", "leeftijd_max"),
    ("costs", "kosten"),
    ("reimbursed_by", "vergoed_door"),
    ("address", "adres"),
    ("postcode", "postcode"),
    ("place", "plaats"),
    ("latitude", "breedtegraad"),
    ("longitude", "lengtegraad"),
    ("schedule", "wanneer"),
    ("contact_name", "contactpersoon"),
    ("contact_email", "email"),
    ("contact_phone", "telefoon"),
    ("accessibility", "toegankelijkheid"),
    ("capacity", "plaatsen"),
    ("waiting_list", "wachtlijst"),
    ("active_from", "actief_vanaf"),
    ("active_to", "actief_tot"),
)
