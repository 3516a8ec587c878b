/* Small-state markers decided from drawn pixels. After every redraw (zoom, pan, region, resize)
 * a candidate marker (dashboard/figures.py: the "small states" trace) is shown only if its
 * state's largest part, as drawn now, cannot hold a HIT_PX disc. Shown markers keep SPACING_PX
 * between centres (WCAG 2.5.8's spacing rule) and never cover a neighbour's interior: a marker
 * that would is moved to the nearest free spot (sea, or its own shape) with a leader line back
 * to its state. Picking (wbw-5-pick.js) reads the markers' drawn discs. */
(function (W) {
  "use strict";
  var current = W.current, A = W.plotlyAdapter;
  var HIT_PX = 4;         // drawn inradius at or above which a shape is easy to hit by itself
  var SPACING_PX = 24;    // minimum distance between two marker centres
  var RINGS = [0, 14, 22, 30, 40, 52, 66, 82, 100];
  var NARROW_PX = 640;        // on a narrower map's world view, long leader lines would cross the
  var NARROW_RING_PX = 40;    // whole map: markers stay this close, the rest wait for region views
  var ANGLES = 12;
  var layoutKey = null, timer = null, placed = {}, hidden = [], lastMs = 0;

  /* The geo subplot's projection and the main svg's client origin (plotly.js 4.1.1, see the
   * adapter in wbw-5-pick.js). */
  function projector(gd) {
    var sp = gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot;
    var svg = gd.querySelector(".main-svg");
    if (!sp || !sp.projection || !svg) { return null; }
    var o = svg.getBoundingClientRect();
    return { svg: svg, ox: o.left, oy: o.top, p: sp.projection,
      key: JSON.stringify([sp.projection.scale(), sp.projection.translate(), sp.projection.rotate(), o.width, o.height]) };
  }

  /* Client pixels of a lon/lat, or null when it is on the far side of the globe. */
  function toClient(pr, lon, lat) {
    var xy = pr.p([lon, lat]);
    return xy && isFinite(xy[0]) ? [pr.ox + xy[0], pr.oy + xy[1]] : null;
  }

  /* A CSS transform replaces the point's own transform attribute (plotly's translate in main-svg
   * pixels), so it carries the whole position. */
  function translate(xy) { return "translate(" + xy[0].toFixed(1) + "px," + xy[1].toFixed(1) + "px)"; }

  function leaderLayer(gd) {
    var layer = gd.querySelector("svg.wbw-leaders");
    if (!layer) {
      layer = document.createElementNS("http://www.w3.org/2000/svg", "svg");
      layer.setAttribute("class", "wbw-leaders");
      layer.setAttribute("aria-hidden", "true");
      gd.appendChild(layer);
    }
    return layer;
  }

  /* Is a disc at (x, y) free of every neighbour's interior? Centre and six rim points. */
  function discFree(hitTest, iso3, x, y, r) {
    for (var k = -1; k < 6; k++) {
      var px = k < 0 ? x : x + r * Math.cos(k * Math.PI / 3), py = k < 0 ? y : y + r * Math.sin(k * Math.PI / 3);
      var hit = hitTest(px, py);
      if (hit && hit !== iso3) { return false; }
    }
    return true;
  }

  /* Markers are only ever shown (and picked) where place() put them for the map as drawn now:
   * while a placement is pending, a marker plotly has put back on its point, or one placed for
   * another zoom or size, is hidden, with the leader lines and the selection ring. */
  function unplaced(m) { return !m.el.style.transform && m.el.style.display !== "none"; }
  function hideStale(gd) {
    var pr = projector(gd), moved = !pr || pr.key !== layoutKey, stale = 0;
    A.markers(gd).forEach(function (m) {
      if (moved || unplaced(m)) { stale += m.el.style.display !== "none"; m.el.style.display = "none"; }
    });
    if (stale && timer === null) { schedule(30); }
    if (!moved) { return; }
    layoutKey = null;
    placed = {};
    var ring = A.ringEl(gd);
    if (ring) { ring.style.display = "none"; }
    var layer = gd.querySelector("svg.wbw-leaders");
    if (layer) { layer.replaceChildren(); }
  }

  /* Decide, place and draw the markers for the map as it is drawn now. */
  function place() {
    timer = null;
    var t0 = performance.now();
    var gd = A.graph(), h = current.history;
    var pr = gd && h && h.poles ? projector(gd) : null;
    var markers = pr ? A.markers(gd) : [];
    if (!markers.length) { return; }
    var frame = A.frame(gd).getBoundingClientRect();
    var taken = [], leaders = [], anchors = {}, hitTest = W.shapeIndex(gd);
    var worldView = !current.region || current.region === "world";
    var maxRing = worldView && frame.width < NARROW_PX ? NARROW_RING_PX : Infinity;
    Object.keys(h.poles).forEach(function (iso3) {
      var p = h.poles[iso3];
      anchors[iso3] = toClient(pr, p[0], p[1]);
    });
    /* No other state's pole under the disc either (a tiny island can hide between rim points). */
    function poleFree(iso3, x, y, r) {
      return Object.keys(anchors).every(function (k) {
        var a = anchors[k];
        return k === iso3 || !a || Math.hypot(a[0] - x, a[1] - y) > r + 3;
      });
    }
    placed = {};
    hidden = [];
    markers.forEach(function (m) { m.el.style.display = ""; });  // measured, then shown or not (one task: never seen)
    var radii = markers.map(function (m) { return m.el.getBoundingClientRect().width / 2 || 6; });
    markers.forEach(function (m, k) {
      var pole = h.poles[m.iso3];
      var r = radii[k];
      var anchor = pole && toClient(pr, pole[0], pole[1]);
      var edge = pole && toClient(pr, pole[0], pole[1] + Math.max(pole[2], 1e-6));
      var radiusPx = anchor && edge ? Math.hypot(edge[0] - anchor[0], edge[1] - anchor[1]) : 0;
      var visible = anchor && anchor[0] >= frame.left && anchor[0] <= frame.right && anchor[1] >= frame.top && anchor[1] <= frame.bottom;
      if (!visible || (pole[2] > 0 && radiusPx >= HIT_PX)) { m.el.style.display = "none"; return; }
      m.el.style.display = "";
      /* Nearest free spot, first with WCAG spacing, then (crowded) with discs just apart. */
      var spot = null;
      if (!(pole[2] > 0)) {
        /* A state drawn as a point only (Tuvalu) has no shape to hit: its marker stays on its point. */
        spot = [Math.min(Math.max(anchor[0], frame.left + r), frame.right - r),
          Math.min(Math.max(anchor[1], frame.top + r), frame.bottom - r)];
      }
      [SPACING_PX, 2 * r + 3].forEach(function (gap) {
        for (var ri = 0; ri < RINGS.length && !spot && RINGS[ri] <= maxRing; ri++) {
          for (var a = 0; a < (RINGS[ri] ? ANGLES : 1) && !spot; a++) {
            var x = anchor[0] + RINGS[ri] * Math.cos(2 * Math.PI * a / ANGLES);
            var y = anchor[1] + RINGS[ri] * Math.sin(2 * Math.PI * a / ANGLES);
            if (x - r < frame.left || x + r > frame.right || y - r < frame.top || y + r > frame.bottom) { continue; }
            var clear = taken.every(function (t) { return Math.hypot(t[0] - x, t[1] - y) >= gap; });
            if (clear && poleFree(m.iso3, x, y, r) && discFree(hitTest, m.iso3, x, y, r + 1)) { spot = [x, y]; }
          }
        }
      });
      if (!spot) { m.el.style.display = "none"; hidden.push(m.iso3); return; }  // the region views reach it
      taken.push(spot);
      placed[m.iso3] = [spot[0] - pr.ox, spot[1] - pr.oy];  // main-svg pixels
      m.el.style.transform = translate(placed[m.iso3]);
      if (Math.hypot(spot[0] - anchor[0], spot[1] - anchor[1]) > r) { leaders.push([anchor, spot, r]); }
    });
    drawLeaders(gd, pr, leaders);
    placeRing(gd);
    layoutKey = pr.key;
    lastMs = performance.now() - t0;
  }

  function drawLeaders(gd, pr, leaders) {
    var layer = leaderLayer(gd);
    var host = gd.getBoundingClientRect();
    layer.replaceChildren.apply(layer, leaders.map(function (l) {
      var line = document.createElementNS("http://www.w3.org/2000/svg", "line");
      var dx = l[1][0] - l[0][0], dy = l[1][1] - l[0][1], len = Math.hypot(dx, dy);
      line.setAttribute("x1", l[0][0] - host.left);
      line.setAttribute("y1", l[0][1] - host.top);
      line.setAttribute("x2", l[1][0] - host.left - dx / len * l[2]);
      line.setAttribute("y2", l[1][1] - host.top - dy / len * l[2]);
      return line;
    }));
  }

  /* The selection ring follows its marker, and hides with it. */
  function placeRing(gd) {
    var off = current.selected && placed[current.selected];
    var ring = A.ringEl(gd, !!off);
    if (!ring) { return; }
    ring.style.display = off ? "" : "none";
    ring.style.transform = off ? translate(off) : "";
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(place, delay);
  }

  /* Hook the graph once it exists: re-place after redraws, clear while panning. */
  var hooked = null;
  function hook() {
    var gd = A.graph();
    if (gd && gd.on && gd !== hooked && W.drawn(gd)) {
      hooked = gd;
      gd.on("plotly_relayouting", function () { window.clearTimeout(timer); layoutKey = null; hideStale(gd); });
      ["plotly_relayout", "plotly_autosize"].forEach(function (name) {  // autosize: the map resized
        gd.on(name, function () { hideStale(gd); schedule(30); });
      });
      gd.on("plotly_afterplot", function () {
        var pr = projector(gd);
        if (!pr || pr.key !== layoutKey || A.markers(gd).some(unplaced)) {
          hideStale(gd);
          schedule(30);
        }
      });
      schedule(0);
    }
    window.setTimeout(hook, hooked ? 1000 : 100);
  }
  hook();
  window.addEventListener("wbw:painted", function () { var gd = A.graph(); if (gd) { placeRing(gd); } });
  window.addEventListener("resize", function () { schedule(150); });

  /* Picking reads the markers' drawn discs: a pick made while a placement is pending (a redraw
   * has just put the markers back on their points) first hides the stale ones, so the shape the
   * reader sees under the pointer wins; the placement follows on its timer. */
  W.hideStaleMarkers = function () {
    var gd = A.graph();
    if (gd && gd === hooked) { hideStale(gd); }
  };

  /* For tests: where each shown marker is (main-svg pixels), and which found no free spot. */
  window.wbwMarkers = function () { return { placed: Object.assign({}, placed), crowded: hidden.slice(), ms: lastMs }; };
}(window.wbwLib = window.wbwLib || {}));
