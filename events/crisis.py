"""The crisis file (`crisis.toml` beside the events): subject, window, titles, stance vocabulary.

`load_crisis(folder)` reads and validates it, reporting every problem as
`crisis.toml: field: reason` (with the line for TOML syntax errors), and returns a frozen
`Crisis`. Nothing about one crisis needs to live in code.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from events.problems import EventsValidationError, Problem

DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "data"  # the shipped crisis and its events
CRISIS_FILE = "crisis.toml"
COLOUR_RE = re.compile(r"#[0-9a-fA-F]{6}")
VALUE_RE = re.compile(r"[a-z][a-z0-9_]{0,30}")
CODE_RE = re.compile(r"[A-Z]{3}")
PATTERNS = ("solid", "hatch", "dots", "hlines", "cross")
TEXTS = ("title", "lede", "subject_label", "none_label")
STORY_TEXT = "story_label"  # the story button's label: required with a default_story


@dataclass(frozen=True)
class Stance:
    """One value of the stance vocabulary."""

    value: str
    definition: str
    colour: str
    pattern: str
    label: dict[str, str]

    def text(self, lang: str | None = None) -> str:
        """The stance's label in a language (default or unknown language: the first one)."""
        return self.label.get(lang or "", next(iter(self.label.values()), self.value))


@dataclass(frozen=True)
class Crisis:
    """Everything about one crisis that is not an event."""

    id: str
    subject: str
    subject_colour: str
    first_day: dt.date
    date_min: dt.date
    date_max: dt.date
    default_story: str
    languages: tuple[str, ...]
    texts: dict[str, dict[str, str]]  # title, lede, subject_label, none_label (story_label) → language → text
    stances: tuple[Stance, ...]
    folder: Path

    def __deepcopy__(self, memo: dict) -> Crisis:
        """The crisis itself: it is never changed, and pandas deep-copies a frame's attrs on every operation."""
        return self

    def stance_values(self) -> tuple[str, ...]:
        """The stance values in legend order."""
        return tuple(s.value for s in self.stances)

    def definitions(self) -> dict[str, str]:
        """Stance value → the words that define it, in legend order (the codebook's table)."""
        return {s.value: s.definition for s in self.stances}

    def language(self, lang: str | None = None) -> str:
        """`lang` if the crisis has texts in it, else its first (default) language."""
        return lang if lang in self.languages else self.languages[0]

    def text(self, field: str, lang: str | None = None) -> str:
        """A per-language text (title, lede, subject_label, none_label) in `lang` or the default language."""
        return self.texts[field][self.language(lang)]

    def label(self, value: str, lang: str | None = None) -> str:
        """The legend label of one stance value in `lang` or the default language."""
        return next(s for s in self.stances if s.value == value).text(self.language(lang))


class _Checker:
    """Collects problems while reading the parsed TOML."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def fail(self, field: str, reason: str) -> None:
        """Record one problem."""
        self.problems.append(Problem(self.name, 0, field, reason))

    def text(self, table: dict, key: str, field: str) -> str:
        """A required non-empty string."""
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(field, "required text is missing or empty")
            return ""
        return value

    def date(self, table: dict, key: str) -> dt.date:
        """A required TOML date (YYYY-MM-DD, unquoted)."""
        value = table.get(key)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        self.fail(key, "must be a date written YYYY-MM-DD (unquoted)")
        return dt.date.min

    def colour(self, table: dict, key: str, field: str) -> str:
        """A #rrggbb colour."""
        value = self.text(table, key, field)
        if value and not COLOUR_RE.fullmatch(value):
            self.fail(field, f"'{value[:20]}' is not a #rrggbb colour")
        return value

    def per_language(self, table: dict, key: str, field: str, languages: tuple[str, ...]) -> dict[str, str]:
        """A table with one non-empty string per language."""
        value = table.get(key)
        if not isinstance(value, dict):
            self.fail(field, f"must be a table with one text per language ({', '.join(languages)})")
            return {}
        for lang in languages:
            self.text(value, lang, f"{field}.{lang}")
        for extra in sorted(set(value) - set(languages)):
            self.fail(f"{field}.{extra}", f"'{extra}' is not one of the languages ({', '.join(languages)})")
        return {lang: value.get(lang, "") for lang in languages}


