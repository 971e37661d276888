"""Reading the CBS and GGD files: the sample files, bad rows, unknown columns, years, limits."""

import time

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from wijknet.wijkprofiel import imports, services
from wijknet.wijkprofiel.models import Area, AreaImport, Figure

from .helpers import CBS, GGD_2020, GGD_2022, load, upload

pytestmark = pytest.mark.django_db


def value(code, indicator, year):
    return Figure.objects.get(area__code=code, indicator=indicator, year=year).value


def test_cbs_sample_file():
    record = load(CBS, year=2024)
    assert record.rows == 7
    assert record.problem_total == 0
    assert record.example is True  # the file says VOORBEELD
    assert record.skipped_columns == ["Mannen_6", "Vrouwen_7", "MeestVoorkomendePostcode_103"]
    assert record.years == [2024]
    assert record.sources == ["cbs"]
    wijk = Area.objects.get(code="WK990101")
    assert (wijk.level, wijk.name, wijk.municipality_name) == (
        "wijk",
        "Oosterstad-Oost",
        "Oosterstad",
    )
    assert value("WK990101", "inwoners", 2024) == 8400
    # 65+ is a number of people since 2020: the share is computed from the inhabitants.
    assert value("WK990101", "aandeel_65_plus", 2024) == 27.9
    assert value("WK990101", "eenpersoonshuishoudens", 2024) == round(100 * 2180 / 4350, 1)
    assert value("WK990101", "huishoudensgrootte", 2024) == 1.91
    assert value("NL00", "laag_inkomen", 2024) == 7.4
    assert Figure.objects.filter(example=True).count() == Figure.objects.count() > 0


def test_old_cbs_tables_with_percentages_are_read_as_percentages():
    content = (
        "WijkenEnBuurten;Codering_3;AantalInwoners_5;k_0Tot15Jaar_8;k_15Tot25Jaar_9;"
        "k_25Tot45Jaar_10;k_45Tot65Jaar_11;k_65JaarOfOuder_12\n"
        "Oost;WK990101;8000;14;10;23;25;28\n"
    )
    services.area_data_import(
        acting_user=None, parsed=imports.parse(upload(content), year=2018), filename="old.csv"
    )
    assert value("WK990101", "aandeel_65_plus", 2018) == 28


def test_ggd_file_reads_the_value_for_adults_only():
    parsed = imports.parse(upload(GGD_2022.read_bytes()))
    # the lower margin (MW00001) and the 65-plus row (21700) are skipped, not reported
    assert parsed.skipped_rows == 2
    assert parsed.report.total == 0
    assert parsed.years == {2022}
    services.area_data_import(acting_user=None, parsed=parsed, filename="ggd.csv")
    assert value("WK990101", "beweegrichtlijn", 2022) == 38.0
    assert value("NL00", "beweegrichtlijn", 2022) == 47.0
    assert value("BU99010101", "eenzaam", 2022) == 60.1
    assert (
        Figure.objects.get(area__code="WK990101", indicator="beweegrichtlijn", year=2022).source
        == "ggd"
    )


def test_bad_rows_are_reported_and_the_rest_is_imported():
    lines = CBS.read_text().splitlines()
    lines.insert(4, "9;Nergens;Oosterstad;Wijk;WK12;1;100" + ";1" * 16)
    lines.insert(5, "10;Ergens;Oosterstad;Wijk;WK990102;1;veel" + ";1" * 16)
    lines.insert(6, "11;Verkeerd;Oosterstad;Buurt;WK990103;1;100" + ";1" * 16)
    parsed = imports.parse(upload("\n".join(lines)), year=2024)
    assert parsed.rows == 10
    assert [(p.row, p.column) for p in parsed.report.shown] == [
        (5, "Codering_3"),
        (6, "AantalInwoners_5"),
        (7, "SoortRegio_2"),
    ]
    assert (
        parsed.report.shown[0].message == "'WK12' is geen CBS-gebiedscode (GM…, WK…, BU… of NL00)."
    )
    assert parsed.report.shown[1].message == "'veel' is geen getal."
    record = services.area_data_import(acting_user=None, parsed=parsed, filename="x.csv")
    assert record.problem_total == 3
    assert len(record.problems) == 3
    assert not Area.objects.filter(code__in=["WK990102", "WK990103"]).exists()
    assert value("WK990101", "inwoners", 2024) == 8400


