"""Importing paper forms from a CSV file: all rows or none, with a report per row."""

import csv
import io
from datetime import timedelta
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scope

from wijknet.core.models import AuditEvent
from wijknet.scans import imports, queries, services
from wijknet.scans.models import ScanAnswer, ScanResponse

KEYS = ["m1a", "m1b", "m2a", "m2b", "m3a", "m3b"]
HEADER = "respondent,rol,sector," + ",".join(KEYS)


def import_url(network, round_):
    return f"/n/{network.slug}/scans/{round_.uuid}/importeren/"


def upload(client, network, round_, content, name="antwoorden.csv", follow=False):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(
        import_url(network, round_),
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
        follow=follow,
    )


def paper_responses(network, round_):
    with scope(network=network):
        return list(ScanResponse.objects.filter(round=round_, source="paper").order_by("pk"))


GOOD = "\n".join(
    [
        HEADER,
        "form 1,partner,huisartsenzorg,5,4,3,2,1,wn",
        "form 2,,,1,1,1,1,1,weet niet",
        "form 3,citizen,,2,2,2,2,0,Weet niet",
        "",  # Excel leaves blank lines at the end
    ]
)


@pytest.mark.django_db
class TestImportPage:
    def test_good_file_imports_every_form_and_results_count_them(
        self, client, network, coordinator, make_round, respond, mini
    ):
        round_ = make_round(emails=("a@example.org",))
        respond(round_, {"m1a": 4})  # one online response beside the paper ones
        client.force_login(coordinator)
        page = client.get(import_url(network, round_))
        html = page.content.decode()
        assert "Papieren formulieren importeren in ronde T0" in html
        assert "<code>m2b</code>" in html and "Stelling 2b" in html
        assert "<code>huisartsenzorg</code>" in html
        response = upload(client, network, round_, GOOD, follow=True)
        assert response.redirect_chain[-1][0] == f"/n/{network.slug}/scans/{round_.uuid}/"
        assert "3 papieren formulieren zijn toegevoegd" in response.content.decode()
        paper = paper_responses(network, round_)
        assert len(paper) == 3
        assert {(r.role, r.sector) for r in paper} == {
            ("partner", "huisartsenzorg"),
            ("", ""),
            ("citizen", ""),
        }
        assert all(r.invitation_id is None and r.submitted_at for r in paper)
        with scope(network=network):
            values = {
                (a.item.key, a.response_id): a.value
                for a in ScanAnswer.objects.filter(response__in=paper).select_related("item")
            }
            assert values[("m1a", paper[0].pk)] == 5
            assert values[("m3b", paper[0].pk)] is None  # wn
            assert values[("m3a", paper[2].pk)] is None  # 0
            assert values[("m3b", paper[2].pk)] is None  # "Weet niet"
            assert len(values) == 18
            results = queries.round_results(round_)
            event = AuditEvent.objects.get(action="scan.paper_imported")
        assert results.submitted == 1 + 3
        assert results.invited == 2 + 3  # the invitation of `respond` plus the round's own
        m1a = results.instruments[0].groups[0].indicators[0].items[0]
        assert m1a[0].key == "m1a"
        assert m1a[1].distribution() == [1, 1, 0, 1, 1]  # 5, 1, 2 on paper + 4 online
        assert event.actor == coordinator
        assert event.data["responses"] == 3
        assert "3 papieren formulieren" in event.summary

    def test_file_with_two_bad_rows_imports_nothing_and_reports_both(
        self, client, network, coordinator, make_round, mini
    ):
        round_ = make_round()
        content = "\n".join(
            [
                HEADER,
                "form 1,partner,,5,4,3,2,1,wn",
                "form 2,dokter,,1,1,7,1,1,1",  # unknown role and an answer out of range
                "form 3,,,2,2,2,2,2,2",
                "form 1,,,2,2,,2,2,2",  # duplicate label and a missing answer
            ]
        )
        client.force_login(coordinator)
        response = upload(client, network, round_, content)
        assert response.status_code == 200
        html = response.content.decode()
        assert paper_responses(network, round_) == []
        assert "Er is niets geïmporteerd" in html
        assert "problemen in 2 rijen" in html
        assert_report(
            html,
            [
                ("3", "rol", "Onbekende rol 'dokter'. Kies uit: coordinator, core,"),
                ("3", "m2a", "Ongeldig antwoord '7': gebruik 1 tot 5"),
                ("5", "respondent", "Respondent 'form 1' staat ook al in rij 2."),
                ("5", "m2a", "Geen antwoord."),
            ],
        )
        assert "form 3" not in html  # good rows are not reported

    def test_unknown_item_and_missing_item_in_header(
        self, client, network, coordinator, make_round, mini
    ):
        round_ = make_round()
        header = "respondent," + ",".join(KEYS[:-1]) + ",zz9"
        client.force_login(coordinator)
        html = upload(client, network, round_, f"{header}\nf1,1,1,1,1,1,1\n").content.decode()
        assert paper_responses(network, round_) == []
        assert_report(
            html,
            [
                ("1", "zz9", "Onbekende vraag: deze code hoort niet bij de scans van deze ronde."),
                ("1", "m3b", "Deze vraag ontbreekt in de kopregel"),
            ],
        )

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"PK\x03\x04\x14\x00\x06\x00binary", "Dit is een Excel-bestand"),
            ("respondent,m1a\nf1,1\n".encode("utf-16"), "geen leesbare tekst"),
            (b"\x81\x8d\x8f\x90\x9d" * 3, "niet te lezen"),
            (b"  \n\n", "Het bestand is leeg"),
            (b"", "Het bestand is leeg"),
        ],
    )
    def test_not_a_csv_gives_a_dutch_error(
        self, client, network, coordinator, make_round, mini, content, message
    ):
        round_ = make_round()
        client.force_login(coordinator)
        response = upload(client, network, round_, content)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert paper_responses(network, round_) == []

    def test_closed_round_still_accepts_paper_forms(
        self, client, network, coordinator, make_round, mini
    ):
        round_ = make_round()
        with scope(network=network):
            services.round_close(acting_user=coordinator, round_=round_)
        client.force_login(coordinator)
        assert "Deze ronde is gesloten" in client.get(import_url(network, round_)).content.decode()
        assert upload(client, network, round_, GOOD).status_code == 302
        assert len(paper_responses(network, round_)) == 3

    def test_the_same_file_twice_is_refused(self, client, network, coordinator, make_round, mini):
        round_ = make_round()
        client.force_login(coordinator)
        assert upload(client, network, round_, GOOD).status_code == 302
        html = upload(client, network, round_, GOOD).content.decode()
        assert "al eens geïmporteerd" in html
        assert len(paper_responses(network, round_)) == 3

    def test_partner_may_not_import(self, client, network, members, make_round, mini):
        round_ = make_round()
        client.force_login(members["partner"])
        assert upload(client, network, round_, GOOD).status_code == 403
        assert paper_responses(network, round_) == []


