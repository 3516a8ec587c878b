"""The first-paint rows of BENCHMARKS.md: Lighthouse medians, bytes before the first interaction, the drawn page."""

from __future__ import annotations

from benchmarks import lighthouse as lh
from benchmarks import ssr as bssr
from benchmarks.table import Row, kb, yes


def lighthouse_summary(row: dict | None) -> str:
    """One Lighthouse median as a table cell."""
    if row is None:
        return "n/a"
    return (
        f"{row['score']:.0f} · LCP {row['lcp_ms'] / 1000:.2f} s · TBT {row['tbt_ms']:,.0f} ms · "
        f"CLS {row['cls']:.3f} · {kb(row['bytes'])}"
    )


def lighthouse_figures(rows: list[Row]) -> None:
    """Lighthouse 12.2.3 medians of 3 (mobile and desktop) on / and /?embed=1, beside the baseline's /."""
    results = lh.measure()
    get = {(r["app"], r["page"], r["preset"]): r for r in results}
    cmd = "python -m benchmarks.lighthouse"
    for page in lh.PAGES:
        for preset in lh.PRESETS:
            ours, base = get[("ours", page, preset)], get.get(("baseline", "/", preset))
            if preset == "mobile":
                target = "≥ 90, LCP ≤ 1.5 s, TBT ≤ 300 ms, CLS ≤ 0.05"
                ok = ours["score"] >= 90 and ours["lcp_ms"] <= 1500 and ours["tbt_ms"] <= 300 and ours["cls"] <= 0.05
            else:
                target, ok = "≥ 95, CLS ≤ 0.05", ours["score"] >= 95 and ours["cls"] <= 0.05
            rows.append(
                Row(
                    f"Lighthouse {preset} `{page}`: performance · LCP · TBT · CLS · bytes (baseline: its `/`)",
                    lighthouse_summary(ours),
                    lighthouse_summary(base),
                    "",
                    target,
                    yes(ok),
                    cmd,
                )
            )
    embed = get[("ours", "/?embed=1", "mobile")]
    rows.append(
        Row(
            "Bytes before the first interaction, `/?embed=1` (Lighthouse mobile)",
            kb(embed["bytes"]),
            kb(get[("baseline", "/", "mobile")]["bytes"]),
            f"{embed['bytes'] / get[('baseline', '/', 'mobile')]['bytes']:.0%}",
            "≤ 300 KB",
            yes(embed["bytes"] <= 300 * 1024),
            cmd,
        )
    )
    page = bssr.page_ms()
    rows.append(
        Row(
            f"Server-drawn page, warm cache ({page['encoding']}, {kb(page['bytes'])})",
            f"median {page['median_ms']:.1f} ms, p95 {page['p95_ms']:.1f} ms",
            "",
            "",
            "≤ 20 ms",
            yes(page["median_ms"] <= 20),
            "python -m benchmarks.ssr",
        )
    )
