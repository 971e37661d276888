"""The demo networks: fictional but realistic. All names, people and addresses are made up."""

PASSWORD = "wijknet-demo"

# (email, full name, role in Gezond Oost)
KEY_USERS = [
    ("coordinator@demo.wijknet.nl", "Fatima El Amrani", "coordinator"),
    ("kerngroep@demo.wijknet.nl", "Jeroen de Vries", "core"),
    ("partner@demo.wijknet.nl", "Sanne Bakker", "partner"),
    ("burger@demo.wijknet.nl", "Henk Jansen", "citizen"),
    ("financier@demo.wijknet.nl", "Marloes Visser", "viewer"),
]

OTHER_MEMBERS = [
    ("Ahmed Yilmaz", "core"),
    ("Linda Mulder", "core"),
    ("Kees van Dijk", "partner"),
    ("Ingrid Smit", "partner"),
    ("Mohamed Bouali", "partner"),
    ("Petra de Boer", "partner"),
    ("Rob Peters", "partner"),
    ("Esther Kok", "partner"),
    ("Wim Hendriks", "partner"),
    ("Naima Ouali", "partner"),
    ("Bart Willems", "partner"),
    ("Yvonne Maas", "citizen"),
    ("Gerrit Brouwer", "citizen"),
    ("Joke Verhoeven", "citizen"),
    ("Sevda Kaya", "citizen"),
    ("Tom Dekker", "citizen"),
    ("Annelies Vos", "viewer"),
    ("Rachid Amrani", "partner"),
    ("Mirjam Groen", "coordinator"),
]

# (organisation, sector, partner role, contributions, hours/month, commitment s/t/o, contact)
GEZOND_OOST_PARTNERS = [
    (
        "Huisartsenpraktijk Oosterpark",
        "huisartsenzorg",
        "kern",
        ["kennis", "tijd"],
        8,
        ("strong", "strong", "strong"),
        "dr. P. Meijer",
    ),
    (
        "Gezondheidscentrum De Linde",
        "huisartsenzorg",
        "partner",
        ["kennis", "accommodatie"],
        4,
        ("weak", "strong", "strong"),
        "M. Koster",
    ),
    (
        "Buurtzorg Oost",
        "wijkverpleging",
        "kern",
        ["kennis", "tijd"],
        10,
        ("strong", "strong", "strong"),
        "J. Hofman",
    ),
    (
        "Fysiotherapie Oost",
        "paramedisch",
        "partner",
        ["kennis", "tijd"],
        6,
        ("weak", "strong", "strong"),
        "Sanne Bakker",
    ),
    (
        "Diëtistenpraktijk Voedzaam",
        "paramedisch",
        "partner",
        ["kennis"],
        3,
        ("none", "weak", "strong"),
        "L. Brink",
    ),
    ("GGZ Wijkteam Oost", "ggz", "partner", ["kennis"], 4, ("weak", "weak", "strong"), "R. Sedney"),
    (
        "Zorggroep Avondrood",
        "ouderenzorg",
        "partner",
        ["accommodatie", "tijd"],
        4,
        ("strong", "weak", "weak"),
        "H. Post",
    ),
    (
        "Welzijn Oost",
        "welzijn",
        "kern",
        ["tijd", "vrijwilligers", "kennis"],
        16,
        ("strong", "strong", "strong"),
        "Ahmed Yilmaz",
    ),
    (
        "Sociaal Wijkteam Oost",
        "sociaal_wijkteam",
        "kern",
        ["kennis", "tijd"],
        8,
        ("strong", "strong", "strong"),
        "Linda Mulder",
    ),
    (
        "Gemeente Oosterstad",
        "gemeente",
        "kern",
        ["geld", "kennis"],
        8,
        ("strong", "strong", "weak"),
        "K. Bos",
    ),
    (
        "Zorgverzekeraar Zorgsaam",
        "zorgverzekeraar",
        "adviseur",
        ["geld"],
        2,
        ("strong", "weak", "none"),
        "Marloes Visser",
    ),
    (
        "Sportvereniging OVV",
        "sport",
        "partner",
        ["accommodatie", "vrijwilligers"],
        6,
        ("weak", "strong", "strong"),
        "W. Hendriks",
    ),
    (
        "Buurtsportcoaches Oosterstad",
        "sport",
        "kern",
        ["tijd", "kennis"],
        12,
        ("strong", "strong", "strong"),
        "Naima Ouali",
    ),
    (
        "Basisschool De Regenboog",
        "onderwijs",
        "partner",
        ["accommodatie"],
        2,
        ("weak", "weak", "weak"),
        "E. Kok",
    ),
    (
        "Woonstichting Oosterhuis",
        "woningcorporatie",
        "partner",
        ["accommodatie", "geld"],
        2,
        ("strong", "weak", "none"),
        "B. Willems",
    ),
    (
        "Politie wijkteam Oost",
        "politie",
        "partner",
        ["kennis"],
        1,
        ("none", "weak", "weak"),
        "wijkagent R. Peters",
    ),
    (
        "Zorgcoöperatie Oost Helpt",
        "burgerinitiatief",
        "partner",
        ["vrijwilligers", "tijd"],
        10,
        ("strong", "strong", "strong"),
        "Yvonne Maas",
    ),
    ("ROS Midden", "ros", "adviseur", ["kennis"], 2, ("strong", "weak", "none"), "S. de Graaf"),
    (
        "Bibliotheek Oosterstad",
        "overig",
        "leverancier",
        ["accommodatie"],
        1,
        ("weak", "weak", "weak"),
        "J. de Wit",
    ),
]