def _report(html: str) -> list[tuple[str, str, str]]:
    """(row, column, reason) from the report table."""
    body = html.split("Problemen per rij")[1].split("</tbody>")[0]
    rows = []
    for tr in body.split("<tr>")[2:]:  # [0] before the head row, [1] the head row
        row, column, reason = (unescape(c.split("</td>")[0]) for c in tr.split("<td>")[1:])
        rows.append((row, column, reason))
    return rows


def assert_report(html: str, expected: list[tuple[str, str, str]]) -> None:
    """The report has exactly these rows; each reason starts with the given text."""
    rows = _report(html)
    assert [(r, c) for r, c, _m in rows] == [(r, c) for r, c, _m in expected], rows
    for (_r, _c, reason), (_er, _ec, start) in zip(rows, expected, strict=True):
        assert reason.startswith(start), reason


@pytest.mark.django_db
class TestTemplate:
    def test_template_header_matches_the_rounds_items(
        self, client, network, coordinator, make_round, mini
    ):
        round_ = make_round()
        client.force_login(coordinator)
        response = client.get(f"{import_url(network, round_)}sjabloon.csv")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "sjabloon.csv" in response["Content-Disposition"]
        text = response.content.decode("utf-8-sig")
        header, statements = list(csv.reader(io.StringIO(text)))
        with scope(network=network):
            keys = [i.key for i in services.round_items(round_)]
        assert keys == KEYS
        assert header == ["respondent", "rol", "sector", *keys]
        assert statements[0].startswith("#")
        assert statements[3:] == [f"Stelling {k[1]}{k[2]}" for k in KEYS]

    def test_filled_in_template_imports(self, client, network, coordinator, make_round, mini):
        round_ = make_round()
        client.force_login(coordinator)
        template = client.get(f"{import_url(network, round_)}sjabloon.csv").content
        filled = template + b"form A,core,ggz,1,2,3,4,5,wn\r\n"
        assert upload(client, network, round_, filled).status_code == 302
        (response,) = paper_responses(network, round_)
        assert (response.role, response.sector) == ("core", "ggz")

    def test_empty_template_imports_nothing(self, network, make_round, mini):
        round_ = make_round()
        with scope(network=network):
            rows = imports.template_rows(round_)
            text = "\n".join(",".join(f'"{c}"' for c in row) for row in rows)
            result = imports.parse_csv(text.encode(), round_)
        assert [p.message for p in result.problems] == [
            "Er staan geen ingevulde formulieren in het bestand."
        ]


