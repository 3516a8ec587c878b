/* Analyst tools, part 2: story mode, basis labels in the panel, cite and export, and the wiring
 * (clicks, the compare date, back/forward, repaint after every date change). */
(function (W) {
  "use strict";
  var A = W.analyst, current = W.current, fmtDay = W.fmtDay, dayToIso = W.dayToIso, isoToDay = W.isoToDay, stanceAt = W.stanceAt;
  var state = A.state, byId = A.byId, make = A.make, fill = A.fill, safeUrl = A.safeUrl, pressed = A.pressed, day = A.day,
    setSelected = A.setSelected, readUrl = A.readUrl, writeUrl = A.writeUrl;
  /* ---- story ---- */
  function renderStory(h) {
    var box = byId(h, "storyBox"), S = h.analystStrings;
    box.hidden = state.story === null;
    if (state.story === null) { return; }
    var st = h.story[state.story];
    byId(h, "storyStep").textContent = fill(S.storyStep, { i: state.story + 1, n: h.story.length });
    byId(h, "storyTitle").textContent = st.title;
    byId(h, "storyCaption").textContent = st.caption;
    var a = byId(h, "storySource"), safe = safeUrl(st.sourceUrl);
    a.textContent = S.source + ": " + st.sourceName;
    if (safe) { a.href = safe; } else { a.removeAttribute("href"); }
    byId(h, "storyPrev").disabled = state.story === 0;
    byId(h, "storyNext").disabled = state.story === h.story.length - 1;
  }
  function goStep(h, i, push) {
    state.story = Math.max(0, Math.min(h.story.length - 1, i));
    var st = h.story[state.story];
    writeUrl(h, push);
    if (st.region && W.applyRegion && st.region !== current.region) { W.applyRegion(st.region, false); }
    W.setDay(st.day, true);  // with the country, in one round of Dash callbacks
    setSelected(st.country || null);
    renderStory(h);
  }

  /* ---- basis labels on the panel's statements ---- */
  function labelPanel(h) {
    var panel = W.byId("COUNTRY_PANEL");
    if (!panel) { return; }
    if (!h.eventIndex) {
      h.eventIndex = {};
      h.events.forEach(function (ev, i) { h.eventIndex[ev[0]] = i; });
    }
    Array.prototype.forEach.call(panel.querySelectorAll("li[data-event-id]"), function (li) {
      if (li.querySelector(".ev-basis")) { return; }
      var i = h.eventIndex[li.getAttribute("data-event-id")];
      if (i === undefined) { return; }
      var basis = h.eventInfo[i][0];
      var tag = make("span", "ev-basis ev-basis-" + basis, h.basisLabels[basis] || basis);
      tag.setAttribute("data-basis", basis);
      li.insertBefore(tag, li.firstChild);
    });
  }

  /* ---- the panel's strip of the country's stance runs, with the selected date marked ---- */
  function runsOf(h, iso3) {
    var runs = [], rows = h.changes[iso3] || [];
    var push = function (from, code) {
      var last = runs[runs.length - 1];
      if (last && last.code === code) { return; }
      if (last) { last.to = from; }
      runs.push({ from: from, to: h.days, code: code });
    };
    push(0, 0);
    rows.forEach(function (r) { push(Math.max(0, r[0]), r[1]); });
    return runs.filter(function (r) { return r.to > r.from; });
  }
  function renderRuns(h) {
    var wrap = W.byId("PANEL_WRAP"), panel = W.byId("COUNTRY_PANEL");
    var strip = byId(h, "runs"), iso3 = current.selected;
    if (!wrap || !panel) { return; }
    if (!strip) {
      strip = make("div", "runs-strip");
      strip.id = h.analystIds.runs;
      strip.setAttribute("role", "img");
      wrap.insertBefore(strip, panel);
    }
    A.clear(strip);
    strip.hidden = !iso3 || iso3 === h.subject || h.countries.indexOf(iso3) < 0;
    if (strip.hidden) { return; }
    var runs = runsOf(h, iso3), words = [];
    runs.forEach(function (r) {
      var seg = make("span", "run run-" + h.categories[r.code]);
      seg.style.left = (100 * r.from / h.days) + "%";
      seg.style.width = (100 * (r.to - r.from) / h.days) + "%";
      seg.style.background = h.colours[r.code];
      var span = h.labels[r.code] + ": " + fmtDay(h, r.from) + " – " + fmtDay(h, r.to - 1);
      seg.title = span;
      seg.setAttribute("data-stance", h.categories[r.code]);
      words.push(span);
      strip.appendChild(seg);
    });
    var now = make("span", "run-now");
    now.style.left = (100 * (day() + 0.5) / h.days) + "%";
    strip.appendChild(now);
    strip.setAttribute("aria-label", words.join("; ") + ". " + fmtDay(h, day()) + " marked.");
  }

  /* ---- cite and export ---- */
  function citeText(h) {
    var S = h.analystStrings, parts = [document.title + ".", "who-backs-whom, " + S.dataVersion + " " + h.dataVersion];
    var updated = W.byId("DATA_UPDATED");
    if (updated && updated.textContent) { parts[1] += " (" + updated.textContent.trim() + ")"; }
    parts[1] += ".";
    var view = W.t("view_of", { date: fmtDay(h, day()) });
    if (state.comparing && state.compare !== null) { view += ", " + S.comparedWith + " " + fmtDay(h, state.compare); }
    if (state.own) { view += ", " + S.ownOnly; }
    parts.push(view + ".");
    parts.push(window.location.href);
    return parts.join(" ");
  }
  var COLUMNS = ["iso3", "name", "stance", "stance_label", "since", "basis_mode", "statement_id", "statement_date",
    "actor", "basis", "statement", "quote", "source_name", "source_url"];
  function viewRows(h) {
    var d = day();
    return h.countries.map(function (iso3, i) {
      var st = stanceAt(h, iso3, d), latest = W.lastAtOrBefore(h.mentions[iso3] || [], d);
      var ev = latest ? h.events[latest[1]] : null, info = latest ? h.eventInfo[latest[1]] : null;
      return {
        iso3: iso3, name: h.names[i], stance: h.categories[st.code], stance_label: h.labels[st.code],
        since: st.since === null ? "" : dayToIso(h, Math.max(st.since, 0)), basis_mode: state.own ? "own" : "all",
        statement_id: ev ? ev[0] : "", statement_date: ev ? dayToIso(h, Math.max(ev[1], 0)) : "",
        actor: info ? info[1] : "", basis: info ? info[0] : "", statement: ev ? ev[2] : "",
        quote: info ? info[2] : "", source_name: info ? info[3] : "", source_url: info ? info[4] : ""
      };
    });
  }
  function csvCell(h, v) {
    var s = String(v === null || v === undefined ? "" : v);
    if (s && h.csvFormulaStart.indexOf(s.charAt(0)) >= 0) { s = "'" + s; }  // never a formula (dashboard/csvcells.py)
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = make("a");
    a.href = url; a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  function exportView(h, fmt) {
    var rows = viewRows(h), stem = "who-backs-whom-" + dayToIso(h, day());
    if (fmt === "json") {
      download(stem + ".json", "application/json", JSON.stringify({ cite: citeText(h), date: dayToIso(h, day()), dataVersion: h.dataVersion, countries: rows }, null, 1));
    } else {
      var lines = [COLUMNS.join(",")].concat(rows.map(function (r) { return COLUMNS.map(function (c) { return csvCell(h, r[c]); }).join(","); }));
      download(stem + ".csv", "text/csv", lines.join("\n") + "\n");
    }
  }

  /* ---- wiring ---- */
  function update() {
    var h = current.history;
    if (!h || !h.analystIds || day() === null) { return; }
    if (A.applyFilter(h)) { A.repaint(h); }
    pressed(h, "ownOnly", state.own);
    A.renderCompare(h);
    A.overlay(h);
    A.renderChangedToday(h);
    A.renderShares(h);
    renderStory(h);
    A.renderTicks(h);
    renderRuns(h);
    byId(h, "citeText").textContent = citeText(h);
  }
  function onClick(e) {
    var h = current.history, t = e.target && e.target.closest ? e.target.closest("button") : null;
    if (!h || !h.analystIds || !t) { return; }
    var I = h.analystIds;
    if (t.id === I.compareToggle) {
      if (!state.comparing && state.compare === null) { state.compare = isoToDay(h, byId(h, "compareDate").value || "") ; }
      if (!state.comparing && state.compare === null) { state.compare = 0; }
      state.comparing = !state.comparing;
      if (state.comparing) { byId(h, "compareDate").value = dayToIso(h, state.compare); }
      writeUrl(h, true);
    } else if (t.id === I.ownOnly) {
      state.own = !state.own;
      writeUrl(h, true);
    } else if (t.id === I.storyStart) {
      goStep(h, 0, true); return;
    } else if (t.id === I.storyNext && state.story !== null) {
      goStep(h, state.story + 1, true); return;
    } else if (t.id === I.storyPrev && state.story !== null) {
      goStep(h, state.story - 1, true); return;
    } else if (t.id === I.storyExit) {
      state.story = null;
      writeUrl(h, true);
    } else if (t.id === I.chartPopulation) {
      A.toggleChart(h); return;
    } else if (t.id === I.exportCsv || t.id === I.exportJson) {
      exportView(h, t.id === I.exportJson ? "json" : "csv"); return;
    } else { return; }
    update();
  }
  function onChange(e) {
    var h = current.history;
    if (!h || !h.analystIds || !e.target || e.target.id !== h.analystIds.compareDate) { return; }
    var d = isoToDay(h, e.target.value || "");
    if (d === null) { return; }
    state.compare = d;
    state.comparing = true;
    writeUrl(h, true);
    update();
  }
  /* A plain date input (outside React's control), limited to the slider's range. */
  function dateInput(h) {
    var slot = byId(h, "compareSlot");
    if (!slot || byId(h, "compareDate")) { return; }
    var input = make("input", "compare-date");
    input.type = "date";
    input.id = h.analystIds.compareDate;
    input.min = dayToIso(h, 0);
    input.max = dayToIso(h, h.days - 1);
    slot.appendChild(input);
  }
  function start() {
    var h = current.history, gd = W.graphDiv();
    if (!h || !h.analystIds || !W.drawn(gd) || day() === null) { window.setTimeout(start, 100); return; }
    readUrl(h);
    dateInput(h);
    if (state.compare !== null) { byId(h, "compareDate").value = dayToIso(h, state.compare); }
    if (state.story !== null) { goStep(h, state.story, false); }
    state.ready = true;
    update();
    gd.on("plotly_afterplot", function () { A.overlay(current.history); });
    gd.on("plotly_restyle", function () { A.overlay(current.history); });
    var panel = W.byId("COUNTRY_PANEL");
    if (panel) { new MutationObserver(function () { labelPanel(current.history); }).observe(panel, { childList: true, subtree: true }); }
    labelPanel(h);
  }
  /* after mapFigure has finished (it records the selection after dispatching this event) */
  window.addEventListener("wbw:painted", function () { if (state.ready) { window.setTimeout(update, 0); } });
  window.addEventListener("popstate", function () {
    var h = current.history;
    if (!h || !state.ready) { return; }
    readUrl(h);
    if (state.compare !== null) { byId(h, "compareDate").value = dayToIso(h, state.compare); }
    if (state.story !== null) { renderStory(h); }
    window.setTimeout(update, 0);
  });
  window.addEventListener("resize", function () { if (state.ready) { A.renderTicks(current.history); } });
  document.addEventListener("click", onClick);
  document.addEventListener("change", onChange);
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }

  window.wbwAnalyst = { state: state, switchers: A.switchers, transitions: A.transitions, viewRows: viewRows, citeText: citeText };
}(window.wbwLib = window.wbwLib || {}));