# Where each member of Gezond Oost works (None: a resident or volunteer without an
# organisation), so people fit their organisation: the physiotherapist at the physiotherapy
# practice, the practice nurse at the GP, the funder at the health insurer.
ORGANISATION_OF = {
    "Fatima El Amrani": "Welzijn Oost",  # the kartrekker, from the welfare organisation
    "Jeroen de Vries": "Huisartsenpraktijk Oosterpark",  # praktijkondersteuner
    "Sanne Bakker": "Fysiotherapie Oost",
    "Henk Jansen": None,
    "Marloes Visser": "Zorgverzekeraar Zorgsaam",
    "Ahmed Yilmaz": "Welzijn Oost",
    "Linda Mulder": "Sociaal Wijkteam Oost",
    "Kees van Dijk": "Zorggroep Avondrood",
    "Ingrid Smit": "Buurtzorg Oost",
    "Mohamed Bouali": "Gezondheidscentrum De Linde",
    "Petra de Boer": "Huisartsenpraktijk Oosterpark",
    "Rob Peters": "Politie wijkteam Oost",
    "Esther Kok": "Basisschool De Regenboog",
    "Wim Hendriks": "Sportvereniging OVV",
    "Naima Ouali": "Buurtsportcoaches Oosterstad",
    "Bart Willems": "Woonstichting Oosterhuis",
    "Yvonne Maas": "Zorgcoöperatie Oost Helpt",
    "Gerrit Brouwer": None,
    "Joke Verhoeven": None,
    "Sevda Kaya": None,
    "Tom Dekker": None,
    "Annelies Vos": "Gemeente Oosterstad",
    "Rachid Amrani": "GGZ Wijkteam Oost",
    "Mirjam Groen": "Sociaal Wijkteam Oost",
}

# Steps with progress in Gezond Oost: (step key, status, note)
GEZOND_OOST_PROGRESS = [
    ("done", "Startbijeenkomst met 40 bewoners en professionals in buurthuis De Schakel."),
    ("done", "Bewonersavond: bewegen en eenzaamheid kwamen bovenaan."),
    ("done", "Overzicht van 23 lopende initiatieven gemaakt met de wijkregisseur."),
    ("done", "Gemeente, zorgverzekeraar en twee huisartsenpraktijken doen mee."),
    ("in_progress", "Nog geen vertegenwoordiging van jongeren."),
    ("done", ""),
    ("not_applicable", "Niet nodig: het netwerk bestond al als werkgroep."),
]

# Dorpsnetwerk Zuiderveen is described in demo/zuiderveen.yaml (a network file).
ZUIDERVEEN_USERS = [
    ("dorpsondersteuner@demo.wijknet.nl", "Anke Hoekstra", "coordinator"),
]
