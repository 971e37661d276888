from pathlib import Path

import pytest
import yaml
from django.utils import translation
from django_scopes import scope

from wijknet.roadmap import queries, services
from wijknet.roadmap.content import ROADMAP_FILE, ContentError, load_roadmap, read_roadmap
from wijknet.roadmap.models import Phase, Step, StepProgress


def test_content_has_four_phases_with_questions_and_sourced_steps():
    data = read_roadmap()
    assert [p["key"] for p in data["phases"]] == [
        "verkennen",
        "vormgeven",
        "verdiepen",
        "verankeren",
    ]
    for phase in data["phases"]:
        assert len(phase["questions"]) >= 1, phase["key"]
        assert len(phase["steps"]) >= 6, phase["key"]
        for step in phase["steps"]:
            # Every step names its seed file (000–004) and a section.
            assert step["source"][:3] in {"000", "001", "002", "003", "004"}, step["key"]
            assert step["key"].startswith(phase["key"] + "-"), step["key"]
            assert len(step["guidance"]["nl"]) > 80, step["key"]
            assert len(step["guidance"]["en"]) > 80, step["key"]


def write_content(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "roadmap.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_loading_is_idempotent_and_versioned(tmp_path):
    assert load_roadmap() is True
    steps = Step.objects.count()
    assert load_roadmap() is False
    assert Step.objects.count() == steps
    assert Phase.objects.count() == 4


@pytest.mark.django_db
def test_new_version_updates_text_keeps_progress_and_retires_removed_steps(
    tmp_path, network, coordinator
):
    load_roadmap()
    data = read_roadmap()
    first = Step.objects.get(key=data["phases"][0]["steps"][0]["key"])
    removed_key = data["phases"][0]["steps"][1]["key"]
    with scope(network=network):
        services.step_progress_update(
            acting_user=coordinator, network=network, step=first, status="done", note="Gedaan"
        )
    data["version"] += 1
    data["phases"][0]["steps"][0]["title"] = "Nieuwe titel"
    del data["phases"][0]["steps"][1]
    assert load_roadmap(write_content(tmp_path, data)) is True
    first.refresh_from_db()
    assert first.title == "Nieuwe titel"
    assert first.translations == {
        "en": {"guidance": data["phases"][0]["steps"][0]["guidance"]["en"]}
    }
    assert Step.objects.get(key=removed_key).retired is True
    with scope(network=network):
        progress = StepProgress.objects.get(step=first)
    assert (progress.status, progress.note) == ("done", "Gedaan")


def test_duplicate_step_keys_are_rejected(tmp_path):
    data = yaml.safe_load(ROADMAP_FILE.read_text(encoding="utf-8"))
    data["phases"][1]["steps"].append(data["phases"][0]["steps"][0])
    with pytest.raises(ContentError, match="appears twice"):
        read_roadmap(write_content(tmp_path, data))


@pytest.mark.django_db
def test_next_step_prefers_started_work_in_the_current_phase(network, coordinator, roadmap):
    network.phase = "vormgeven"
    network.save()
    vormgeven = list(Step.objects.filter(phase__key="vormgeven").order_by("order"))
    with scope(network=network):
        assert queries.next_step(network).step == vormgeven[0]
        services.step_progress_update(
            acting_user=coordinator, network=network, step=vormgeven[2], status="in_progress"
        )
        assert queries.next_step(network).step == vormgeven[2]
        for step in vormgeven:
            services.step_progress_update(
                acting_user=coordinator,
                network=network,
                step=step,
                status="done",
                expected_version=StepProgress.objects.filter(step=step)
                .values_list("version", flat=True)
                .first(),
            )
        # The current phase is finished: the first open step of any phase comes next.
        first_open = Step.objects.filter(phase__key="verkennen").order_by("order").first()
        assert queries.next_step(network).step == first_open


@pytest.mark.django_db
class TestStepPage:
    def test_editor_marks_a_step_done(self, client, network, coordinator, roadmap):
        step = Step.objects.filter(phase__key="vormgeven").order_by("order").first()
        client.force_login(coordinator)
        url = f"/n/gezond-oost/stappenplan/{step.key}/"
        page = client.get(url).content.decode()
        assert step.guidance[:40] in page and step.source in page
        response = client.post(
            url,
            {
                "status": "done",
                "note": "Afspraken getekend",
                "evidence_url": "https://example.org/convenant.pdf",
                "version": "0",
            },
            follow=True,
        )
        assert f"Stap bijgewerkt: {step.title}." in response.content.decode()
        with scope(network=network):
            progress = StepProgress.objects.get(step=step)
        assert (progress.status, progress.updated_by) == ("done", coordinator)
        overview = response.content.decode()
        assert "1 van" in overview

    def test_stale_form_is_refused(self, client, network, coordinator, roadmap):
        step = Step.objects.order_by("pk").first()
        client.force_login(coordinator)
        url = f"/n/gezond-oost/stappenplan/{step.key}/"
        client.post(url, {"status": "in_progress", "version": "0"})
        stale = client.post(url, {"status": "done", "version": "0"})
        assert "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()

    def test_partner_reads_but_cannot_post(self, client, members, roadmap):
        step = Step.objects.order_by("pk").first()
        client.force_login(members["partner"])
        url = f"/n/gezond-oost/stappenplan/{step.key}/"
        page = client.get(url)
        assert page.status_code == 200 and b'name="status"' not in page.content
        assert client.post(url, {"status": "done", "version": "0"}).status_code == 403

    def test_retired_and_unknown_steps_are_404(self, client, coordinator, roadmap):
        Step.objects.filter(pk=Step.objects.order_by("pk").first().pk).update(retired=True)
        retired = Step.objects.get(retired=True)
        client.force_login(coordinator)
        assert client.get(f"/n/gezond-oost/stappenplan/{retired.key}/").status_code == 404
        assert client.get("/n/gezond-oost/stappenplan/bestaat-niet/").status_code == 404


@pytest.mark.django_db
def test_step_texts_follow_the_active_language_and_saving_keeps_the_dutch():
    load_roadmap()
    step = Step.objects.get(key="verkennen-klein-beginnen")
    phase = step.phase
    assert step.title == "Begin klein met enthousiaste mensen"
    with translation.override("en"):
        assert step.title == "Start small with enthusiastic people"
        assert step.guidance.startswith("In the exploratory phase, bring together")
        assert phase.name == "Exploring the network"
        assert phase.questions.order_by("order").first().text == "Who will you work with?"
        step.save()  # saving while English is active must not write English into the Dutch field
    with translation.override("de"):  # a language without content falls back to Dutch
        assert step.title == "Begin klein met enthousiaste mensen"
    assert Step.objects.values_list("title", flat=True).get(pk=step.pk) == (
        "Begin klein met enthousiaste mensen"
    )
