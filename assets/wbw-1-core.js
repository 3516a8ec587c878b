/* Shared state and pure helpers: dates, the as-of lookup in the change-points, URL state.
 * Dash loads assets in file-name order, so later wbw-*.js files can import from this one. */
(function (W) {
  "use strict";

  var PROJECT = "who-backs-whom";
  var DAY_MS = 86400000;
  var DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
  var ISO3_RE = /^[A-Z]{3}$/;
  var pushTimer = null;
  var current = { day: null, history: null, urlRead: false, selected: null, syncTimer: null,
    sort: { col: "name", dir: 1 } };

  /* The contract from Python (dashboard/ids.py via dashboard/document.py): element ids by their
   * Python names, in an inert JSON block the page carries before Dash boots. */
  var CONTRACT = (function () {
    var el = document.getElementById("wbw-contract");
    try { return el ? JSON.parse(el.textContent) : {}; } catch (err) { return {}; }
  }());
  var ids = CONTRACT.ids || {};
  function byId(name) { return document.getElementById(ids[name]); }
  function sel(name) { return "#" + ids[name]; }

  function dc() { return window.dash_clientside; }
  function nu() { return window.dash_clientside.no_update; }
  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function startMs(h) { return Date.parse(h.start + "T00:00:00Z"); }
  function dayToIso(h, day) { return new Date(startMs(h) + day * DAY_MS).toISOString().slice(0, 10); }
  function isoToDay(h, iso) {
    if (typeof iso !== "string" || !DATE_RE.test(iso)) { return null; }
    var t = Date.parse(iso + "T00:00:00Z");
    if (isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso) { return null; }
    var day = Math.round((t - startMs(h)) / DAY_MS);
    return day >= 0 && day < h.days ? day : null;
  }
  /* Dates in the page's locale (W.locale, from Python: dashboard/locales/<lang>.toml). */
  var formats = {};
  function formatter(kind) {
    if (!formats[kind]) {
      formats[kind] = new Intl.DateTimeFormat(W.locale || "en-GB", kind === "month"
        ? { month: "long", year: "numeric", timeZone: "UTC" }
        : { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
    }
    return formats[kind];
  }
  function fmtDay(h, day) { return formatter("day").format(new Date(startMs(h) + day * DAY_MS)).replace(".", ""); }
  /* An event's date as precisely as it is known: "4 Feb 2019", or "March 2019" (month only). */
  function fmtEvent(h, ev) {
    var day = Math.max(ev[1], 0);
    if (!ev[3]) { return fmtDay(h, day); }
    return formatter("month").format(new Date(startMs(h) + day * DAY_MS));
  }
  function clampDay(h, day) { return Math.max(0, Math.min(h.days - 1, day)); }

  /* Last row whose first element is <= day (rows sorted by day), or null. */
  function lastAtOrBefore(rows, day) {
    var lo = 0, hi = rows.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (rows[mid][0] <= day) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found >= 0 ? rows[found] : null;
  }

  /* {code, since, event} of a country on a day; code indexes h.categories. */
  function stanceAt(h, iso3, day) {
    if (iso3 === h.subject) { return { code: h.categories.length - 1, since: null, event: null }; }
    var row = lastAtOrBefore(h.changes[iso3] || [], day);
    return row ? { code: row[1], since: row[2], event: row[3] } : { code: 0, since: null, event: null };
  }

  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function wrap(s, width) {
    var words = String(s).split(/\s+/), lines = [], line = "";
    words.forEach(function (w) {
      if (line && (line + " " + w).length > width) { lines.push(line); line = w; } else { line = line ? line + " " + w : w; }
    });
    if (line) { lines.push(line); }
    return lines.map(esc).join("<br>");
  }

  function copy(obj) { return JSON.parse(JSON.stringify(obj)); }

  function triggered() {
    var ctx = dc().callback_context;
    return (ctx && ctx.triggered ? ctx.triggered : []).map(function (t) { return t.prop_id; });
  }

  function parseSearch(h, search) {
    var params = new URLSearchParams(search || "");
    var rawDate = params.get("date") || "";
    var day = isoToDay(h, rawDate);
    var country = (params.get("country") || "").toUpperCase();
    return {
      day: day === null ? h.days - 1 : day,
      badDate: rawDate && day === null ? rawDate : null,  // asked for, but not a day of the data
      country: ISO3_RE.test(country) && h.countries.indexOf(country) >= 0 ? country : null,
      embed: params.get("embed") === "1" || /^[A-Za-z0-9_-]{1,64}$/.test(params.get("childId") || ""),  // pym.js
      region: h.regions && Object.prototype.hasOwnProperty.call(h.regions, params.get("region")) ? params.get("region") : "world"
    };
  }

  function stateUrl(h, day, country) {
    var params = new URLSearchParams(window.location.search);
    params.set("date", dayToIso(h, day));
    if (country) { params.set("country", country); } else { params["delete"]("country"); }
    if (current.region && current.region !== "world") { params.set("region", current.region); } else { params["delete"]("region"); }
    return window.location.pathname + "?" + params.toString();
  }

  function syncUrl(h, day, country, immediate) {
    window.clearTimeout(pushTimer);
    var push = function () {
      var url = stateUrl(h, day, country);
      if (url !== window.location.pathname + window.location.search) { window.history.pushState(null, "", url); }
    };
    if (immediate) { push(); } else { pushTimer = window.setTimeout(push, 400); }
  }

  /* The legend's counts, set by the ids the payload names (h.countIds, in h.legend's order); only
   * those that changed, so scrubbing between change days touches none. */
  function setLegendCounts(h, counts) {
    h.legend.forEach(function (name, i) {
      var id = h.countIds[i], el = document.getElementById(id), text = String(counts[h.categories.indexOf(name)]);
      if (el && el.textContent !== text) { dc().set_props(id, { children: text }); }
    });
  }
  function countsOn(h, day) {
    var counts = h.categories.map(function () { return 0; });
    h.countries.forEach(function (iso3) {
      if (iso3 !== h.subject) { counts[stanceAt(h, iso3, day).code] += 1; }
    });
    return counts;
  }

  function stepFrom(h, value, direction) {
    var days = h.changeDays, i;
    if (direction > 0) {
      for (i = 0; i < days.length; i++) { if (days[i] > value) { return days[i]; } }
    } else {
      for (i = days.length - 1; i >= 0; i--) { if (days[i] < value) { return days[i]; } }
    }
    return null;
  }

  /* A date step: the map is recoloured in this task, and Dash (the slider, the text, the panel,
   * the URL) hears of it after the next frame, so its callbacks never delay the frame that shows
   * the new colours. Steps faster than frames reach Dash once, with the latest day. A caller that
   * sets other Dash props right after (a story step sets the country too) passes `now`. */
  var slider = { day: null, pending: false };
  function tellDash() {
    slider.pending = false;
    dc().set_props(W.ids.DATE_SLIDER, { value: slider.day });
  }
  function setDay(day, now) {
    var h = current.history;
    if (!h || day === null) { return; }
    slider.day = clampDay(h, day);
    if (!W.paintNow || !W.paintNow(slider.day) || now) { tellDash(); return; }
    if (!slider.pending) {
      slider.pending = true;
      window.requestAnimationFrame(function () { window.setTimeout(tellDash, 0); });
    }
  }

  Object.assign(W, { ids: ids, byId: byId, sel: sel, PROJECT: PROJECT, DAY_MS: DAY_MS, ISO3_RE: ISO3_RE, current: current, dc: dc, nu: nu, reducedMotion: reducedMotion, startMs: startMs, dayToIso: dayToIso, isoToDay: isoToDay, fmtDay: fmtDay, fmtEvent: fmtEvent, clampDay: clampDay, lastAtOrBefore: lastAtOrBefore, stanceAt: stanceAt, esc: esc, wrap: wrap, copy: copy, triggered: triggered, parseSearch: parseSearch, syncUrl: syncUrl, countsOn: countsOn, setLegendCounts: setLegendCounts, stepFrom: stepFrom, setDay: setDay });
}(window.wbwLib = window.wbwLib || {}));
