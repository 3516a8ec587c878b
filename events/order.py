"""Explicit same-day order: the `supersedes` column and the conflicts it must settle.

Rows are the loader's dicts (string fields plus `file` and `line`), in file then line order.
A row that lists another event's id in `supersedes` comes after it on their shared day. Two
rows that give one country different stances on one day must be ordered so (directly or
through a chain), or both are reported.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterator

from events import schema

ID_RE = re.compile(schema.ID_PATTERN)

# (file, line, field, reason): the loader turns these into Problems.
Issue = tuple[str, int, str, str]


def where(row: dict) -> str:
    """`file:line` of a row."""
    return f"{row['file']}:{row['line']}"


def referenced(row: dict) -> list[str]:
    """The ids a row's `supersedes` field lists (empty list when blank)."""
    value = row.get("supersedes", "")
    return value.split(schema.SUPERSEDES_SEP) if value else []


def reference_issue(row: dict, ref: str, by_id: dict[str, dict]) -> str | None:
    """Reason one `supersedes` reference is invalid, or None."""
    if not ID_RE.fullmatch(ref):
        return f"{ref[:40]!r} is not an event id"  # repr: no raw control or line-break characters
    if ref == row["id"]:
        return "an event cannot supersede itself"
    other = by_id.get(ref)
    if other is None:
        return f"unknown event id '{ref}'"
    if other["date"] != row["date"]:
        return f"'{ref}' is dated {other['date']}, not {row['date']}; only same-day events need an order"
    if not set(row["countries"].split(";")) & set(other["countries"].split(";")):
        return f"'{ref}' ({where(other)}) tags none of this row's countries"
    return None


def valid_links(rows: list[dict]) -> tuple[dict[int, list[int]], list[Issue]]:
    """Index links row -> rows it supersedes, and an issue for every bad reference."""
    by_id: dict[str, dict] = {}
    index: dict[str, int] = {}
    for i, row in enumerate(rows):
        by_id.setdefault(row["id"], row)
        index.setdefault(row["id"], i)
    links: dict[int, list[int]] = {}
    issues: list[Issue] = []
    for i, row in enumerate(rows):
        refs = referenced(row)
        if len(set(refs)) != len(refs):
            issues.append((row["file"], row["line"], "supersedes", "lists an id twice"))
        for ref in dict.fromkeys(refs):
            if reason := reference_issue(row, ref, by_id):
                issues.append((row["file"], row["line"], "supersedes", reason))
            else:
                links.setdefault(i, []).append(index[ref])
    return links, issues


def depths(rows: list[dict], links: dict[int, list[int]]) -> tuple[list[int], list[Issue]]:
    """Chain depth of every row (0 = supersedes nothing) and an issue for every row in a loop."""
    depth: dict[int, int] = {}
    issues: list[Issue] = []
    for start in range(len(rows)):
        stack, on_path = [start], {start}
        while stack:
            node = stack[-1]
            pending = [n for n in links.get(node, []) if n not in depth]
            loop = [n for n in pending if n in on_path]
            if loop:
                for n in stack[stack.index(loop[0]) :]:
                    issues.append((rows[n]["file"], rows[n]["line"], "supersedes", "the supersedes chain loops"))
                depth.update(dict.fromkeys(stack, 0))
                break
            if pending:
                stack.append(pending[0])
                on_path.add(pending[0])
                continue
            depth[node] = 1 + max((depth[n] for n in links.get(node, [])), default=-1)
            stack.pop()
            on_path.discard(node)
    return [depth[i] for i in range(len(rows))], sorted(set(issues))


def ancestors(links: dict[int, list[int]], n: int) -> set[int]:
    """Every row that row `n` supersedes, directly or through a chain."""
    seen: set[int] = set()
    todo = list(links.get(n, []))
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo.extend(links.get(m, []))
    return seen


def conflicts(
    rows: list[dict], links: dict[int, list[int]], stances: Collection[str]
) -> Iterator[tuple[int, int, list[str]]]:
    """(row a, row b, countries) for every pair of same-day rows giving a country two stances unordered."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        if row["stance"] in stances:  # invalid stances are reported by the row checks
            for code in row["countries"].split(";"):
                groups[(row["date"], code)].append(i)
    pairs: dict[tuple[int, int], list[str]] = defaultdict(list)
    for (_, code), members in groups.items():
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                if rows[a]["stance"] == rows[b]["stance"]:
                    continue
                if a in ancestors(links, b) or b in ancestors(links, a):
                    continue
                pairs[(a, b)].append(code)
    for (a, b), codes in pairs.items():
        yield a, b, sorted(codes)


def conflict_issues(rows: list[dict], links: dict[int, list[int]], stances: Collection[str]) -> list[Issue]:
    """Both rows of every unordered same-day conflict, each naming the other."""
    issues: list[Issue] = []
    for a, b, codes in conflicts(rows, links, stances):
        for mine, other in ((rows[a], rows[b]), (rows[b], rows[a])):
            reason = (
                f"{', '.join(codes)} on {mine['date']}: stance '{mine['stance']}' here and '{other['stance']}' "
                f"in '{other['id']}' at {where(other)}; say which comes later (supersedes)"
            )
            issues.append((mine["file"], mine["line"], "supersedes", reason))
    return issues


def order_issues(rows: list[dict], stances: Collection[str]) -> list[Issue]:
    """Every problem with `supersedes` values and every unordered same-day conflict between valid stances."""
    links, issues = valid_links(rows)
    _, loop_issues = depths(rows, links)
    if loop_issues:
        return issues + loop_issues
    return issues + conflict_issues(rows, links, stances)


def chain_depths(rows: list[dict]) -> list[int]:
    """Each row's supersedes depth (0 = supersedes nothing): same-day rows sort by it, after the date."""
    links, _ = valid_links(rows)
    return depths(rows, links)[0]
