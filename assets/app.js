/* Clientside callbacks: every date change is answered here, with zero server requests.
 * Heavy lifting (validation, timeline) happens in Python; this file only looks up the
 * precomputed change-points that arrive once in the `history` store. */
(function () {
  "use strict";
  var PROJECT = "who-backs-whom";
  var DAY_MS = 86400000;
  var DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
  var ISO3_RE = /^[A-Z]{3}$/;
  var pushTimer = null;
  var current = { day: null, history: null, urlRead: false, selected: null, syncTimer: null,
    sort: { col: "name", dir: 1 } };

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
  function fmtDay(h, day) {
    return new Date(startMs(h) + day * DAY_MS).toLocaleDateString("en-GB", {
      day: "numeric", month: "short", year: "numeric", timeZone: "UTC"
    });
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

  function hoverText(h, i, st, day) {
    var iso3 = h.countries[i];
    var out = "<b>" + esc(h.names[i]) + "</b><br>" + esc(h.labels[st.code]);
    if (st.since !== null) { out += " since " + esc(fmtDay(h, Math.max(st.since, 0))); }
    var latest = lastAtOrBefore(h.mentions[iso3] || [], day);
    if (latest) {
      var ev = h.events[latest[1]];
      out += "<br><i>" + esc(fmtDay(h, Math.max(ev[1], 0))) + ":</i> " + wrap(ev[2], 48);
    }
    return out;
  }

  function copy(obj) { return JSON.parse(JSON.stringify(obj)); }

  function triggered() {
    var ctx = dc().callback_context;
    return (ctx && ctx.triggered ? ctx.triggered : []).map(function (t) { return t.prop_id; });
  }

  function parseSearch(h, search) {
    var params = new URLSearchParams(search || "");
    var day = isoToDay(h, params.get("date") || "");
    var country = (params.get("country") || "").toUpperCase();
    return {
      day: day === null ? h.days - 1 : day,
      country: ISO3_RE.test(country) && h.countries.indexOf(country) >= 0 ? country : null,
      embed: params.get("embed") === "1"
    };
  }

  function stateUrl(h, day, country) {
    var params = new URLSearchParams(window.location.search);
    params.set("date", dayToIso(h, day));
    if (country) { params.set("country", country); } else { params["delete"]("country"); }
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

  function graphDiv() { return document.querySelector("#map .js-plotly-plot"); }
  function drawn(gd) { return !!(gd && gd._fullData && gd._fullData.length === 5 && gd.querySelector(".choroplethlocation")); }
  function traceGroup(gd, name) {
    var groups = gd.querySelectorAll(".geo g.trace");
    for (var i = 0; i < groups.length; i++) {
      var cd = groups[i].__data__;
      if (cd && cd[0] && cd[0].trace && cd[0].trace.name === name) { return groups[i]; }
    }
    return null;
  }

  /* Everything the map shows on one day, computed from the change-points. */
  function frameFor(h, base, day, selected) {
    var n = h.countries.length, z = new Array(n), text = new Array(n), byIso = {};
    h.countries.forEach(function (iso3, i) {
      var st = stanceAt(h, iso3, day);
      z[i] = st.code;
      byIso[iso3] = i;
      text[i] = st;
    });
    var markers = base.data[2].customdata;
    var m = selected ? markers.indexOf(selected) : -1;
    return {
      h: h, day: day, z: z, stances: text, byIso: byIso,
      markerColours: markers.map(function (iso3) { return h.colours[z[byIso[iso3]]]; }),
      markerIso: markers,
      outline: selected ? [selected] : [],
      ring: { lon: m >= 0 ? [base.data[2].lon[m]] : [], lat: m >= 0 ? [base.data[2].lat[m]] : [] }
    };
  }
  function hoverTexts(f) {
    return f.stances.map(function (st, i) { return hoverText(f.h, i, st, f.day); });
  }

  function fullFigure(base, f) {
    var data = base.data.slice();
    var text = hoverTexts(f);
    data[1] = Object.assign({}, data[1], { z: f.z, text: text });
    data[2] = Object.assign({}, data[2], {
      marker: Object.assign({}, data[2].marker, { color: f.markerColours }),
      text: f.markerIso.map(function (iso3) { return text[f.byIso[iso3]]; })
    });
    data[3] = Object.assign({}, data[3], { locations: f.outline, z: f.outline.map(function () { return 0; }) });
    data[4] = Object.assign({}, data[4], { lon: f.ring.lon, lat: f.ring.lat });
    return { data: data, layout: copy(base.layout) };
  }

  /* Recolour the drawn shapes and markers in place. */
  function paint(gd, f) {
    var colours = f.h.colours;
    var states = traceGroup(gd, "states");
    if (states) {
      Array.prototype.forEach.call(states.querySelectorAll("path.choroplethlocation"), function (el) {
        var i = el.__data__ ? f.byIso[el.__data__.loc] : undefined;
        if (i !== undefined) { el.style.fill = colours[f.z[i]]; }
      });
    }
    var small = traceGroup(gd, "small states");
    if (small) {
      Array.prototype.forEach.call(small.querySelectorAll("path.point"), function (el, k) {
        el.style.fill = f.markerColours[k];
      });
    }
  }

  /* Once the viewer pauses, make plotly's data match what is painted (hover text, z). */
  function scheduleSync(gd, f) {
    window.clearTimeout(current.syncTimer);
    current.syncTimer = window.setTimeout(function () {
      var text = hoverTexts(f);
      Plotly.restyle(gd, { z: [f.z], text: [text] }, [1]);
      Plotly.restyle(gd, {
        "marker.color": [f.markerColours],
        text: [f.markerIso.map(function (iso3) { return text[f.byIso[iso3]]; })]
      }, [2]);
    }, 250);
  }

  function tableShown() {
    var details = document.querySelector("details.table-wrap");
    return !!(details && details.open);
  }
  var COLUMNS = ["name", "stance", "since", "iso3"];
  function tableRows(h, day, filter, sort) {
    var needle = filter.trim().toLowerCase();
    var rows = h.countries.map(function (iso3, i) {
      var st = stanceAt(h, iso3, day);
      return {
        iso3: iso3, name: h.names[i], stance: h.labels[st.code],
        since: st.since === null ? "" : dayToIso(h, Math.max(st.since, 0))
      };
    }).filter(function (r) {
      return !needle || (r.name + " " + r.stance + " " + r.iso3).toLowerCase().indexOf(needle) >= 0;
    });
    rows.sort(function (a, b) {
      var x = a[sort.col], y = b[sort.col];
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir || (a.name < b.name ? -1 : 1);
    });
    return rows;
  }
  function html(type, props) { return { type: type, namespace: "dash_html_components", props: props }; }
  function rowComponent(r) {
    return html("Tr", { children: [
      html("Td", { "data-dash-column": "name", children: html("Button", {
        id: { type: "table-row", iso3: r.iso3 }, n_clicks: 0, className: "row-btn", children: r.name
      }) }),
      html("Td", { "data-dash-column": "stance", children: r.stance }),
      html("Td", { "data-dash-column": "since", children: r.since }),
      html("Td", { "data-dash-column": "iso3", children: r.iso3 })
    ] });
  }
  function markSort() {
    Array.prototype.forEach.call(document.querySelectorAll("#stance-table th[data-col]"), function (th) {
      var col = th.getAttribute("data-col");
      th.setAttribute("aria-sort", col !== current.sort.col ? "none" : current.sort.dir > 0 ? "ascending" : "descending");
    });
  }
  /* Opening the table fills it for the current day. */
  document.addEventListener("toggle", function (e) {
    if (e.target.matches && e.target.matches("details.table-wrap") && e.target.open && current.history) {
      dc().set_props("table-open", { data: Date.now() });
    }
  }, true);
  /* Arrow keys move between the table's row buttons. */
  document.addEventListener("keydown", function (e) {
    if (!e.target.classList || !e.target.classList.contains("row-btn")) { return; }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") { return; }
    var buttons = Array.prototype.slice.call(document.querySelectorAll("#stance-table .row-btn"));
    var next = buttons[buttons.indexOf(e.target) + (e.key === "ArrowDown" ? 1 : -1)];
    if (next) { e.preventDefault(); next.focus(); }
  });

  /* The chart's date line is a positioned element over the plot area: moving it costs no replot. */
  function moveChartLine(h, day) {
    var gd = document.querySelector("#stance-chart .js-plotly-plot");
    var area = gd && gd.querySelector(".nsewdrag");
    if (!area || !gd._fullLayout || !gd._fullLayout.xaxis) { return false; }
    var range = gd._fullLayout.xaxis.range.map(function (d) { return Date.parse(String(d).slice(0, 10) + "T00:00:00Z"); });
    var t = startMs(h) + day * DAY_MS;
    var box = area.getBoundingClientRect(), host = gd.getBoundingClientRect();
    var x = box.left - host.left + (t - range[0]) / (range[1] - range[0]) * box.width;
    var line = gd.querySelector(".wbw-date-line");
    if (!line) {
      line = document.createElement("div");
      line.className = "wbw-date-line";
      line.setAttribute("aria-hidden", "true");
      gd.appendChild(line);
    }
    line.style.left = Math.round(x) + "px";
    line.style.top = Math.round(box.top - host.top) + "px";
    line.style.height = Math.round(box.height) + "px";
    return true;
  }

  /* Place the line now, or retry until the chart has been drawn. */
  function placeChartLine(h, day, tries) {
    if (!moveChartLine(h, day) && tries > 0) {
      window.setTimeout(function () { if (current.day === day) { placeChartLine(h, day, tries - 1); } }, 100);
    }
  }
  window.addEventListener("resize", function () {
    window.requestAnimationFrame(function () {
      if (current.history) { moveChartLine(current.history, current.day); }
    });
  });

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

  function setDay(day) {
    var h = current.history;
    if (!h || day === null) { return; }
    dc().set_props("date-slider", { value: clampDay(h, day) });
  }

  var ns = {
    urlState: function (search, value, selected, h) {
      if (!h) { return [nu(), nu(), nu()]; }
      var trig = triggered();
      if (!current.urlRead || trig.indexOf("url.search") >= 0 || value === null || value === undefined) {
        current.urlRead = true;
        var st = parseSearch(h, window.location.search);
        return [
          st.day === value ? nu() : st.day,
          st.country === (selected || null) ? nu() : st.country,  // no panel request when none is asked for
          st.embed ? "root embed" : "root"
        ];
      }
      syncUrl(h, value, selected, trig.indexOf("selected-country.data") >= 0);
      return [nu(), nu(), nu()];
    },

    /* Date or selection → map. The first call hands dcc.Graph a whole figure; afterwards the
     * existing paths are recoloured in place (a few ms) and plotly's own data is brought in line
     * with one restyle once the viewer pauses, so hover text and redraws stay correct. */
    mapFigure: function (value, selected, h, base) {
      if (!h || !base || value === null || value === undefined) { return nu(); }
      current.day = value;
      current.history = h;
      var gd = graphDiv();
      var frame = frameFor(h, base, value, selected);
      if (!drawn(gd)) {
        current.selected = selected || null;
        return fullFigure(base, frame);
      }
      paint(gd, frame);
      window.dispatchEvent(new CustomEvent("wbw:painted", { detail: value }));
      if ((selected || null) !== current.selected) {
        current.selected = selected || null;
        Plotly.restyle(gd, { locations: [frame.outline], z: [frame.outline.map(function () { return 0; })] }, [3]);
        Plotly.restyle(gd, { lon: [frame.ring.lon], lat: [frame.ring.lat] }, [4]);
      }
      scheduleSync(gd, frame);
      return nu();
    },

    /* Date → date text, legend counts and the chart's date line. */
    summary: function (value, h) {
      var order = ["guaido", "maduro", "neutral", "assembly", "withdrawn", "none"];
      if (!h || value === null || value === undefined) { return new Array(1 + order.length).fill(nu()); }
      placeChartLine(h, value, 50);
      var counts = countsOn(h, value);
      return [fmtDay(h, value)].concat(order.map(function (name) {
        return String(counts[h.categories.indexOf(name)]);
      }));
    },

    /* Date, filter, sort or opening → the table's rows (only while it is open) and CSV link. */
    table: function (value, filter, sortClicks, opened, h) {
      if (!h || value === null || value === undefined) { return [nu(), nu()]; }
      var href = "api/stances.csv?date=" + dayToIso(h, value);
      if (!tableShown()) { return [nu(), href]; }
      triggered().forEach(function (prop) {
        if (prop.indexOf('"type":"sort"') >= 0) {
          var col = JSON.parse(prop.slice(0, prop.lastIndexOf("."))).col;
          current.sort = { col: col, dir: current.sort.col === col ? -current.sort.dir : 1 };
        }
      });
      var rows = tableRows(h, value, filter || "", current.sort);
      window.requestAnimationFrame(markSort);
      return [rows.map(rowComponent), href];
    },

    select: function (clickData, rowClicks, closeClicks) {
      var ctx = dc().callback_context;
      var trig = ctx && ctx.triggered ? ctx.triggered : [];
      for (var i = 0; i < trig.length; i++) {
        var prop = trig[i].prop_id;
        if (prop === "panel-close.n_clicks") { return null; }
        if (prop === "map.clickData" && clickData && clickData.points && clickData.points.length) {
          var p = clickData.points[0];
          var iso3 = p.customdata !== undefined ? p.customdata : p.location;
          return typeof iso3 === "string" && ISO3_RE.test(iso3) ? iso3 : nu();
        }
        if (prop.indexOf('"type":"table-row"') >= 0 && trig[i].value > 0) {
          return JSON.parse(prop.slice(0, prop.lastIndexOf("."))).iso3;
        }
      }
      return nu();
    },

    step: function (prev, next, chartClick, ticks, value, h) {
      if (!h) { return nu(); }
      var trig = triggered();
      if (trig.indexOf("prev-change.n_clicks") >= 0) { var p = stepFrom(h, value, -1); return p === null ? nu() : p; }
      if (trig.indexOf("next-change.n_clicks") >= 0) { var q = stepFrom(h, value, 1); return q === null ? nu() : q; }
      if (trig.indexOf("stance-chart.clickData") >= 0 && chartClick && chartClick.points && chartClick.points.length) {
        var d = isoToDay(h, String(chartClick.points[0].x).slice(0, 10));
        return d === null ? nu() : d;
      }
      if (trig.indexOf("play-timer.n_intervals") >= 0) {
        var nextDay;
        if (reducedMotion()) {
          if (ticks % 15 !== 0) { return nu(); }
          nextDay = stepFrom(h, value, 1);
        } else {
          nextDay = value + 1;
        }
        if (nextDay === null || nextDay >= h.days - 1) {
          dc().set_props("play-timer", { disabled: true });
          dc().set_props("play", { children: "▶ Play", "aria-pressed": "false" });
          return h.days - 1;
        }
        return nextDay;
      }
      return nu();
    },

    play: function (clicks, value, h) {
      var timer = document.getElementById("play");
      var playing = timer && timer.getAttribute("aria-pressed") === "true";
      if (playing) { return [true, "▶ Play", "false"]; }
      if (h && value >= h.days - 1) { setDay(0); }
      return [false, "❚❚ Pause", "true"];
    },

    why: function (value, selected, children, h) {
      if (!h || !selected) { return ["", true]; }
      var st = stanceAt(h, selected, value);
      var when = fmtDay(h, value);
      var text;
      var eventId = null;
      if (selected === h.subject) {
        text = "Venezuela is the subject of the crisis, not a side.";
      } else if (st.code === 0) {
        text = "No position recorded on " + when + ".";
      } else {
        var ev = h.events[st.event];
        eventId = ev[0];
        text = "Why this colour on " + when + ": " + h.labels[st.code] + " since " +
          fmtDay(h, Math.max(st.since, 0)) + ". Set by the highlighted statement.";
      }
      window.requestAnimationFrame(function () {
        var items = document.querySelectorAll("#country-panel li[data-event-id]");
        Array.prototype.forEach.call(items, function (li) {
          var on = li.getAttribute("data-event-id") === eventId;
          li.classList.toggle("is-current", on);
          if (on) { li.setAttribute("aria-current", "true"); } else { li.removeAttribute("aria-current"); }
        });
      });
      return [text, false];
    },

    embed: function (clicks, value, selected, h) {
      if (!h) { return [nu(), nu()]; }
      if (!(clicks % 2)) { return [true, nu()]; }
      var origin = window.location.origin;
      var params = new URLSearchParams();
      params.set("date", dayToIso(h, value));
      if (selected) { params.set("country", selected); }
      params.set("embed", "1");
      var src = origin + window.location.pathname + "?" + params.toString();
      var snippet =
        '<iframe src="' + src + '" title="Who backs whom in Venezuela\'s presidential crisis" ' +
        'style="width:100%;border:0" height="640" loading="lazy"></iframe>\n' +
        "<script>\n" +
        'window.addEventListener("message", function (e) {\n' +
        '  if (e.origin !== "' + origin + '" || !e.data || e.data.type !== "' + PROJECT + ':height") return;\n' +
        '  document.querySelectorAll("iframe").forEach(function (f) {\n' +
        '    if (f.contentWindow === e.source) f.style.height = e.data.height + "px";\n' +
        "  });\n" +
        "});\n" +
        "</script>";
      return [false, snippet];
    }
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside, { wbw: ns });

  /* Keyboard on the slider: arrows ±1 day, PageUp/PageDown ±1 week (Shift: ±30 days), Home/End. */
  var KEYS = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 7, PageDown: -7 };
  window.addEventListener("keydown", function (e) {
    var h = current.history;
    if (!h || !e.target || !e.target.closest || !e.target.closest("#date-slider")) { return; }
    var day = current.day === null ? h.days - 1 : current.day;
    var target;
    if (e.key === "Home") { target = 0; }
    else if (e.key === "End") { target = h.days - 1; }
    else if (KEYS[e.key] !== undefined) {
      var delta = KEYS[e.key];
      if (e.shiftKey && Math.abs(delta) === 7) { delta = delta > 0 ? 30 : -30; }
      target = day + delta;
    } else { return; }
    e.preventDefault();
    e.stopPropagation();
    current.day = clampDay(h, target);
    setDay(current.day);
  }, true);

  /* Back/forward: restore date and country from the URL. */
  window.addEventListener("popstate", function () {
    var h = current.history;
    if (!h) { return; }
    var st = parseSearch(h, window.location.search);
    current.day = st.day;
    dc().set_props("date-slider", { value: st.day });
    dc().set_props("selected-country", { data: st.country });
  });

  /* Embed mode: post the content height to the host page whenever it changes. */
  var lastHeight = -1;
  function postHeight() {
    var root = document.getElementById("root");
    if (!root || !root.classList.contains("embed") || window.parent === window) { return; }
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      window.parent.postMessage({ type: PROJECT + ":height", height: height }, "*");
    }
  }
  function watchHeight() {
    var root = document.getElementById("root");
    if (!root) { window.setTimeout(watchHeight, 100); return; }
    if (window.ResizeObserver) { new ResizeObserver(postHeight).observe(root); }
    new MutationObserver(postHeight).observe(root, { attributes: true, attributeFilter: ["class"] });
    postHeight();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", watchHeight); } else { watchHeight(); }

  /* For tests and benchmarks: the pure helpers and the history the page received. */
  window.wbwInternals = { stanceAt: stanceAt, isoToDay: isoToDay, dayToIso: dayToIso, parseSearch: parseSearch };
  window.wbwHistory = function () { return current.history; };
}());
