import pandas as pd
import pytest

from dashboard.csvcells import neutralise, neutralise_frame


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Guaidó", "Guaidó"),
        ("a=b", "a=b"),
        ("", ""),
        (3, 3),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_neutralise_frame_leaves_the_input_alone():
    frame = pd.DataFrame({"a": ["=x", "y"], "n": [1, 2]})
    out = neutralise_frame(frame)
    assert out["a"].tolist() == ["'=x", "y"] and out["n"].tolist() == [1, 2]
    assert frame["a"].tolist() == ["=x", "y"]
