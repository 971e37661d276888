"""Kinds of notification, and whether each is e-mailed unless the user says otherwise."""

from django.utils.translation import gettext_lazy as _

REFERRAL_INCOMING = "referral_incoming"
REFERRAL_STATUS = "referral_status"
REFERRAL_REMINDER = "referral_reminder"
MATCH_PROPOSED = "match_proposed"
FOLLOWUP_DUE = "followup_due"
FOLLOWUP_SIGNAL = "followup_signal"
HELP_REQUEST_NEARBY = "help_request_nearby"
OFFER_CONFIRMATION = "offer_confirmation"
ACCESS_REVIEW = "access_review"
RETENTION_DUE = "retention_due"
ACTION_OVERDUE = "action_overdue"
FUNDING_ENDING = "funding_ending"
INITIATIVE_NEW = "initiative_new"
INITIATIVE_RESPONSE = "initiative_response"
RESIDENT_MESSAGE = "resident_message"
RESIDENT_CONSENT = "resident_consent"
SCAN_REMEASUREMENT_DUE = "scan_remeasurement_due"

LABELS = {
    REFERRAL_INCOMING: _("Nieuwe verwijzing voor mijn organisatie"),
    REFERRAL_STATUS: _("Terugkoppeling op mijn verwijzingen"),
    REFERRAL_REMINDER: _("Herinnering: een verwijzing wacht op een volgende stap"),
    MATCH_PROPOSED: _("Voorstel voor een vrijwillige inzet"),
    FOLLOWUP_DUE: _("Vraag hoe een inzet gaat"),
    FOLLOWUP_SIGNAL: _("Signaal: een inzet gaat niet goed"),
    HELP_REQUEST_NEARBY: _("Nieuwe hulpvraag in mijn buurt"),
    OFFER_CONFIRMATION: _("Verzoek om aanbod op de sociale kaart te bevestigen"),
    ACCESS_REVIEW: _("Bevindingen uit de controle van het inzagelog"),
    RETENTION_DUE: _("Bewaartermijn van cliëntgegevens verstreken"),
    ACTION_OVERDUE: _("Een actie van mij is over de datum"),
    FUNDING_ENDING: _("Tijdelijke financiering loopt binnenkort af"),
    INITIATIVE_NEW: _("Nieuw idee of initiatief in het netwerk"),
    INITIATIVE_RESPONSE: _("Reactie op mijn idee of initiatief"),
    RESIDENT_MESSAGE: _("Vraag van een bewoner of mantelzorger"),
    RESIDENT_CONSENT: _("Een bewoner trok toestemming in of gaf toestemming"),
    SCAN_REMEASUREMENT_DUE: _("Een geplande herhaalmeting (scan T1 of T2) komt eraan"),
}

# Without a stored preference: mail for what needs someone's action, in-app only for the rest.
EMAIL_BY_DEFAULT = {
    REFERRAL_INCOMING: True,
    REFERRAL_STATUS: True,
    REFERRAL_REMINDER: True,
    MATCH_PROPOSED: True,
    FOLLOWUP_DUE: True,
    FOLLOWUP_SIGNAL: True,
    HELP_REQUEST_NEARBY: False,
    OFFER_CONFIRMATION: True,
    ACCESS_REVIEW: True,
    RETENTION_DUE: True,
    ACTION_OVERDUE: True,
    FUNDING_ENDING: True,
    INITIATIVE_NEW: True,
    INITIATIVE_RESPONSE: True,
    RESIDENT_MESSAGE: True,
    RESIDENT_CONSENT: True,
    SCAN_REMEASUREMENT_DUE: True,
}

CHOICES = [(kind, label) for kind, label in LABELS.items()]
