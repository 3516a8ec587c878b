/* Clientside callbacks (namespace `wbw`): every date change is answered here, with zero server
 * requests. Heavy lifting (validation, timeline) happens in Python; the browser only looks up the
 * precomputed change-points that arrive once in the `history` store. */
(function (W) {
  "use strict";
  var ISO3_RE = W.ISO3_RE, current = W.current, dc = W.dc, nu = W.nu, reducedMotion = W.reducedMotion, dayToIso = W.dayToIso, isoToDay = W.isoToDay, fmtDay = W.fmtDay, clampDay = W.clampDay, stanceAt = W.stanceAt, triggered = W.triggered, parseSearch = W.parseSearch, syncUrl = W.syncUrl, countsOn = W.countsOn, stepFrom = W.stepFrom, setDay = W.setDay, graphDiv = W.graphDiv, drawn = W.drawn, frameFor = W.frameFor, fullFigure = W.fullFigure, paint = W.paint, scheduleSync = W.scheduleSync, placeChartLine = W.placeChartLine, tableShown = W.tableShown, tableRows = W.tableRows, rowComponent = W.rowComponent, markSort = W.markSort;

  var ns = {
    urlState: function (search, value, selected, h) {
      if (!h) { return [nu(), nu(), nu()]; }
      var trig = triggered();
      if (!current.urlRead || trig.indexOf(W.ids.URL + ".search") >= 0 || value === null || value === undefined) {
        current.urlRead = true;
        var st = parseSearch(h, window.location.search);
        return [
          st.day === value ? nu() : st.day,
          st.country === (selected || null) ? nu() : st.country,  // no panel request when none is asked for
          st.embed ? "root embed" : "root"
        ];
      }
      syncUrl(h, value, selected, trig.indexOf(W.ids.SELECTED + ".data") >= 0);
      return [nu(), nu(), nu()];
    },

    /* Date or selection → map. The first call hands dcc.Graph a whole figure; afterwards the
     * existing paths are recoloured in place (a few ms) and plotly's own data is brought in line
     * with one restyle once the viewer pauses, so hover text and redraws stay correct. */
    mapFigure: function (value, selected, h, base) {
      if (!h || !base || value === null || value === undefined) { return nu(); }
      current.day = value;
      current.history = h;
      current.base = base;
      var gd = graphDiv();
      var frame = frameFor(h, base, value, selected);
      if (!drawn(gd)) {
        current.selected = selected || null;
        current.frame = frame;
        window.requestAnimationFrame(function () { W.paintWhenDrawn(frame, 600); });
        return fullFigure(base, frame);
      }
      var early = current.paintedNow;  // a step W.paintNow already put on screen needs no repaint
      current.paintedNow = null;
      if ((selected || null) !== current.selected) {
        current.selected = selected || null;
        W.drawOutline(gd);  // the ring follows on wbw:painted (wbw-7-markers.js)
      }
      if (!early || early.day !== value || early.selected !== (selected || null) || current.frame !== early.frame) { paint(gd, frame); }
      window.dispatchEvent(new CustomEvent("wbw:painted", { detail: value }));
      scheduleSync(gd, frame);
      return nu();
    },

    /* Date → date text, the chart's date line and the legend counts (order and ids: h.legend, h.countIds). */
    summary: function (value, h) {
      if (!h || value === null || value === undefined) { return nu(); }
      placeChartLine(h, value, 50);
      W.labelSlider(h, value, 40);
      W.setLegendCounts(h, countsOn(h, value));
      return fmtDay(h, value);
    },

    /* Date, filter, sort or opening → the table's rows (only while it is open) and CSV link. */
    table: function (value, filter, sortClicks, opened, h) {
      if (!h || value === null || value === undefined) { return [nu(), nu()]; }
      var href = "api/stances.csv?date=" + dayToIso(h, value);
      if (!tableShown()) { return [nu(), href]; }
      triggered().forEach(function (prop) {
        if (prop.indexOf('"type":' + JSON.stringify(W.ids.SORT)) >= 0) {
          var col = JSON.parse(prop.slice(0, prop.lastIndexOf("."))).col;
          current.sort = { col: col, dir: current.sort.col === col ? -current.sort.dir : 1 };
        }
      });
      var rows = tableRows(h, value, filter || "", current.sort);
      window.requestAnimationFrame(markSort);
      return [rows.map(rowComponent), href];
    },

    select: function (rowClicks, closeClicks) {
      var ctx = dc().callback_context;
      var trig = ctx && ctx.triggered ? ctx.triggered : [];
      for (var i = 0; i < trig.length; i++) {
        var prop = trig[i].prop_id;
        if (prop === W.ids.PANEL_CLOSE + ".n_clicks") { return null; }
        if (prop.indexOf('"type":' + JSON.stringify(W.ids.TABLE_ROW)) >= 0 && trig[i].value > 0) {
          return JSON.parse(prop.slice(0, prop.lastIndexOf("."))).iso3;
        }
      }
      return nu();
    },

    step: function (prev, next, chartClick, ticks, value, h) {
      if (!h) { return nu(); }
      var trig = triggered();
      if (trig.indexOf(W.ids.PREV_CHANGE + ".n_clicks") >= 0) { var p = stepFrom(h, value, -1); return p === null ? nu() : p; }
      if (trig.indexOf(W.ids.NEXT_CHANGE + ".n_clicks") >= 0) { var q = stepFrom(h, value, 1); return q === null ? nu() : q; }
      if (trig.indexOf(W.ids.STANCE_CHART + ".clickData") >= 0 && chartClick && chartClick.points && chartClick.points.length) {
        var d = isoToDay(h, String(chartClick.points[0].x).slice(0, 10));
        return d === null ? nu() : d;
      }
      if (trig.indexOf(W.ids.PLAY_TIMER + ".n_intervals") >= 0) {
        var nextDay;
        if (reducedMotion()) {
          if (ticks % 15 !== 0) { return nu(); }
          nextDay = stepFrom(h, value, 1);
        } else {
          nextDay = value + 1;
        }
        if (nextDay === null || nextDay >= h.days - 1) {
          dc().set_props(W.ids.PLAY_TIMER, { disabled: true });
          dc().set_props(W.ids.PLAY, { children: W.t("play"), "aria-pressed": "false" });
          return h.days - 1;
        }
        return nextDay;
      }
      return nu();
    },

    play: function (clicks, value, h) {
      var timer = W.byId("PLAY");
      var playing = timer && timer.getAttribute("aria-pressed") === "true";
      if (playing) { return [true, W.t("play"), "false"]; }
      if (h && value >= h.days - 1) { setDay(0, true); }  // before the timer's first tick reads it
      return [false, W.t("pause"), "true"];
    },

    /* Date / selection / panel content → "why this colour", the highlighted statement (see
     * wbw-6-panel.js) and the panel's visibility. */
    why: function (value, selected, children, h) {
      if (!h || !selected) { W.panelState(null, null); return ["", true]; }
      var info = W.explain(h, selected, value);
      W.panelState(selected, info);
      return [info.text, false];
    }
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside, { wbw: ns });

  /* Keyboard on the slider: arrows ±1 day, PageUp/PageDown ±1 week (Shift: ±30 days), Home/End. */
  var KEYS = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1, PageUp: 7, PageDown: -7 };
  window.addEventListener("keydown", function (e) {
    var h = current.history;
    if (!h || !e.target || !e.target.closest || !e.target.closest(W.sel("DATE_SLIDER"))) { return; }
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
    dc().set_props(W.ids.DATE_SLIDER, { value: st.day });
    dc().set_props(W.ids.SELECTED, { data: st.country });
  });

  /* For tests and benchmarks: the pure helpers and the history the page received, once the app
   * is the page the reader sees (it has replaced the server-drawn copy: html.wbw-live). */
  window.wbwInternals = { stanceAt: stanceAt, isoToDay: isoToDay, dayToIso: dayToIso, parseSearch: parseSearch };
  window.wbwHistory = function () {
    return document.documentElement.classList.contains("wbw-live") ? current.history : null;
  };
}(window.wbwLib = window.wbwLib || {}));
