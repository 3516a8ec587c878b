"""The editor page: one Jinja template (autoescaped: every value renders as text), its CSS, evidence marks."""

from __future__ import annotations

import re

from events import schema

MULTILINE = frozenset({"summary", "summary_es", "quote", "notes"})
WIDE = MULTILINE | {"actor", "source_url"}
CSS = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin: 0 0 .4rem; }
form.source, form.load { border: 1px solid #ccc; padding: .8rem; margin-bottom: 1rem; }
textarea { width: 100%; box-sizing: border-box; font: inherit; }
textarea#text { min-height: 10rem; }
label { display: block; font-weight: 600; margin-top: .4rem; }
.draft { border: 1px solid #bbb; border-left: 6px solid #888; padding: .8rem; margin: 0 0 1rem; }
.draft.accepted { border-left-color: #0a7d32; } .draft.rejected { border-left-color: #b00020; opacity: .7; }
.fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 0 1rem; }
.fields .wide { grid-column: 1 / -1; }
.fields input { width: 100%; box-sizing: border-box; font: inherit; }
.evidence { background: #f6f6f6; padding: .5rem; white-space: pre-wrap; }
mark { background: #ffe58a; }
.problems { color: #b00020; } .status { font-weight: 700; } .message { padding: .5rem; background: #eef; }
button { font: inherit; padding: .3rem .9rem; margin: .5rem .5rem 0 0; }
"""

TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Editors' desk — who backs whom</title><link rel="stylesheet" href="{{ url_for('editor_css') }}"></head>
<body><h1>Editors' desk</h1>
<p>Accepted rows are validated like every events file and appended to <code>{{ target }}</code>.</p>
{% if message %}<p class="message" id="message" role="status">{{ message }}</p>{% endif %}
<form class="source" method="post" action="{{ url_for('ingest') }}">
  <input type="hidden" name="csrf_token" value="{{ csrf }}">
  <label for="text">Live blog or roundup (plain text)</label>
  <textarea id="text" name="text" required></textarea>
  <div class="fields">
    <div><label for="date">Page date (YYYY-MM-DD)</label>
      <input id="date" name="date" pattern="\\d{4}-\\d{2}-\\d{2}"></div>
    <div><label for="source_url_in">Source URL</label><input id="source_url_in" name="source_url" type="url"></div>
    <div><label for="source_name_in">Source name</label><input id="source_name_in" name="source_name"></div>
  </div>
  <button type="submit" id="draft-button">Draft events</button>
</form>
<form class="load" method="post" action="{{ url_for('load') }}" enctype="multipart/form-data">
  <input type="hidden" name="csrf_token" value="{{ csrf }}">
  <label for="drafts-file">Or load a drafts CSV (from <code>python -m events ingest</code>)</label>
  <input id="drafts-file" name="file" type="file" accept=".csv,text/csv" required>
  <button type="submit">Load drafts</button>
</form>
<p id="counts">{{ drafts|length }} drafts: {{ counts.pending }} to review, {{ counts.accepted }} accepted,
  {{ counts.rejected }} rejected.</p>
{% for d in drafts %}{% set n = loop.index0 %}
<section class="draft {{ d.status }}" id="draft-{{ loop.index0 }}" data-id="{{ d.row.id }}">
  <h2>{{ d.row.id or '(no id)' }} <span class="status">{{ d.status }}</span>
    <small>confidence {{ d.row.confidence }}</small></h2>
  <div class="evidence" aria-label="evidence">
  {%- for text, marked in d.segments -%}
  {%- if marked %}<mark>{{ text }}</mark>{% else %}{{ text }}{% endif -%}
  {%- endfor -%}
  </div>
  <p><small>Countries from: {{ d.row.triggers or 'none found' }}</small>
  {% if d.summary_flag %}<br><small class="flag">The summary is the source's wording:
    rewrite it in your own words.</small>{% endif %}</p>
  {% if d.problems %}<ul class="problems" role="alert">{% for field, reason in d.problems %}
    <li>{{ field }}: {{ reason }}</li>{% endfor %}</ul>{% endif %}
  <form method="post" action="{{ url_for('decide', index=n) }}">
    <input type="hidden" name="csrf_token" value="{{ csrf }}">
    <div class="fields">{% for f in fields %}
      <div class="{{ 'wide' if f in wide else '' }}"><label for="f{{ n }}-{{ f }}">{{ f }}</label>
      {% if f in multiline %}<textarea id="f{{ n }}-{{ f }}" name="{{ f }}" rows="2">{{ d.row[f] }}</textarea>
      {% else %}<input id="f{{ n }}-{{ f }}" name="{{ f }}" value="{{ d.row[f] }}">{% endif %}</div>
    {%- endfor %}
    </div>
    {% if d.status != 'accepted' %}<button name="action" value="accept">Accept</button>
    <button name="action" value="save">Save edits</button>
    <button name="action" value="reject">Reject</button>{% endif %}
  </form>
</section>
{% endfor %}
</body></html>
"""


def marks(row: dict[str, str]) -> list[str]:
    """Words to highlight in a draft's evidence: its country triggers and the cues its notes quote."""
    words = []
    for part in row.get("triggers", "").split("; "):
        if ": " in part:
            words.extend(w for w in part.split(": ", 1)[1].split(", ") if w)
    words.extend(re.findall(r"'([^']{2,80})'", row.get("notes", "")))
    return sorted(set(words), key=len, reverse=True)


def segments(text: str, words: list[str]) -> list[tuple[str, bool]]:
    """The text cut into (piece, highlighted) pairs; the template escapes every piece."""
    if not words:
        return [(text, False)]
    rx = re.compile("|".join(re.escape(w) for w in words))
    out, pos = [], 0
    for match in rx.finditer(text):
        if match.start() > pos:
            out.append((text[pos : match.start()], False))
        out.append((match.group(0), True))
        pos = match.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


FIELDS = schema.FIELDS
