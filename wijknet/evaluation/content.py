"""The yearly reflection's questions (content/evaluation.yaml, from seed 004)."""

from dataclasses import dataclass

from wijknet.core.content import localize, texts


@dataclass(frozen=True)
class Question:
    key: str
    text: str  # in the reader's language
    source: str


def questions_version() -> int:
    return int(texts("evaluation")["version"])


def questions() -> list[Question]:
    return [
        Question(key=q["key"], text=localize(q["question"]), source=q["source"])
        for q in texts("evaluation")["questions"]
    ]


def question_keys() -> list[str]:
    return [q["key"] for q in texts("evaluation")["questions"]]