@pytest.mark.django_db
class TestParse:
    def test_excel_with_dutch_settings(self, network, make_round, mini):
        """Semicolons, Windows-1252, CRLF, upper-case header, a trailing empty column."""
        round_ = make_round()
        content = (
            "Respondent;Rol;Sector;" + ";".join(KEYS) + ";\r\nFormulier é;;;1;2;3;4;5;WN;\r\n"
        ).encode("cp1252")
        with scope(network=network):
            result = imports.parse_csv(content, round_)
        assert result.problems == []
        (row,) = result.rows
        assert row.respondent == "Formulier é"
        assert sorted(row.answers.values(), key=lambda v: v or 0) == [None, 1, 2, 3, 4, 5]

    def test_utf8_with_bom_and_extra_values(self, network, make_round, mini):
        round_ = make_round()
        content = "\ufeff" + HEADER + "\nf1,,,1,1,1,1,1,1,te veel\n"
        with scope(network=network):
            result = imports.parse_csv(content.encode(), round_)
        assert [(p.row, p.message) for p in result.problems] == [
            (2, "Deze rij heeft waarden in een kolom zonder kopje.")
        ]

    def test_missing_respondent_column(self, network, make_round, mini):
        round_ = make_round()
        with scope(network=network):
            result = imports.parse_csv((",".join(KEYS) + "\n1,1,1,1,1,1\n").encode(), round_)
        assert [(p.row, p.column) for p in result.problems] == [(1, "respondent")]
        assert result.rows == []


@pytest.mark.django_db
class TestService:
    def _row(self, network, round_, **overrides):
        with scope(network=network):
            items = list(services.round_items(round_))
        fields = {
            "row": 2,
            "respondent": "f1",
            "role": "",
            "sector": "",
            "answers": {i.pk: 3 for i in items},
        }
        return imports.ImportRow(**(fields | overrides))

    def test_incomplete_row_stores_nothing(self, network, coordinator, make_round, mini):
        round_ = make_round()
        good = self._row(network, round_)
        half = self._row(network, round_, row=3, answers=dict(list(good.answers.items())[:3]))
        with scope(network=network):
            with pytest.raises(ValidationError, match="Rij 3"):
                imports.responses_import(acting_user=coordinator, round_=round_, rows=[good, half])
            assert not ScanResponse.objects.filter(round=round_).exists()
            assert not AuditEvent.objects.filter(action="scan.paper_imported").exists()

    def test_bad_role_or_value_is_refused(self, network, coordinator, make_round, mini):
        round_ = make_round()
        good = self._row(network, round_)
        bad_value = self._row(network, round_, answers=dict.fromkeys(good.answers, 9))
        with scope(network=network):
            for row in (self._row(network, round_, role="baas"), bad_value):
                with pytest.raises(ValidationError):
                    imports.responses_import(acting_user=coordinator, round_=round_, rows=[row])
            with pytest.raises(ValidationError):
                imports.responses_import(acting_user=coordinator, round_=round_, rows=[])
            assert not ScanResponse.objects.filter(round=round_).exists()

    def test_planned_round_and_later_online_answers(self, network, coordinator, make_round, mini):
        round_ = make_round(opens_on=timezone.localdate() + timedelta(days=3))
        with scope(network=network):
            created = imports.responses_import(
                acting_user=coordinator, round_=round_, rows=[self._row(network, round_)]
            )
            assert [r.source for r in created] == ["paper"]
            assert ScanAnswer.objects.filter(response=created[0]).count() == 6


@pytest.mark.django_db
def test_results_page_links_to_import_and_fhir_for_managers_only(
    client, network, members, make_round, mini
):
    round_ = make_round()
    results = f"/n/{network.slug}/scans/{round_.uuid}/"
    client.force_login(members["coordinator"])
    html = client.get(results).content.decode()
    assert f'href="{import_url(network, round_)}"' in html
    assert f'href="{results}fhir/"' in html
    client.force_login(members["partner"])
    html = client.get(results).content.decode()
    assert "importeren/" not in html
    assert f'href="{results}fhir/"' not in html  # individual answers: managers only


@pytest.mark.django_db
def test_template_neutralises_formulas_in_own_statements(client, network, coordinator, mini):
    today = timezone.localdate()
    with scope(network=network):
        round_ = services.round_create(
            acting_user=coordinator,
            network=network,
            label="T0",
            instruments=[mini],
            opens_on=today - timedelta(days=1),
            closes_on=today + timedelta(days=7),
            extra_emails=["a@example.org"],
            own_items=["=HYPERLINK(1)"],
            notify=False,
        )
    client.force_login(coordinator)
    text = client.get(f"{import_url(network, round_)}sjabloon.csv").content.decode("utf-8-sig")
    header, statements = list(csv.reader(io.StringIO(text)))
    assert header == ["respondent", "rol", "sector", *KEYS, "eigen-1"]  # names kept as they are
    assert statements[-1] == "'=HYPERLINK(1)"


