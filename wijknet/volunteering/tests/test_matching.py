"""The ranking is a pure function: hand-made candidates, no database."""

from wijknet.volunteering.matching import WEIGHTS, Candidate, RequestFacts, distance_km, rank


def texts(ranked):
    return [reason.text for reason in ranked.reasons]


def test_kind_place_availability_and_load_each_count_with_a_reason():
    facts = RequestFacts(kind="boodschappen", place="Zuiderveen", day_parts=("di-ochtend",))
    best = Candidate(
        pk=1,
        name="Anna",
        kinds=["boodschappen"],
        place="zuiderveen",
        availability=["di-ochtend", "do-middag"],
    )
    busy = Candidate(
        pk=2,
        name="Bert",
        kinds=["boodschappen"],
        place="Zuiderveen",
        availability=["di-ochtend"],
        load=2,
        max_matches=2,
    )
    other = Candidate(pk=3, name="Cor", kinds=["tuin"], place="Oudeveen", availability=["ma-avond"])
    ranked = rank(facts, [other, busy, best])
    assert [r.candidate.name for r in ranked] == ["Anna", "Bert", "Cor"]
    assert [r.rank for r in ranked] == [1, 2, 3]
    anna, bert, cor = ranked
    assert texts(anna) == [
        "doet graag boodschappen",
        "woont in hetzelfde dorp of dezelfde wijk (Zuiderveen)",
        "beschikbaar op dinsdagochtend",
        "heeft nu geen actieve koppelingen",
    ]
    assert anna.score == WEIGHTS["kind"] + WEIGHTS["same_place"] + WEIGHTS["available"]
    assert "heeft al 2 actieve koppelingen" in texts(bert)
    assert "zit vol: 2 van de 2 koppelingen die hij of zij tegelijk wil" in texts(bert)
    assert bert.is_full and not anna.is_full
    assert bert.score == anna.score + 2 * WEIGHTS["per_current_match"] + WEIGHTS["full"]
    assert texts(cor) == [
        "heeft boodschappen niet opgegeven",
        "woont in Oudeveen",
        "niet beschikbaar op de gevraagde dagdelen",
        "heeft nu geen actieve koppelingen",
    ]
    assert cor.score == 0


def test_one_current_match_reads_singular():
    facts = RequestFacts(kind="vervoer")
    (ranked,) = rank(facts, [Candidate(pk=1, name="A", load=1, max_matches=3)])
    assert "heeft al 1 actieve koppeling" in texts(ranked)
    assert "de hulpvraag noemt geen vaste dagdelen" in texts(ranked)
    assert "woonplaats onbekend" in texts(ranked)


def test_distance_and_postcode_when_places_differ():
    facts = RequestFacts(
        kind="vervoer", place="Zuiderveen", postcode="9541 AB", latitude=53.0, longitude=7.0
    )
    near = Candidate(pk=1, name="Near", place="Buurdorp", latitude=53.01, longitude=7.0)
    mid = Candidate(pk=2, name="Mid", place="Verderop", latitude=53.04, longitude=7.0)
    far = Candidate(pk=3, name="Far", place="Ver weg", latitude=53.5, longitude=7.0)
    postcode = Candidate(pk=4, name="Post", place="Elders", postcode="9541CD")
    by_name = {r.candidate.name: r for r in rank(facts, [far, mid, near, postcode])}
    assert "woont op 1,1 km afstand" in texts(by_name["Near"])
    assert by_name["Near"].score == WEIGHTS["within_2_km"] + WEIGHTS["no_day_parts_asked"]
    assert by_name["Mid"].score == WEIGHTS["within_5_km"] + WEIGHTS["no_day_parts_asked"]
    assert by_name["Far"].score == WEIGHTS["no_day_parts_asked"]
    assert "zelfde postcodegebied (9541)" in texts(by_name["Post"])


def test_ties_are_broken_by_name_then_id():
    facts = RequestFacts(kind="tuin")
    people = [
        Candidate(pk=5, name="bea"),
        Candidate(pk=3, name="Bea"),
        Candidate(pk=9, name="Adam"),
    ]
    assert [r.candidate.pk for r in rank(facts, people)] == [9, 3, 5]
    assert [r.candidate.pk for r in rank(facts, list(reversed(people)))] == [9, 3, 5]


def test_volunteer_without_availability_is_not_ruled_out():
    facts = RequestFacts(kind="klussen", day_parts=("za-ochtend",))
    (ranked,) = rank(facts, [Candidate(pk=1, name="X", kinds=["klussen"])])
    assert "beschikbaarheid niet opgegeven" in texts(ranked)
    assert ranked.score == WEIGHTS["kind"]


def test_distance_km():
    assert round(distance_km(52.0, 5.0, 52.0, 5.0), 3) == 0
    assert 110 < distance_km(52.0, 5.0, 53.0, 5.0) < 112


def test_reasons_always_add_up_to_the_score():
    import random

    rng = random.Random(7)
    kinds = ["boodschappen", "vervoer", "tuin", "klussen"]
    parts = ["ma-ochtend", "di-ochtend", "wo-middag", "za-avond"]
    people = [
        Candidate(
            pk=n,
            name=f"P{n}",
            kinds=rng.sample(kinds, rng.randint(0, 3)),
            place=rng.choice(["Zuiderveen", "Oudeveen", ""]),
            postcode=rng.choice(["9541 AA", "9600 BB", ""]),
            latitude=rng.choice([None, 53.0 + rng.random() / 10]),
            longitude=7.0 + rng.random() / 10,
            availability=rng.sample(parts, rng.randint(0, 3)),
            max_matches=rng.randint(1, 3),
            load=rng.randint(0, 3),
        )
        for n in range(200)
    ]
    facts = RequestFacts(
        kind="tuin",
        place="Zuiderveen",
        postcode="9541 AB",
        latitude=53.05,
        longitude=7.05,
        day_parts=("di-ochtend", "za-avond"),
    )
    ranked = rank(facts, people)
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    for r in ranked:
        assert sum(reason.points for reason in r.reasons) == r.score
