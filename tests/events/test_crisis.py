import shutil

import pytest

from events import build_timeline, load_events, schema
from events.crisis import CRISIS_FILE, load_crisis
from events.loader import DEFAULT_DATA_DIR, EventsValidationError


def test_the_shipped_crisis_file_is_the_only_home_of_the_crisis_vocabulary():
    crisis = load_crisis()
    assert crisis.subject == "VEN" and crisis.stance_values()[0] == "guaido"
    for name in ("STANCES", "SUBJECT", "DATE_MIN", "DATE_MAX"):  # the schema holds what every crisis shares
        assert not hasattr(schema, name), name
    assert crisis.languages[0] == "en" and "es" in crisis.languages
    assert crisis.text("title") == crisis.texts["title"]["en"] and crisis.text("title", "es").startswith("Quién")
    assert crisis.text("title", "xx") == crisis.text("title")  # unknown language: the default
    assert crisis.label("maduro", "es") == "Respalda a Maduro"
    assert (DEFAULT_DATA_DIR / crisis.default_story).is_file()


@pytest.fixture
def folder(tmp_path):
    shutil.copy(DEFAULT_DATA_DIR / CRISIS_FILE, tmp_path / CRISIS_FILE)
    (tmp_path / "stories").mkdir()
    shutil.copy(DEFAULT_DATA_DIR / "stories" / "four-years.csv", tmp_path / "stories" / "four-years.csv")
    return tmp_path


def edit(folder, old: str, new: str) -> None:
    path = folder / CRISIS_FILE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'colour = "#ee7733"',
            'colour = "orange"',
            "crisis.toml:0: stance[2].colour: 'orange' is not a #rrggbb colour",
        ),
        ('es = "Respalda a Maduro"', 'fr = "Soutient Maduro"', "stance[2].label.es: required text is missing or empty"),
        ('value = "neutral"', 'value = "maduro"', "stance[3].value: 'maduro' is listed twice"),
        ('pattern = "dots"', 'pattern = "stripes"', "stance[3].pattern: 'stripes' is not one of solid, hatch"),
        ("first_day = 2019-01-10", 'first_day = "10 Jan 2019"', "first_day: must be a date written YYYY-MM-DD"),
        ('subject = "VEN"', 'subject = "Venezuela"', "subject: 'Venezuela' is not an ISO 3166-1 alpha-3 code"),
        ('default_story = "stories/four-years.csv"', 'default_story = "nope.csv"', "default_story: no file nope.csv"),
        ("first_day = 2019-01-10", "first_day = 2030-01-10", "first_day: 2030-01-10 is outside date_min..date_max"),
    ],
)
def test_bad_crisis_files_name_the_field_and_reason(folder, old, new, message):
    edit(folder, old, new)
    with pytest.raises(EventsValidationError) as err:
        load_crisis(folder)
    assert message in str(err.value)


def test_a_default_story_needs_its_button_label(folder):
    edit(folder, "[story_label]", "[story_name]")
    with pytest.raises(EventsValidationError, match=r"crisis\.toml:0: story_label: must be a table"):
        load_crisis(folder)


def test_toml_syntax_errors_give_the_line(folder):
    edit(folder, 'id = "venezuela-2019"', 'id = "venezuela-2019')
    with pytest.raises(EventsValidationError, match=r"crisis\.toml:5: file: not valid TOML"):
        load_crisis(folder)


def test_a_folder_without_a_crisis_file_is_refused(tmp_path):
    with pytest.raises(EventsValidationError, match=r"no crisis\.toml in"):
        load_crisis(tmp_path)


def test_events_are_checked_against_the_crisis_file_beside_them(tmp_path):
    taiwan = DEFAULT_DATA_DIR.parent.parent / "crises" / "taiwan"
    shutil.copytree(taiwan, tmp_path / "tw")
    events = tmp_path / "tw" / "events.csv"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace(",PAN,prc,", ",PAN,guaido,", 1), encoding="utf-8")
    with pytest.raises(EventsValidationError, match=r"stance: 'guaido' is not one of roc, prc, neither \(or empty\)"):
        load_events(tmp_path / "tw")
    frame = load_events(taiwan)
    assert frame.attrs["crisis"].id == "taiwan-allies-2016"
    assert build_timeline(frame).crisis.stance_values() == ("roc", "prc", "neither")
    assert load_events(DEFAULT_DATA_DIR / "venezuela.csv").attrs["crisis"].subject == "VEN"


def test_a_timeline_needs_the_crisis_of_its_events():
    frame = load_events()
    frame.attrs.clear()
    with pytest.raises(ValueError, match="carry no crisis"):
        build_timeline(frame)
    assert build_timeline(frame, load_crisis()).counts.columns.tolist() == list(load_crisis().stance_values())
