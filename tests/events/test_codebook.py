import re
from pathlib import Path

from events import schema
from events.crisis import load_crisis

CODEBOOK = (Path(schema.__file__).parent / "README.md").read_text(encoding="utf-8")


def table_rows(heading: str) -> list[str]:
    section = CODEBOOK.split(heading, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)


def test_every_field_documented_in_order():
    assert table_rows("## Fields") == list(schema.FIELDS)


def test_stance_vocabulary_matches_the_shipped_crisis_file():
    assert table_rows("## Stance values") == list(load_crisis().stance_values())


def test_kind_vocabulary_matches():
    assert table_rows("## Kind values") == list(schema.KINDS)


def test_precision_vocabulary_matches():
    assert table_rows("## Date precision values") == list(schema.PRECISIONS)


def test_basis_vocabulary_matches():
    assert table_rows("## Basis values") == list(schema.BASES)


def test_basis_is_required():
    assert "basis" in schema.REQUIRED and "supersedes" not in schema.REQUIRED
