import csv
import shutil

import pytest

from events import load_events
from events.loader import EventsValidationError
from events.story import DEFAULT_STORY, STORY_FIELDS, load_story


@pytest.fixture(scope="module")
def events():
    return load_events()


def test_the_shipped_story_walks_the_four_years_in_order(events):
    story = load_story(DEFAULT_STORY, events)
    assert 6 <= len(story) <= 10
    assert list(story["step"]) == list(range(1, len(story) + 1))
    assert list(story["date"]) == sorted(story["date"])
    assert story["date"].iloc[0] == "2019-01-10" and story["date"].iloc[-1] >= "2022-12-30"
    by_id = events.set_index("id")
    for step in story.itertuples():
        assert step.source_url in set(by_id.loc[list(step.event_ids), "source_url"])


def write(tmp_path, *rows: str):
    path = tmp_path / "s.csv"
    path.write_text(",".join(STORY_FIELDS) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def first_step(**changes: str) -> str:
    lines = DEFAULT_STORY.read_text(encoding="utf-8").splitlines()
    row = dict(zip(STORY_FIELDS, next(csv.reader([lines[1]]))))
    row.update(changes)
    return ",".join(f'"{row[f]}"' for f in STORY_FIELDS)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"step": "2"}, "stories/s.csv:2: step: '2' should be 1: steps count 1, 2, 3… in order"),
        (
            {"region": "mars"},
            "stories/s.csv:2: region: 'mars' is not one of world, americas, europe, africa, asia, oceania",
        ),
        ({"country": "XXX"}, "stories/s.csv:2: country: unknown country code 'XXX'"),
        ({"event_ids": "no-such-event"}, "stories/s.csv:2: event_ids: no event with id 'no-such-event'"),
        (
            {"source_url": "https://example.org/x"},
            "stories/s.csv:2: source_url: must be the source of one of the cited events",
        ),
        ({"source_url": "javascript:alert(1)"}, "stories/s.csv:2: source_url: scheme 'javascript' is not allowed"),
        ({"date": "2019-02-30"}, "stories/s.csv:2: date: '2019-02-30' is not a real calendar date"),
        ({"caption": ""}, "stories/s.csv:2: caption: required field is empty"),
    ],
)
def test_bad_steps_are_reported_with_file_line_field_and_reason(tmp_path, events, changes, message):
    with pytest.raises(EventsValidationError) as err:
        load_story(write(tmp_path, first_step(**changes)), events)
    assert message in str(err.value)


def test_a_story_with_a_wrong_header_is_refused(tmp_path, events):
    path = tmp_path / "s.csv"
    shutil.copy(DEFAULT_STORY, path)
    path.write_text(path.read_text(encoding="utf-8").replace("caption", "text", 1), encoding="utf-8")
    with pytest.raises(EventsValidationError) as err:
        load_story(path, events)
    assert "stories/s.csv:1: header: must be step,date,title,caption" in str(err.value)
