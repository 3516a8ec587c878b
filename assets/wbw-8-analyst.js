/* Analyst tools, part 1: URL state, the own-statements filter, compare two dates, slider ticks,
 * "changed on this date", weighted shares and the chart's population toggle. All clientside,
 * from the history payload (ids and strings arrive in it: h.analystIds, h.analystStrings).
 * Text is set as text; links are http(s) only. Part 2 (wbw-9-analyst-story.js) wires it up. */
(function (W) {
  "use strict";
  var current = W.current, stanceAt = W.stanceAt, fmtDay = W.fmtDay, dayToIso = W.dayToIso, isoToDay = W.isoToDay;
  var state = { compare: null, comparing: false, own: false, population: false, story: null, ready: false, chartCounts: null };
  var saved = new WeakMap();
  var CHANGED_SHOWN = 6;  // names shown before "and N more" (CSS hides the rest: .changed-today.is-long)

  function byId(h, key) { return document.getElementById(h.analystIds[key]); }
  function make(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function clear(node) { while (node && node.firstChild) { node.removeChild(node.firstChild); } }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }
  function sourceLink(name, url) {
    var safe = safeUrl(url);
    var a = make(safe ? "a" : "span", "analyst-source", name);
    if (safe) { a.href = safe; a.target = "_blank"; a.rel = "noopener noreferrer"; }
    return a;
  }
  function pressed(h, key, on) { var b = byId(h, key); if (b) { b.setAttribute("aria-pressed", on ? "true" : "false"); } }
  function day() { return current.day; }
  function setSelected(iso3) { W.dc().set_props(W.ids.SELECTED, { data: iso3 || null }); }

  /* ---- URL: compare=, own=1, story=1&step=N live beside date= and country= ---- */
  function readUrl(h) {
    var p = new URLSearchParams(window.location.search);
    var c = isoToDay(h, p.get("compare") || "");
    state.compare = c;
    state.comparing = c !== null;
    state.own = p.get("own") === "1";
    var step = parseInt(p.get("step") || "1", 10);
    state.story = p.get("story") === "1" && h.story.length ? Math.max(0, Math.min(h.story.length - 1, (step || 1) - 1)) : null;
  }
  function writeUrl(h, push) {
    var p = new URLSearchParams(window.location.search);
    var set = function (k, v) { if (v === null) { p["delete"](k); } else { p.set(k, v); } };
    set("compare", state.comparing && state.compare !== null ? dayToIso(h, state.compare) : null);
    set("own", state.own ? "1" : null);
    set("story", state.story !== null ? "1" : null);
    set("step", state.story !== null ? String(state.story + 1) : null);
    var url = window.location.pathname + "?" + p.toString();
    if (url === window.location.pathname + window.location.search) { return; }
    if (push) { window.history.pushState(null, "", url); } else { window.history.replaceState(null, "", url); }
  }

  /* ---- own statements only: switch which change-points every lookup reads ---- */
  function changeDaysOf(h, changes) {
    var seen = {};
    Object.keys(changes).forEach(function (iso3) {
      changes[iso3].forEach(function (r) { if (r[0] >= 0 && r[0] < h.days) { seen[r[0]] = true; } });
    });
    return Object.keys(seen).map(Number).sort(function (a, b) { return a - b; });
  }
  /* Point every lookup (map, counts, prev/next change, ticks) at the chosen set of change-points. */
  function applyFilter(h) {
    if (!h.allChanges) {
      h.allChanges = h.changes;
      h.allChangeDays = h.changeDays;
      h.ownChangeDays = changeDaysOf(h, h.ownChanges);
    }
    var want = state.own ? h.ownChanges : h.allChanges;
    if (h.changes === want) { return false; }
    h.changes = want;
    h.changeDays = state.own ? h.ownChangeDays : h.allChangeDays;
    return true;
  }
  function repaint(h) {
    var gd = W.graphDiv();
    if (!W.drawn(gd) || day() === null) { return; }
    var f = W.frameFor(h, { data: gd.data }, day(), current.selected);
    W.paint(gd, f);
    W.scheduleSync(gd, f);
    W.setLegendCounts(h, W.countsOn(h, day()));
  }

  /* ---- compare ---- */
  function switchers(h, a, b) {
    var out = [];
    h.countries.forEach(function (iso3, i) {
      if (iso3 === h.subject) { return; }
      var x = stanceAt(h, iso3, a), y = stanceAt(h, iso3, b);
      if (x.code !== y.code) { out.push({ iso3: iso3, i: i, from: x.code, to: y.code, event: y.event, since: y.since }); }
    });
    return out.sort(function (p, q) { return (p.since - q.since) || (p.iso3 < q.iso3 ? -1 : 1); });
  }
  function transitions(h, list) {
    var counts = {};
    list.forEach(function (s) { var k = s.from + ">" + s.to; counts[k] = (counts[k] || 0) + 1; });
    return Object.keys(counts).map(function (k) {
      var p = k.split(">");
      return { from: +p[0], to: +p[1], n: counts[k] };
    }).sort(function (p, q) { return q.n - p.n || p.from - q.from || p.to - q.to; });
  }
  function renderCompare(h) {
    var view = byId(h, "compareView");
    var on = state.comparing && state.compare !== null && day() !== null;
    view.hidden = !on;
    pressed(h, "compareToggle", on);
    if (!on) { return null; }
    var S = h.analystStrings, list = switchers(h, state.compare, day());
    byId(h, "compareTitle").textContent = fill(S.compareTitle, { a: fmtDay(h, state.compare), b: fmtDay(h, day()), n: list.length });
    var legend = byId(h, "compareLegend"), ol = byId(h, "compareList");
    clear(legend); clear(ol);
    transitions(h, list).forEach(function (t) {
      var li = make("li", "transition");
      li.setAttribute("data-from", h.categories[t.from]);
      li.setAttribute("data-to", h.categories[t.to]);
      var sw = make("span", "swatch");
      sw.style.background = h.colours[t.to];
      li.appendChild(sw);
      li.appendChild(make("span", "", h.labels[t.from] + " → " + h.labels[t.to] + ": "));
      li.appendChild(make("b", "transition-count", t.n));
      legend.appendChild(li);
    });
    if (!list.length) { ol.appendChild(make("li", "", S.nothingSwitched)); }
    list.forEach(function (s) {
      var li = make("li", "switcher");
      li.setAttribute("data-iso3", s.iso3);
      var open = make("button", "linklike", h.names[s.i]);
      open.type = "button";
      open.addEventListener("click", function () { setSelected(s.iso3); });
      li.appendChild(open);
      li.appendChild(make("span", "", ": " + h.labels[s.from] + " → " + h.labels[s.to]));
      if (s.event !== null) {
        var ev = h.events[s.event], info = h.eventInfo[s.event];
        li.appendChild(make("span", "switch-when", " (" + fmtDay(h, Math.max(s.since, 0)) + ")"));
        li.appendChild(make("p", "switch-statement", S.setBy + " " + fmtDay(h, Math.max(ev[1], 0)) + ": " + ev[2]));
        var p = make("p", "switch-source", S.source + ": ");
        p.appendChild(sourceLink(info[3], info[4]));
        li.appendChild(p);
      }
      ol.appendChild(li);
    });
    return list;
  }
  function mark(el, mode) {
    if (!saved.has(el)) {
      saved.set(el, { op: el.style.fillOpacity, stroke: el.style.stroke, sw: el.style.strokeWidth });
    }
    var s = saved.get(el);
    el.classList.toggle("wbw-changed", mode === "changed");
    el.classList.toggle("wbw-muted", mode === "muted");
    el.style.fillOpacity = mode === "muted" ? "0.25" : s.op;
    el.style.stroke = mode === "changed" ? "#111111" : s.stroke;
    el.style.strokeWidth = mode === "changed" ? "1.6px" : s.sw;
  }
  /* Mark switched countries, mute the rest (or undo both outside compare mode). */
  function overlay(h) {
    var gd = W.graphDiv();
    if (!W.drawn(gd)) { return; }
    var comparing = state.comparing && state.compare !== null && day() !== null;
    var changed = {};
    if (comparing) { switchers(h, state.compare, day()).forEach(function (s) { changed[s.iso3] = true; }); }
    var modeOf = function (iso3) { return !comparing ? "" : changed[iso3] ? "changed" : "muted"; };
    var states = W.traceGroup(gd, "states");
    if (states) {
      Array.prototype.forEach.call(states.querySelectorAll("path.choroplethlocation"), function (el) {
        if (el.__data__ && el.__data__.loc !== h.subject) { mark(el, modeOf(el.__data__.loc)); }
      });
    }
    var small = W.traceGroup(gd, "small"), smallData = gd.data[W.traceIndex("small")], iso = smallData && smallData.customdata;
    if (small && iso) {
      Array.prototype.forEach.call(small.querySelectorAll("path.point"), function (el, k) { mark(el, modeOf(iso[k])); });
    }
  }

  /* ---- slider ticks and "changed on this date" ---- */
  var tickTries = 0;
  function renderTicks(h) {
    /* The slider's track (Dash 3: .dash-slider-track; older rc-slider: .rc-slider-rail), never the
     * whole slider box, whose middle falls on the labels. The track may not be drawn yet when the
     * history arrives: try again on the next frames. */
    var box = byId(h, "ticks"), rail = document.querySelector(W.sel("DATE_SLIDER") + " .dash-slider-track") ||
      document.querySelector(W.sel("DATE_SLIDER") + " .rc-slider-rail");
    if (!box || !rail || !rail.getBoundingClientRect().width) {
      if (tickTries++ < 600) { window.requestAnimationFrame(function () { renderTicks(h); }); }
      return;
    }
    tickTries = 0;
    var host = box.parentNode.getBoundingClientRect(), r = rail.getBoundingClientRect();
    box.style.left = Math.round(r.left - host.left) + "px";
    box.style.width = Math.round(r.width) + "px";
    box.style.top = Math.round(r.top - host.top + r.height / 2 - 6) + "px";
    if (box.wbwDays !== h.changeDays) {
      box.wbwDays = h.changeDays;
      clear(box);
      h.changeDays.forEach(function (d) {
        var t = make("span", "slider-tick");
        t.style.left = (100 * d / Math.max(1, h.days - 1)) + "%";
        t.setAttribute("data-day", String(d));
        box.appendChild(t);
      });
    }
  }
  function renderChangedToday(h) {
    var box = byId(h, "changedToday"), S = h.analystStrings, d = day();
    clear(box);
    var names = [];
    h.countries.forEach(function (iso3, i) {
      var rows = (h.changes[iso3] || []).filter(function (row) { return row[0] === d; });
      if (rows.length) { names.push({ iso3: iso3, i: i, code: rows[rows.length - 1][1] }); }
    });
    if (!names.length) { box.appendChild(make("span", "changed-none", S.noneChanged)); return; }
    box.appendChild(make("span", "changed-label", S.changedOn + " "));
    var ul = make("ul", "changed-list");
    names.forEach(function (n) {
      var li = make("li");
      var b = make("button", "linklike", h.names[n.i]);
      b.type = "button";
      b.setAttribute("data-iso3", n.iso3);
      b.title = h.labels[n.code];
      b.addEventListener("click", function () { setSelected(n.iso3); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    box.appendChild(ul);
    var long = names.length > CHANGED_SHOWN;
    box.classList.toggle("is-long", long);
    box.classList.toggle("is-open", state.changedOpen === d);
    if (long && state.changedOpen !== d) {
      var more = make("button", "linklike changed-more", fill(S.changedMore, { n: names.length - CHANGED_SHOWN }));
      more.type = "button";
      more.addEventListener("click", function () { state.changedOpen = d; renderChangedToday(h); });
      box.appendChild(more);
    }
  }

  /* ---- weighted shares and the chart's population toggle ---- */
  function renderShares(h) {
    var body = byId(h, "sharesBody"), d = day(), n = h.categories.length;
    var count = new Array(n).fill(0), un = new Array(n).fill(0), pop = new Array(n).fill(0), unAll = 0, popAll = 0;
    h.countries.forEach(function (iso3, i) {
      if (iso3 === h.subject) { return; }
      var c = stanceAt(h, iso3, d).code, p = h.weights.pop[i] || 0;
      count[c] += 1; pop[c] += p; popAll += p;
      if (h.weights.un[i]) { un[c] += 1; unAll += 1; }
    });
    var pct = function (x, all) { return all ? W.fmtNum(100 * x / all, 1) + "%" : "–"; };
    clear(body);
    var order = h.categories.map(function (name, c) { return c; }).filter(function (c) { return c > 0 && c < n - 1; });
    order.concat([0]).forEach(function (c) {
      var name = h.categories[c];
      var tr = make("tr", "share-" + name);
      tr.setAttribute("data-stance", name);
      tr.appendChild(make("th", "", h.labels[c]));
      tr.appendChild(make("td", "", count[c]));
      tr.appendChild(make("td", "", un[c] + " (" + pct(un[c], unAll) + ")"));
      tr.appendChild(make("td", "", W.t("million", { n: W.fmtNum(pop[c] / 1e6, 0) }) + " (" + pct(pop[c], popAll) + ")"));
      body.appendChild(tr);
    });
    byId(h, "sharesSource").textContent = W.t("subject_left_out", { source: h.weights.source, subject: h.labels[n - 1] });
  }
  function chartDiv() { return document.querySelector(W.sel("STANCE_CHART") + " .js-plotly-plot"); }
  /* One value a day (the chart's x0 + dx points) from the change-points sent in the payload. */
  function expand(c, values) {
    var out = new Array(c.length), k = 0;
    for (var d = 0; d < c.length; d++) {
      while (k + 1 < c.days.length && c.days[k + 1] <= d) { k++; }
      out[d] = values[k];
    }
    return out;
  }
  function toggleChart(h) {
    var gd = chartDiv();
    if (!gd || !gd.data) { return; }
    if (!state.chartCounts) { state.chartCounts = { y: gd.data.map(function (t) { return t.y; }) }; }
    state.population = !state.population;
    var c = h.popChart, idx = c.stances.map(function (s, i) { return i; });
    var ys = state.population ? c.stances.map(function (s) { return expand(c, c.population[s]); }) : state.chartCounts.y;
    Plotly.restyle(gd, { y: ys }, idx);  // same days as the counts (x0 + dx), in the chart's trace order
    pressed(h, "chartPopulation", state.population);
    byId(h, "chartPopulation").textContent = state.population ? h.analystStrings.chartCountries : h.analystStrings.chartPopulation;
    gd.setAttribute("data-measure", state.population ? "population" : "countries");
  }

  W.analyst = { state: state, byId: byId, make: make, clear: clear, fill: fill, safeUrl: safeUrl, sourceLink: sourceLink,
    pressed: pressed, day: day, setSelected: setSelected, readUrl: readUrl, writeUrl: writeUrl, applyFilter: applyFilter,
    repaint: repaint, switchers: switchers, transitions: transitions, renderCompare: renderCompare, overlay: overlay,
    renderTicks: renderTicks, renderChangedToday: renderChangedToday, renderShares: renderShares, toggleChart: toggleChart };
}(window.wbwLib = window.wbwLib || {}));
