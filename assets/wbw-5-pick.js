/* Exact picking on the map: the state whose drawn shape is under the pointer wins; a small-state
 * marker takes the pointer only within its own drawn radius; the sea picks nothing. Hover (the
 * tooltip) and click/tap (the panel) use the same pick. Plotly's own nearest-point hover is off
 * (layout.hovermode = false, set in dashboard/figures.py). */
(function (W) {
  "use strict";
  var current = W.current, stanceAt = W.stanceAt, fmtDay = W.fmtDay, lastAtOrBefore = W.lastAtOrBefore;
  var TAP_SLOP_PX = 8;  // a press that moves further than this is a pan, not a pick
  var REVEAL_TRIES = 1200;  // a panel that arrives within a minute (slow networks) is still revealed

  /* The only code here that reads plotly internals. Checked against plotly.js 4.1.1 (the
   * vendored geo bundle, assets/vendor/PROVENANCE.md): trace groups carry their calcdata as
   * `__data__` (cd[0].trace), choropleth paths carry `__data__.loc`, scattergeo points carry
   * `__data__.i`, and the geo subplot's d3 projection maps [lon, lat] to main-svg pixels. */
  var plotlyAdapter = {
    graph: function () { return document.querySelector(W.sel("MAP") + " .js-plotly-plot"); },
    group: function (gd, key) { return W.traceGroup(gd, key); },  // wbw-2-map.js
    /* [{el, iso3}] for every drawn state shape. */
    shapes: function (gd) {
      var g = plotlyAdapter.group(gd, "states");
      if (!g) { return []; }
      return Array.prototype.map.call(g.querySelectorAll("path.choroplethlocation"), function (el) {
        return { el: el, iso3: el.__data__ && el.__data__.loc };
      });
    },
    /* [{el, iso3}] for every drawn small-state marker. */
    markers: function (gd) {
      var g = plotlyAdapter.group(gd, "small");
      if (!g) { return []; }
      var codes = g.__data__[0].trace.customdata || [];
      return Array.prototype.map.call(g.querySelectorAll("path.point"), function (el) {
        return { el: el, iso3: el.__data__ ? codes[el.__data__.i] : undefined };
      });
    },
    /* The ring drawn round a selected small state's marker (wbw-2-selection.js), if any. */
    ringEl: function (gd, create) { return W.selectionRing(gd, create); },
    /* The geo subplot's frame (its background rect): picks outside it are ignored. */
    frame: function (gd) {
      var sp = gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot;
      return sp && sp.bgRect ? sp.bgRect.node() : null;
    }
  };

  function inside(rect, x, y) { return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom; }

  /* ISO3 of the marker whose drawn disc contains (x, y), nearest centre first, or null. */
  function markerAt(gd, x, y) {
    var best = null, bestD = Infinity;
    plotlyAdapter.markers(gd).forEach(function (m) {
      if (!m.iso3 || m.el.style.display === "none") { return; }
      var r = m.el.getBoundingClientRect();
      if (!r.width) { return; }
      var d = Math.hypot(x - (r.left + r.width / 2), y - (r.top + r.height / 2));
      if (d <= r.width / 2 + 0.5 && d < bestD) { best = m.iso3; bestD = d; }
    });
    return best;
  }

  /* A hit-tester over the drawn state shapes: boxes and the screen matrix read once, so many
   * points can be tested cheaply (wbw-7-markers.js tests thousands while placing markers). */
  function shapeIndex(gd) {
    var shapes = plotlyAdapter.shapes(gd).filter(function (s) { return s.iso3; });
    var ctm = shapes.length ? shapes[0].el.getScreenCTM() : null;
    if (!ctm) { return function () { return null; }; }
    var inv = ctm.inverse(), pt = shapes[0].el.ownerSVGElement.createSVGPoint();
    var boxes = shapes.map(function (s) { return s.el.getBBox(); });
    return function (x, y) {
      pt.x = x; pt.y = y;
      var local = pt.matrixTransform(inv);
      for (var i = 0; i < shapes.length; i++) {
        var b = boxes[i];
        if (local.x < b.x || local.x > b.x + b.width || local.y < b.y || local.y > b.y + b.height) { continue; }
        if (shapes[i].el.isPointInFill(local)) { return shapes[i].iso3; }
      }
      return null;
    };
  }

  /* ISO3 of the state shape whose fill contains (x, y), or null. */
  function shapeAt(gd, x, y) { return shapeIndex(gd)(x, y); }

  /* The state under the client point (x, y): a marker's disc, else a shape, else null (sea). */
  function pick(x, y) {
    var gd = plotlyAdapter.graph();
    var frame = gd && plotlyAdapter.frame(gd);
    if (!frame || !inside(frame.getBoundingClientRect(), x, y)) { return null; }
    if (W.hideStaleMarkers) { W.hideStaleMarkers(); }  // wbw-7-markers.js
    return markerAt(gd, x, y) || shapeAt(gd, x, y);
  }

  /* The tooltip: text nodes only (statements are hostile input), never over most of the map. */
  function tipEl() {
    var wrap = document.querySelector(W.sel("MAP"));
    if (!wrap) { return null; }
    var tip = wrap.querySelector(".wbw-tip");
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "wbw-tip";
      tip.setAttribute("aria-hidden", "true");  // the table is the accessible route to the same text
      tip.hidden = true;
      wrap.appendChild(tip);
    }
    return tip;
  }
  function line(tag, text, cls) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (cls) { el.className = cls; }
    return el;
  }
  function fillTip(tip, h, iso3) {
    var i = h.countries.indexOf(iso3);
    var st = stanceAt(h, iso3, current.day);
    var stance = st.since !== null ? W.t("tip_since", { label: h.labels[st.code], date: fmtDay(h, Math.max(st.since, 0)) }) : h.labels[st.code];
    tip.replaceChildren(line("strong", h.names[i], "wbw-tip-name"), line("span", stance, "wbw-tip-stance"));
    var latest = lastAtOrBefore(h.mentions[iso3] || [], current.day);
    if (latest) {
      var ev = h.events[latest[1]];
      tip.appendChild(line("span", fmtDay(h, Math.max(ev[1], 0)) + ": " + ev[2], "wbw-tip-latest"));
    }
    tip.setAttribute("data-iso3", iso3);
  }
  function showTip(x, y, iso3) {
    var tip = tipEl(), h = current.history;
    if (!tip || !h || current.day === null) { return; }
    if (!iso3) { tip.hidden = true; tip.removeAttribute("data-iso3"); return; }
    if (tip.getAttribute("data-iso3") !== iso3 || tip.hidden) { fillTip(tip, h, iso3); }
    tip.hidden = false;
    var host = tip.parentNode.getBoundingClientRect();
    var w = tip.offsetWidth, hgt = tip.offsetHeight;
    var left = x - host.left + 14, top = y - host.top + 14;
    if (left + w > host.width) { left = x - host.left - w - 14; }
    if (top + hgt > host.height) { top = y - host.top - hgt - 14; }
    tip.style.left = Math.max(0, left) + "px";
    tip.style.top = Math.max(0, top) + "px";
  }
  function hideTip() { var tip = tipEl(); if (tip) { tip.hidden = true; tip.removeAttribute("data-iso3"); } }

  /* After a tap or click opens a panel that is off screen (phones: it sits below the map), bring
   * it into view once its content has arrived, unless the reader has pressed, scrolled or typed since:
   * the page never moves under a finger that is already on its way to the next country. */
  var reveal = null;
  function revealPanel(iso3) {
    var wrap = W.byId("PANEL_WRAP");
    var body = W.byId("COUNTRY_PANEL");
    window.clearTimeout(reveal);
    if (!wrap || !body) { return; }
    var name = current.history.names[current.history.countries.indexOf(iso3)];
    var tries = 0;
    (function check() {
      reveal = null;
      var h2 = body.querySelector("h2");
      if (!wrap.hidden && h2 && h2.textContent === name) {
        var r = wrap.getBoundingClientRect();
        if (r.top < 0 || r.top > window.innerHeight - 80) {
          wrap.scrollIntoView({ block: "start", behavior: W.reducedMotion() ? "auto" : "smooth" });
        }
        return;
      }
      if (++tries < REVEAL_TRIES) { reveal = window.setTimeout(check, 50); }
    }());
  }
  function cancelReveal() { window.clearTimeout(reveal); reveal = null; }
  ["wheel", "keydown"].forEach(function (type) { document.addEventListener(type, cancelReveal, { capture: true, passive: true }); });

  function select(iso3) {
    W.dc().set_props(W.ids.SELECTED, { data: iso3 });
    revealPanel(iso3);
  }

  var press = null, moveFrame = null;
  function onMap(e) { return !!(e.target && e.target.closest && e.target.closest(W.sel("MAP"))); }

  document.addEventListener("pointermove", function (e) {
    if (e.pointerType === "touch" || !onMap(e)) { return; }
    if (press && press.id === e.pointerId && e.buttons) { hideTip(); return; }  // panning
    var x = e.clientX, y = e.clientY;
    if (moveFrame) { window.cancelAnimationFrame(moveFrame); }
    moveFrame = window.requestAnimationFrame(function () {
      moveFrame = null;
      var iso3 = pick(x, y);
      showTip(x, y, iso3);
      var gd = plotlyAdapter.graph();
      if (gd) { gd.classList.toggle("wbw-over-state", !!iso3); }
    });
  }, true);
  document.addEventListener("pointerout", function (e) {
    if (onMap(e) && !(e.relatedTarget && e.relatedTarget.closest && e.relatedTarget.closest(W.sel("MAP")))) { hideTip(); }
  }, true);
  document.addEventListener("pointerdown", function (e) {
    cancelReveal();
    if (!onMap(e) || (e.pointerType === "mouse" && e.button !== 0)) { press = null; return; }
    var gd = plotlyAdapter.graph(), at = gd ? gd.getBoundingClientRect() : null;
    press = { id: e.pointerId, x: e.clientX, y: e.clientY, left: at ? at.left : 0, top: at ? at.top : 0 };
  }, true);
  document.addEventListener("pointercancel", function () { press = null; }, true);
  document.addEventListener("pointerup", function (e) {
    var p = press;
    press = null;
    if (!p || p.id !== e.pointerId || !current.history) { return; }
    if (Math.hypot(e.clientX - p.x, e.clientY - p.y) > TAP_SLOP_PX) { return; }
    /* The map itself moved under the finger (the page was still scrolling): not a tap on it. */
    var gd = plotlyAdapter.graph(), at = gd ? gd.getBoundingClientRect() : null;
    if (at && Math.hypot(at.left - p.left, at.top - p.top) > TAP_SLOP_PX) { return; }
    var iso3 = pick(p.x, p.y);
    if (e.pointerType === "touch") { hideTip(); }
    if (iso3) { select(iso3); }
  }, true);

  /* Two taps or clicks on two countries in quick succession are two picks, never a zoom or a
   * reset: plotly's geo zoom (d3 v3) zooms in on any second one-finger touch within 500 ms of the
   * last, wherever it lands, and resets the view (to the page's first one, not the region shown)
   * on a double click, which the browser also makes of two quick taps. Such a touch is kept from
   * it (it still picks, by pointer events); a pinch, or a touch after a pause, pans and zooms as
   * before; the modebar and the region buttons reset the view. */
  document.addEventListener("dblclick", function (e) { if (onMap(e)) { e.stopPropagation(); } }, true);
  var DOUBLE_TAP_MS = 550, lastTouch = -Infinity;
  document.addEventListener("touchstart", function (e) {
    if (e.touches.length !== 1 || !onMap(e)) { return; }
    if (e.timeStamp - lastTouch < DOUBLE_TAP_MS) { e.stopPropagation(); return; }
    lastTouch = e.timeStamp;
  }, { capture: true, passive: true });

  /* For tests and benchmarks: the same pick the pointer uses. */
  window.wbwPick = pick;
  Object.assign(W, { plotlyAdapter: plotlyAdapter, pick: pick, shapeAt: shapeAt, shapeIndex: shapeIndex });
}(window.wbwLib = window.wbwLib || {}));
