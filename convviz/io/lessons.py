"""The lecture's worked examples, shipped as ready sessions under ``resources/lessons/``.

A lesson file is a convviz session (File → Open session reads it as one) with one more
entry, ``"lesson"``::

    {"title": {"en": "...", "ko": "..."}, "order": 10, "seed_case": "1d-convolve-valid",
     "steps": "pool",                                                         # optional, default "conv"
     "train": {"dataset": "fashion-mnist", "config": {...TrainConfig...}}}   # optional

Only JSON is read here (no numpy, no Qt), so ``convviz --lessons`` answers at once; the
session part is validated by :func:`convviz.model.session.parse_session` when a lesson is
opened (see :meth:`Lesson.session`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES = ("en", "ko")
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class LessonError(ValueError):
    """A lesson that does not exist or cannot be read (one line, fit for the terminal)."""


@dataclass(frozen=True)
class Lesson:
    name: str  # the file's stem: what ``convviz --lesson NAME`` takes
    titles: dict  # language -> title
    order: int
    path: Path
    data: dict = field(repr=False)  # the whole decoded file (a session with a "lesson" entry)

    def title(self, language: str = "en") -> str:
        return self.titles.get(language) or self.titles["en"]

    @property
    def seed_case(self) -> str | None:
        """The name of the worked example in the lecture's reference values it reproduces."""
        return self.data["lesson"].get("seed_case")

    @property
    def steps(self) -> str:
        """What the Steps tab steps through: "conv" or "pool" (the pooling lessons)."""
        return self.data["lesson"].get("steps", "conv")

    @property
    def train(self) -> dict | None:
        """``{"dataset": ..., "config": {...}}`` when the lesson opens the Train window."""
        return self.data["lesson"].get("train")

    def session(self) -> dict:
        """The document state (for ``Document.restore``); raises SessionError if invalid."""
        from convviz.model.session import parse_session

        return parse_session(self.data, f"lesson {self.name}")


def lessons_dir() -> Path:
    from convviz.resources_path import resource

    return resource("lessons")


def read_lesson(path) -> Lesson:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LessonError(f"lesson {path.name} cannot be read ({exc.__class__.__name__})") from None
    meta = data.get("lesson") if isinstance(data, dict) else None
    titles = meta.get("title") if isinstance(meta, dict) else None
    if not isinstance(titles, dict) or not all(isinstance(titles.get(lang), str) and titles[lang]
                                               for lang in LANGUAGES):
        raise LessonError(f"lesson {path.name} needs a 'lesson' entry with a title in {' and '.join(LANGUAGES)}")
    if not _NAME.match(path.stem):
        raise LessonError(f"lesson file name {path.name!r} must be lower-case letters, digits and '-'")
    order = meta.get("order", 0)
    return Lesson(path.stem, dict(titles), order if isinstance(order, int) else 0, path, data)


def list_lessons(directory=None) -> list[Lesson]:
    """Every shipped lesson, in the lecture's order."""
    directory = Path(directory) if directory is not None else lessons_dir()
    lessons = [read_lesson(p) for p in directory.glob("*.json")]
    return sorted(lessons, key=lambda lesson: (lesson.order, lesson.name))


def lesson_names(directory=None) -> list[str]:
    return [lesson.name for lesson in list_lessons(directory)]


def find_lesson(name: str, directory=None) -> Lesson:
    lessons = list_lessons(directory)
    for lesson in lessons:
        if lesson.name == name:
            return lesson
    raise LessonError(f"no lesson named {name!r}; the lessons are: {', '.join(lesson.name for lesson in lessons)}")