def test_the_problem_report_is_bounded():
    rows = "\n".join(f"{i};onzin{i};{i}" for i in range(250))
    parsed = imports.parse(upload(f"ID;WijkenEnBuurten;AantalInwoners_5\n{rows}\n"), year=2024)
    assert parsed.report.total == 250
    assert len(parsed.report.shown) == 100
    record = services.area_data_import(acting_user=None, parsed=parsed, filename="x.csv")
    assert len(record.problems) == 100 and record.problem_total == 250


def test_reimport_replaces_the_year_and_keeps_earlier_years():
    load(GGD_2020)
    load(GGD_2022)
    assert value("WK990101", "beweegrichtlijn", 2020) == 35.1
    assert value("WK990101", "beweegrichtlijn", 2022) == 38.0
    changed = GGD_2022.read_text().replace(
        "WK990101;2022JJ00;Oosterstad;Wijk;WK990101;63,0;38,0",
        "WK990101;2022JJ00;Oosterstad;Wijk;WK990101;63,0;39,5",
        1,
    )
    count = Figure.objects.count()
    services.area_data_import(
        acting_user=None, parsed=imports.parse(upload(changed)), filename="again.csv"
    )
    assert Figure.objects.count() == count
    assert value("WK990101", "beweegrichtlijn", 2022) == 39.5
    assert value("WK990101", "beweegrichtlijn", 2020) == 35.1


@pytest.mark.parametrize(
    ("content", "year", "message"),
    [
        ("Naam;AantalInwoners_5\nOost;100\n", 2024, "Geen kolom met de CBS-code gevonden"),
        ("WijkenEnBuurten;Postcode_1\nWK990101;9901\n", 2024, "Geen enkele bekende kolom"),
        ("WijkenEnBuurten;AantalInwoners_5\nWK990101;100\n", None, "geef het jaar"),
    ],
)
def test_files_that_cannot_be_read(content, year, message):
    with pytest.raises(ValidationError) as error:
        imports.parse(upload(content), year=year)
    assert message in " ".join(error.value.messages)


def test_size_limit():
    big = b"WijkenEnBuurten;AantalInwoners_5\n" + b"WK990101;100\n" * 700_000
    with pytest.raises(ValidationError) as error:
        imports.parse(upload(big), year=2024)
    assert error.value.code == "too_big"


def test_command_imports_the_sample_files(capsys):
    call_command("import_area_data", str(CBS), "--year", "2024")
    call_command("import_area_data", str(GGD_2022))
    out = capsys.readouterr().out
    assert (
        "7 rows" in out
        and "skipped 3 unknown columns: Mannen_6, Vrouwen_7, MeestVoorkomendePostcode_103" in out
    )
    assert AreaImport.objects.count() == 2
    assert value("WK990101", "beweegrichtlijn", 2022) == 38.0


def _big_cbs_file(rows: int) -> bytes:
    header = (
        "ID;WijkenEnBuurten;Gemeentenaam_1;SoortRegio_2;Codering_3;AantalInwoners_5;"
        "k_0Tot15Jaar_8;k_15Tot25Jaar_9;k_25Tot45Jaar_10;k_45Tot65Jaar_11;k_65JaarOfOuder_12;"
        "HuishoudensTotaal_28;Eenpersoonshuishoudens_29;HuishoudensZonderKinderen_30;"
        "HuishoudensMetKinderen_31;GemiddeldeHuishoudensgrootte_32;Bevolkingsdichtheid_33;"
        "GemiddeldInkomenPerInwoner_72;HuishoudensMetEenLaagInkomen_75\n"
    )
    lines = [header]
    for i in range(rows):
        code = f"BU{9000 + i // 100:04d}{i % 100:04d}"
        lines.append(
            f"{i};Buurt {i};Gemeente {i // 100};Buurt;{code};{1000 + i};150;120;250;260;"
            f"{220 + i % 50};480;190;150;140;2,08;{3000 + i};29,4;8,1\n"
        )
    return "".join(lines).encode()


def test_10000_rows_import_in_under_10_seconds():
    content = _big_cbs_file(10_000)
    started = time.perf_counter()
    parsed = imports.parse(upload(content), year=2024)
    services.area_data_import(acting_user=None, parsed=parsed, filename="big.csv")
    seconds = time.perf_counter() - started
    print(f"10,000 CBS rows: {seconds:.2f} s")
    assert Area.objects.count() == 10_000
    assert Figure.objects.count() == 10_000 * 7
    assert seconds < 10
