/* Region views (`?region=world|americas|…`): the buttons above the map fit one UN region to it.
 * The boxes come from Python (dashboard/regions.py, in the history payload); the URL keeps the
 * region, so deep links, the back button and embeds show the same view. */
(function (W) {
  "use strict";
  var current = W.current;

  /* Plotly relayout keys for a region's geo settings. */
  function relayoutKeys(geo) {
    return {
      "geo.lonaxis.range": geo.lonaxis.range.slice(),
      "geo.lataxis.range": geo.lataxis.range.slice(),
      "geo.center.lon": geo.center.lon,
      "geo.center.lat": geo.center.lat,
      "geo.projection.rotation.lon": geo.projection.rotation.lon,
      "geo.projection.scale": geo.projection.scale
    };
  }

  function regionOf(h) {
    if (!current.region) { current.region = W.parseSearch(h, window.location.search).region; }
    return current.region;
  }

  function markButtons(name) {
    Array.prototype.forEach.call(document.querySelectorAll(".region-btn"), function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-region") === name ? "true" : "false");
    });
  }

  /* The first figure's layout, fitted to the URL's region. */
  function regionLayout(h, layout) {
    var name = regionOf(h);
    var geo = h.regions && h.regions[name] && h.regions[name].geo;
    if (geo) {
      layout.geo = Object.assign({}, layout.geo, {
        lonaxis: Object.assign({}, (layout.geo || {}).lonaxis, geo.lonaxis),
        lataxis: Object.assign({}, (layout.geo || {}).lataxis, geo.lataxis),
        center: Object.assign({}, geo.center),
        projection: Object.assign({}, (layout.geo || {}).projection, {
          rotation: Object.assign({}, ((layout.geo || {}).projection || {}).rotation, geo.projection.rotation),
          scale: geo.projection.scale
        })
      });
    }
    window.requestAnimationFrame(function () { markButtons(name); });
    return layout;
  }

  /* Grow the region's box along its short side until it fills the map's frame (a wide Europe on
   * a tall phone map would otherwise be a thin strip). Only ever grows, so every state stays in. */
  function fillFrame(gd, name) {
    var sp = gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot;
    var frame = sp && sp.bgRect ? sp.bgRect.node().getBoundingClientRect() : null;
    var geo = current.history.regions[name].geo;
    var done = function () { gd.setAttribute("data-region", name); };
    if (!frame || name === "world" || !frame.width || !frame.height) { done(); return; }
    var host = gd.getBoundingClientRect();
    var lat = geo.lataxis.range, lon = geo.lonaxis.range, keys = relayoutKeys(geo);
    if (frame.height < 0.92 * host.height) {
      var half = (lat[1] - lat[0]) * host.height / frame.height / 2, mid = (lat[0] + lat[1]) / 2;
      keys["geo.lataxis.range"] = [Math.max(-85, mid - half), Math.min(88, mid + half)];
      keys["geo.center.lat"] = (keys["geo.lataxis.range"][0] + keys["geo.lataxis.range"][1]) / 2;
    } else if (frame.width < 0.92 * host.width) {
      var halfLon = Math.min(180, (lon[1] - lon[0]) * host.width / frame.width / 2), midLon = (lon[0] + lon[1]) / 2;
      keys["geo.lonaxis.range"] = [midLon - halfLon, midLon + halfLon];
    } else { done(); return; }
    Plotly.relayout(gd, keys).then(done, done);
  }

  /* Fit the drawn map to a region; push a history entry when the viewer asked for it. */
  function applyRegion(name, push) {
    var h = current.history;
    if (!h || !h.regions || !h.regions[name]) { return; }
    current.region = name;
    markButtons(name);
    var gd = W.graphDiv();
    if (gd && W.drawn(gd)) {
      gd.removeAttribute("data-region");
      Plotly.relayout(gd, relayoutKeys(h.regions[name].geo)).then(function () { fillFrame(gd, name); });
    }
    if (push && current.day !== null) { W.syncUrl(h, current.day, current.selected, true); }
  }

  /* The first drawing used the URL's region box: fill the frame once it is there, and again
   * after the page is resized. */
  (function firstFit() {
    var gd = W.graphDiv();
    if (!gd || !W.drawn(gd) || !current.region) { window.setTimeout(firstFit, 100); return; }
    fillFrame(gd, current.region);
  }());
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () { if (current.region) { applyRegion(current.region, false); } }, 300);
  });

  document.addEventListener("click", function (e) {
    var btn = e.target && e.target.closest ? e.target.closest(".region-btn[data-region]") : null;
    if (btn) { applyRegion(btn.getAttribute("data-region"), true); }
  });
  window.addEventListener("popstate", function () {
    var h = current.history;
    if (h) { applyRegion(W.parseSearch(h, window.location.search).region, false); }
  });

  Object.assign(W, { regionLayout: regionLayout, applyRegion: applyRegion });
}(window.wbwLib = window.wbwLib || {}));