def _bad_rows(size: int) -> tuple[bytes, int]:
    """A CSV of about `size` bytes in which every row has 8 problems: an unknown role and
    sector (long values, shown cut) and six answers out of range. (file, number of rows)"""
    lines = [HEADER]
    total = len(HEADER) + 1
    n = 0
    while total < size:
        n += 1
        line = f"form {n:06d} {'x' * 10},{'dokter' * 20},nergens,7,7,7,7,7,7"
        lines.append(line)
        total += len(line) + 1
    return ("\n".join(lines) + "\n").encode(), n


@pytest.mark.django_db
class TestLimits:
    def test_a_20_mb_file_is_refused_by_its_size_without_reading_it_whole(
        self, client, network, coordinator, make_round, mini
    ):
        import tracemalloc

        from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

        round_ = make_round()
        client.force_login(coordinator)
        size = 20 * 1024 * 1024
        body = encode_multipart(
            BOUNDARY,
            {"file": SimpleUploadedFile("groot.csv", b"a,b\n" * (size // 4), "text/csv")},
        )
        tracemalloc.start()
        try:
            response = client.generic(
                "POST", import_url(network, round_), body, content_type=MULTIPART_CONTENT
            )
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        html = unescape(response.content.decode()).replace("\xa0", " ")
        assert "Het bestand is 20,0 MB groot; de grens is 2,0 MB." in html
        assert paper_responses(network, round_) == []
        # The test client copies the body once (20 MB); reading the upload whole would
        # add another 20 MB at least.
        assert peak < size * 1.3, peak

    def test_2_mb_of_bad_rows_gives_a_short_page_and_all_problems_as_csv(
        self, client, network, coordinator, make_round, mini
    ):
        import tracemalloc

        round_ = make_round()
        client.force_login(coordinator)
        content, rows = _bad_rows(2 * 1024 * 1024 - 1000)
        assert 10_000 < rows < 20_000
        tracemalloc.start()
        try:
            response = upload(client, network, round_, content)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 100 * 1024 * 1024, peak
        assert response.status_code == 200
        assert len(response.content) < 200 * 1024, len(response.content)
        html = unescape(response.content.decode())
        assert paper_responses(network, round_) == []
        assert f"problemen in {rows} rijen" in html.replace(".", "")
        total = rows * 8
        more = f"{total - 100:,}".replace(",", ".")
        assert f"Hieronder staan de eerste 100 problemen; nog {more} andere" in html
        report = _report(html)
        assert len(report) == 100
        assert report[0] == (
            "2",
            "rol",
            f"Onbekende rol '{('dokter' * 20)[:60]}…'. Kies uit: "
            "coordinator, core, partner, citizen, viewer.",
        )
        assert "dokter" * 11 not in html  # the long value is never shown whole

        download = client.post(
            import_url(network, round_),
            {
                "file": SimpleUploadedFile("antwoorden.csv", content, "text/csv"),
                "problems_csv": "1",
            },
        )
        assert download.status_code == 200
        assert download["Content-Type"] == "text/csv; charset=utf-8"
        assert 'filename="scan-' in download["Content-Disposition"]
        assert download["Content-Disposition"].endswith('-problemen.csv"')
        text = b"".join(download.streaming_content).decode("utf-8-sig")
        lines = list(csv.reader(io.StringIO(text)))
        assert lines[0] == ["rij", "kolom", "probleem"]
        assert len(lines) == 1 + total
        assert lines[1:3] == [[r, c, m] for r, c, m in report[:2]]
        assert lines[-1] == [str(rows + 1), "m3b", lines[-1][2]]
        assert lines[-1][2].startswith("Ongeldig antwoord '7'")
        assert paper_responses(network, round_) == []

    def test_too_many_rows_is_refused(self, client, network, coordinator, make_round, mini):
        round_ = make_round()
        client.force_login(coordinator)
        content = HEADER + "\n" + "f,,,1,1,1,1,1,1\n" * 20_001
        html = upload(client, network, round_, content).content.decode()
        assert "Het bestand heeft meer dan 20.000 rijen." in html
        assert paper_responses(network, round_) == []

    def test_the_csv_of_a_good_file_has_only_the_header_and_imports_nothing(
        self, client, network, coordinator, make_round, mini
    ):
        round_ = make_round()
        client.force_login(coordinator)
        response = client.post(
            import_url(network, round_),
            {"file": SimpleUploadedFile("a.csv", GOOD.encode(), "text/csv"), "problems_csv": "1"},
        )
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        assert text == "rij,kolom,probleem\r\n"
        assert paper_responses(network, round_) == []