def read_stances(check: _Checker, raw: object, languages: tuple[str, ...]) -> tuple[Stance, ...]:
    """The [[stance]] tables, checked."""
    if not isinstance(raw, list) or not raw:
        check.fail("stance", "at least one [[stance]] table is required")
        return ()
    out, seen = [], set()
    for i, table in enumerate(raw):
        field = f"stance[{i + 1}]"
        value = check.text(table, "value", f"{field}.value")
        if value and not VALUE_RE.fullmatch(value):
            check.fail(f"{field}.value", f"'{value[:30]}' must be lowercase letters, digits or _ (a letter first)")
        if value in seen:
            check.fail(f"{field}.value", f"'{value}' is listed twice")
        seen.add(value)
        pattern = table.get("pattern", "")
        if pattern not in PATTERNS:
            check.fail(f"{field}.pattern", f"'{str(pattern)[:20]}' is not one of {', '.join(PATTERNS)}")
        out.append(
            Stance(
                value,
                check.text(table, "definition", f"{field}.definition"),
                check.colour(table, "colour", f"{field}.colour"),
                str(pattern),
                check.per_language(table, "label", f"{field}.label", languages),
            )
        )
    return tuple(out)


def texts_of(data: dict) -> tuple[str, ...]:
    """The per-language texts a crisis file must hold: the story button's label only with a story."""
    return (*TEXTS, STORY_TEXT) if data.get("default_story") or STORY_TEXT in data else TEXTS


def parse(name: str, data: dict, folder: Path) -> Crisis:
    """Build a Crisis from parsed TOML, raising with every problem found."""
    check = _Checker(name)
    langs = data.get("languages")
    languages = tuple(langs) if isinstance(langs, list) and langs and all(isinstance(x, str) for x in langs) else ()
    if not languages:
        check.fail("languages", "must be a non-empty list of language codes, the default first")
    subject = check.text(data, "subject", "subject")
    if subject and not CODE_RE.fullmatch(subject):
        check.fail("subject", f"'{subject[:20]}' is not an ISO 3166-1 alpha-3 code")
    crisis = Crisis(
        id=check.text(data, "id", "id"),
        subject=subject,
        subject_colour=check.colour(data, "subject_colour", "subject_colour"),
        first_day=check.date(data, "first_day"),
        date_min=check.date(data, "date_min"),
        date_max=check.date(data, "date_max"),
        default_story=str(data.get("default_story", "")),
        languages=languages,
        texts={key: check.per_language(data, key, key, languages) for key in texts_of(data)},
        stances=read_stances(check, data.get("stance"), languages),
        folder=folder,
    )
    if not check.problems and not crisis.date_min <= crisis.first_day <= crisis.date_max:
        check.fail("first_day", f"{crisis.first_day} is outside date_min..date_max")
    if crisis.default_story and not (folder / crisis.default_story).is_file():
        check.fail("default_story", f"no file {crisis.default_story} beside the crisis file")
    if check.problems:
        raise EventsValidationError(check.problems)
    return crisis


def crisis_folder(events_path: str | Path | None) -> Path:
    """The folder whose crisis file governs an events path: its own (a file's: its folder's), else the shipped one."""
    if events_path is None:
        return DEFAULT_DATA_DIR
    path = Path(events_path)
    folder = path if path.is_dir() else path.parent
    return folder if (folder / CRISIS_FILE).is_file() else DEFAULT_DATA_DIR


def crisis_for(events_path: str | Path | None) -> Crisis:
    """The crisis of an events file or folder: the crisis file beside it, else the shipped crisis."""
    return load_crisis(crisis_folder(events_path))


def load_crisis(folder: str | Path | None = None) -> Crisis:
    """Read and validate `crisis.toml` in an events folder (default: the shipped crisis)."""
    root = Path(folder) if folder is not None else DEFAULT_DATA_DIR
    path = root / CRISIS_FILE
    if not path.is_file():
        raise EventsValidationError([Problem(CRISIS_FILE, 0, "file", f"no {CRISIS_FILE} in {root}")])
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(err))) else 0
        raise EventsValidationError([Problem(CRISIS_FILE, line, "file", f"not valid TOML: {err}")]) from None
    return parse(CRISIS_FILE, data, root)
