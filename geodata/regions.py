"""Region views: `world` plus the UN regions of Natural Earth's `REGION_UN`, as URL values."""

from __future__ import annotations

WORLD = "world"
# URL value → Natural Earth REGION_UN value (None: every state).
REGIONS: dict[str, str | None] = {
    WORLD: None,
    "americas": "Americas",
    "europe": "Europe",
    "africa": "Africa",
    "asia": "Asia",
    "oceania": "Oceania",
}
