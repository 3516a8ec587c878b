/* The map and the counts chart: recolour drawn shapes in place, keep plotly in sync, move the
 * chart's date line. No server requests. */
(function (W) {
  "use strict";
  var DAY_MS = W.DAY_MS, current = W.current, startMs = W.startMs, stanceAt = W.stanceAt, fmtDay = W.fmtDay, lastAtOrBefore = W.lastAtOrBefore, esc = W.esc, wrap = W.wrap, copy = W.copy;

  function hoverText(h, i, st, day) {
    var iso3 = h.countries[i];
    var out = "<b>" + esc(h.names[i]) + "</b><br>" + esc(h.labels[st.code]);
    if (st.since !== null) { out += " since " + esc(fmtDay(h, Math.max(st.since, 0))); }
    var latest = lastAtOrBefore(h.mentions[iso3] || [], day);
    if (latest) {
      var ev = h.events[latest[1]];
      out += "<br><i>" + esc(W.fmtEvent(h, ev)) + ":</i> " + wrap(ev[2], 48);
    }
    return out;
  }


  function graphDiv() { return document.querySelector(W.sel("MAP") + " .js-plotly-plot"); }
  /* The figure's trace order and names come from Python (history.traces: key → {index, name}). */
  function traces() { return current.history ? current.history.traces : null; }
  function drawn(gd) {
    var t = traces();
    return !!(t && gd && gd._fullData && gd._fullData.length === Object.keys(t).length && gd.querySelector(".choroplethlocation"));
  }
  function traceIndex(key) { return traces()[key].index; }
  /* The drawn group of the trace with this key (plotly keeps each group's calcdata as __data__). */
  function traceGroup(gd, key) {
    var t = traces(), name = t && t[key] ? t[key].name : null;
    var groups = name ? gd.querySelectorAll(".geo g.trace") : [];
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
    var markers = base.data[h.traces.small.index].customdata;
    return {
      h: h, day: day, z: z, stances: text, byIso: byIso,
      markerColours: markers.map(function (iso3) { return h.colours[z[byIso[iso3]]]; }),
      markerIso: markers
    };
  }
  function hoverTexts(f) {
    return f.stances.map(function (st, i) { return hoverText(f.h, i, st, f.day); });
  }

  function fullFigure(base, f) {
    var data = base.data.slice(), t = f.h.traces;
    var text = hoverTexts(f);
    var with_ = function (key, props) { data[t[key].index] = Object.assign({}, data[t[key].index], props); };
    // copies: plotly's data is brought up to date in place later (syncData), frames stay as made
    with_("states", { z: f.z.slice(), text: text });
    with_("small", {
      marker: Object.assign({}, data[t.small.index].marker, { color: f.markerColours.slice() }),
      text: f.markerIso.map(function (iso3) { return text[f.byIso[iso3]]; })
    });
    return { data: data, layout: W.regionLayout(f.h, copy(base.layout)) };
  }

  /* The stance patterns (markup from Python, theme.svg_pattern_defs) inside plotly's own SVG. */
  var SVG_NS = "http://www.w3.org/2000/svg";
  function ensurePatterns(gd, h) {
    var svg = gd.querySelector("svg.main-svg");
    if (!svg || svg.querySelector("pattern[id^='wbw-pat-']")) { return; }
    var parsed = new DOMParser().parseFromString('<svg xmlns="' + SVG_NS + '">' + h.patternDefs + "</svg>", "image/svg+xml");
    var defs = svg.querySelector("defs") || svg.insertBefore(document.createElementNS(SVG_NS, "defs"), svg.firstChild);
    Array.prototype.forEach.call(parsed.querySelectorAll("pattern"), function (pat) {
      defs.appendChild(document.importNode(pat, true));
    });
  }

  /* Set one element's fill only when it differs from what it shows (the inline value is read
   * back, so a fill plotly wrote over ours since is noticed): a step that recolours a few states
   * invalidates the style of those few elements, not of every shape on the map. */
  function setFill(el, fill) {
    var last = el.__wbwFill;
    if (last && last[0] === fill && last[1] === el.style.fill) { return; }
    el.style.fill = fill;
    el.__wbwFill = [fill, el.style.fill];
  }

  /* Recolour the drawn shapes and markers in place: colour plus pattern (h.fills). */
  function paint(gd, f) {
    var fills = f.h.fills;
    current.frame = f;
    ensurePatterns(gd, f.h);
    var states = traceGroup(gd, "states");
    if (states) {
      Array.prototype.forEach.call(states.querySelectorAll("path.choroplethlocation"), function (el) {
        var i = el.__data__ ? f.byIso[el.__data__.loc] : undefined;
        if (i !== undefined) { setFill(el, fills[f.z[i]]); }
      });
    }
    var small = traceGroup(gd, "small");
    if (small) {
      Array.prototype.forEach.call(small.querySelectorAll("path.point"), function (el, k) {
        setFill(el, fills[f.z[f.byIso[f.markerIso[k]]]]);
      });
    }
    watchRedraws(gd);
  }

  function noop() {}

  /* Recolour the drawn map for `day` at once, before Dash's round of callbacks, so that the very
   * next frame shows the step (keyboard, drag, play). The date callback then finds it done.
   * Returns whether it painted (false before plotly has drawn the map). */
  function paintNow(day) {
    var gd = graphDiv(), h = current.history;
    if (!h || !current.base || !drawn(gd)) { return false; }
    /* Ask for the next frame before computing it: a frame that starts while this task still runs
     * then shows the step (the fills below are written before it can render). */
    window.requestAnimationFrame(noop);
    var frame = frameFor(h, current.base, day, current.selected);
    paint(gd, frame);
    current.paintedNow = { day: day, selected: current.selected, frame: frame };
    return true;
  }

  /* Plotly restyles with plain colours whenever it redraws (zoom, region, resize): paint the
   * patterns back before that frame is shown, and move the selected state's outline with it. */
  function watchRedraws(gd) {
    if (!gd.on || !gd._ev) { return; }
    if (gd.__wbwAgain && gd._ev.listeners("plotly_afterplot").indexOf(gd.__wbwAgain) >= 0) { return; }
    // (again after Plotly.newPlot/purge, which drop every listener)
    gd.__wbwAgain = function () {
      if (!drawn(gd)) { return; }
      if (current.frame) { paint(gd, current.frame); }
      W.drawOutline(gd);  // the outline follows the shapes (a step never moves them: not in paint)
      // plotly may move the shapes after its event (a resize): again before that frame
      window.requestAnimationFrame(function () { if (drawn(gd)) { W.drawOutline(gd); } });
    };
    gd.on("plotly_afterplot", gd.__wbwAgain);
    gd.on("plotly_restyle", gd.__wbwAgain);
    gd.on("plotly_relayout", gd.__wbwAgain);
    gd.on("plotly_autosize", gd.__wbwAgain);  // a resize (the panel opening beside the map)
    gd.on("plotly_relayouting", function () { W.drawOutline(gd); });  // panning moves the shapes
  }

  /* The first figure is drawn by dcc.Graph: paint it once plotly has drawn the shapes. */
  function paintWhenDrawn(f, tries) {
    var gd = graphDiv();
    if (drawn(gd)) { paint(gd, f); W.drawOutline(gd); return; }
    if (tries > 0) { window.requestAnimationFrame(function () { paintWhenDrawn(current.frame || f, tries - 1); }); }
  }

  /* Once the viewer pauses, bring plotly's own data (z, text, marker colours) in line with what
   * is painted, in place: the takeover, the tests and any later plotly redraw read it. No restyle:
   * that redraws every shape and then every small-state marker is placed again, 150-300 ms each
   * on a slow machine, which a reader's next key or tap would wait behind. */
  function copyInto(target, values) {
    for (var i = 0; i < values.length; i++) { target[i] = values[i]; }
  }
  function syncData(gd, f) {
    var states = gd.data[traceIndex("states")], small = gd.data[traceIndex("small")];
    if (!states || !small || states.z.length !== f.z.length) { return; }
    var text = hoverTexts(f);
    copyInto(states.z, f.z);
    copyInto(states.text, text);
    copyInto(small.marker.color, f.markerColours);
    copyInto(small.text, f.markerIso.map(function (iso3) { return text[f.byIso[iso3]]; }));
  }
  function scheduleSync(gd, f) {
    window.clearTimeout(current.syncTimer);
    current.syncTimer = window.setTimeout(function () { syncData(gd, f); }, 250);
  }

  /* The chart's date line is a positioned element over the plot area: moving it costs no replot. */
  function moveChartLine(h, day) {
    var gd = document.querySelector(W.sel("STANCE_CHART") + " .js-plotly-plot");
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


  Object.assign(W, { hoverText: hoverText, graphDiv: graphDiv, drawn: drawn, traceGroup: traceGroup, traceIndex: traceIndex, frameFor: frameFor, fullFigure: fullFigure, paint: paint, paintNow: paintNow, paintWhenDrawn: paintWhenDrawn, scheduleSync: scheduleSync, placeChartLine: placeChartLine });
}(window.wbwLib = window.wbwLib || {}));
