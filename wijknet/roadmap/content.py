"""Loading the step plan from `content/roadmap.yaml`.

The file is versioned; loading upserts phases, questions and steps by their keys, retires steps
that disappeared, and leaves every network's progress alone. Loading the same version twice is a
no-op, so `make run` can call it every time. Texts are {nl: ..., en: ...} mappings
(content/README.md): the Dutch goes into the text fields, the rest into `translations`.
"""

from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from wijknet.core.content import field_values

from .models import ContentVersion, Phase, Question, Step

ROADMAP_FILE = Path(settings.BASE_DIR) / "content" / "roadmap.yaml"
REQUIRED_STEP_KEYS = {"key", "title", "guidance", "source"}


class ContentError(ValueError):
    pass


def read_roadmap(path: Path = ROADMAP_FILE) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "version" not in data or "phases" not in data:
        raise ContentError(f"{path}: needs 'version' and 'phases'")
    seen = set()
    for phase in data["phases"]:
        for step in phase.get("steps", []):
            missing = REQUIRED_STEP_KEYS - set(step)
            if missing:
                raise ContentError(f"{path}: step {step.get('key')!r} lacks {sorted(missing)}")
            if step["key"] in seen:
                raise ContentError(f"{path}: step key {step['key']!r} appears twice")
            seen.add(step["key"])
    return data


@transaction.atomic
def load_roadmap(path: Path = ROADMAP_FILE, *, force: bool = False) -> bool:
    """Load the file if its version is newer than the loaded one. Returns True if it loaded."""
    data = read_roadmap(path)
    current = ContentVersion.objects.filter(name="roadmap").first()
    if current is not None and current.version >= data["version"] and not force:
        return False
    step_keys = []
    for phase_data in data["phases"]:
        phase, _ = Phase.objects.update_or_create(
            key=phase_data["key"],
            defaults={
                "order": phase_data["order"],
                **field_values(name=phase_data["name"], summary=phase_data.get("summary", "")),
                "source": phase_data.get("source", ""),
            },
        )
        phase.questions.all().delete()  # questions hold no progress: replace them wholesale
        Question.objects.bulk_create(
            Question(
                phase=phase,
                order=i,
                **field_values(text=q["text"]),
                source=q.get("source", ""),
            )
            for i, q in enumerate(phase_data.get("questions", []), start=1)
        )
        for i, step_data in enumerate(phase_data.get("steps", []), start=1):
            Step.objects.update_or_create(
                key=step_data["key"],
                defaults={
                    "phase": phase,
                    "order": i,
                    **field_values(title=step_data["title"], guidance=step_data["guidance"]),
                    "source": step_data["source"],
                    "retired": False,
                },
            )
            step_keys.append(step_data["key"])
    Step.objects.exclude(key__in=step_keys).update(retired=True)
    ContentVersion.objects.update_or_create(name="roadmap", defaults={"version": data["version"]})
    return True
