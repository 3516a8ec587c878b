/* Takeover: once the interactive map has drawn the page's state (same colours, same box), the
 * server-drawn copy is removed and the app shown in its place, in one frame. */
(function (W) {
  "use strict";

  function showsCurrentDay(gd) {
    var h = W.current.history, day = W.current.day;
    if (!h || day === null || !W.drawn(gd)) { return false; }
    var z = gd.data[W.traceIndex("states")].z || [];
    for (var i = 0; i < h.countries.length; i++) {
      if (z[i] !== W.stanceAt(h, h.countries[i], day).code) { return false; }
    }
    return true;
  }

  function takeOver() {
    var ssr = document.getElementById("wbw-ssr");
    if (ssr) { ssr.parentNode.removeChild(ssr); }
    document.documentElement.classList.add("wbw-live");
    window.dispatchEvent(new CustomEvent("wbw:live"));
  }

  function watch() {
    if (!document.getElementById("wbw-ssr")) { document.documentElement.classList.add("wbw-live"); return; }
    if (showsCurrentDay(W.graphDiv())) {
      window.requestAnimationFrame(takeOver);
      return;
    }
    window.requestAnimationFrame(watch);
  }
  watch();
}(window.wbwLib = window.wbwLib || {}));
