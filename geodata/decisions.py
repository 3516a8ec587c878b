"""Every boundary and code decision the build makes, each with its reason.

Natural Earth 1:50m admin-0 (v4.0) is the source. These tables turn its 241 features into
the 198 entities our map makes interactive (193 UN members, the Holy See, Palestine, Kosovo,
Taiwan and Western Sahara) plus non-interactive context shapes.
"""

from __future__ import annotations

# Features dropped entirely.
DROP: dict[str, str] = {
    "ATA": "Antarctica has no government taking sides and wastes a fifth of a world map.",
}

# Natural Earth ADM0_A3 → the entity it is merged into (geometry unioned, no own colour).
MERGE_INTO: dict[str, tuple[str, str]] = {
    "CYN": ("CYP", "N. Cyprus is recognised only by Turkey; the UN treats it as part of Cyprus."),
    "SOL": ("SOM", "Somaliland is recognised by no UN member; the UN treats it as part of Somalia."),
    "HKG": ("CHN", "Hong Kong's foreign affairs are conducted by the People's Republic of China."),
    "MAC": ("CHN", "Macao's foreign affairs are conducted by the People's Republic of China."),
    "ALD": ("FIN", "Åland is an autonomous region of Finland with no foreign policy of its own."),
}

# Features kept as context: drawn in a quiet fill so the world looks whole, never coloured by a
# stance and never clickable, because they have no foreign policy of their own (dependencies,
# constituent countries of the Kingdom of the Netherlands, Crown dependencies, Greenland) or are
# disputed between two states (Siachen).
CONTEXT_REASON = "dependency or territory without its own foreign policy"
CONTEXT_EXTRA: dict[str, str] = {
    "KAS": "Siachen Glacier is disputed between India and Pakistan; we colour neither claim.",
}

# Natural Earth features kept as states although their TYPE/HOMEPART would not say so.
STATE_EXTRA: dict[str, str] = {
    "PSX": "Palestine (TYPE 'Disputed' under Israel in NE) is a UN observer state, tracked as PSE.",
    "SAH": "Western Sahara (TYPE 'Indeterminate') is tracked as ESH, as the issue requires.",
}

# ADM0_A3 → ISO 3166-1 alpha-3, where NE's ISO_A3 is -99 or not the code we key on.
ISO3_OVERRIDES: dict[str, str] = {
    "FRA": "FRA",  # NE's ISO_A3 is -99 because French Guiana etc. are inside the feature.
    "NOR": "NOR",  # NE's ISO_A3 is -99 because of Svalbard.
    "KOS": "XKX",  # Kosovo has no ISO code; XKX is the user-assigned code in common use (EU, IMF).
}

# ISO3 → ISO 3166-1 alpha-2, where NE's ISO_A2 is -99. Used to look names up in CLDR.
ISO2_OVERRIDES: dict[str, str] = {"FRA": "FR", "NOR": "NO", "TUV": "TV"}

# Tuvalu is absent from Natural Earth 1:50m. It is added as a point at Funafuti atoll, its
# capital (8°31′S 179°12′E), so the state can still be seen and tapped as a marker.
ADDED_POINTS: dict[str, tuple[float, float, str]] = {
    "TUV": (179.20, -8.52, "Tuvalu is absent from Natural Earth 1:50m; point at Funafuti."),
}

# Interactive states that are not UN member states (everything else with role "state" is one of
# the 193). Used for "share of UN member states"; each stays on the map because governments take
# positions on it or it takes positions itself.
NON_UN_STATES: dict[str, str] = {
    "VAT": "The Holy See is a UN non-member observer state.",
    "PSE": "Palestine is a UN non-member observer state.",
    "XKX": "Kosovo is not a UN member (recognised by about half of the members).",
    "TWN": "Taiwan (Republic of China) has not held the UN seat since 1971.",
    "ESH": "Western Sahara is a non-self-governing territory on the UN's list.",
}

# UN region of each added point (UN M49: Tuvalu is in Oceania, Polynesia). Natural Earth gives no
# population for a state it lacks, so its population stays empty rather than estimated.
ADDED_REGIONS: dict[str, str] = {"TUV": "Oceania"}

# English and Spanish short names come from CLDR (via babel). Where CLDR's short name is a
# regional label or an odd variant, we use the name the UN and the press use instead.
NAME_OVERRIDES: dict[str, tuple[str, str]] = {
    "PSE": ("Palestine", "Palestina"),  # CLDR: "Palestinian Territories"
    "VAT": ("Holy See", "Santa Sede"),  # The Holy See, not Vatican City, conducts diplomacy.
    "MMR": ("Myanmar", "Myanmar"),  # CLDR: "Myanmar (Burma)"
    "COD": ("DR Congo", "República Democrática del Congo"),  # CLDR: "Congo - Kinshasa"
    "COG": ("Republic of the Congo", "República del Congo"),  # CLDR: "Congo - Brazzaville"
    "CPV": ("Cabo Verde", "Cabo Verde"),  # The country's own name since 2013, used by the UN.
}

# A state whose largest shape has a bounding-box diagonal under this many pixels on a 1000 px-wide
# Natural Earth projection of the world is flagged small and gets a tappable marker: no side of
# it is long enough to hit reliably with a finger. This covers the Caribbean and Pacific island
# states, the European microstates and small mainland states such as Belgium or Lebanon.
SMALL_STATE_PX = 24.0
MAP_WIDTH_PX = 1000.0

# Topology-preserving simplification and coordinate precision for the web file.
SIMPLIFY_TOLERANCE_DEG = 0.08
COORD_DECIMALS = 2
