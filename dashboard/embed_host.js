/* who-backs-whom: the host-page listener, served as /embed.js from the map's own site.
 * <script src=".../embed.js" async></script> resizes every iframe of ours on the page: it reads
 * our {type: "who-backs-whom:height", height} message and pym.js's height message, only from
 * iframes whose address is on our site, and asks each of them for its height once loaded.
 * No inline script is needed, so it works where the CMS forbids inline scripts. */
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !me.src) { return; }
  var base = new URL(".", me.src).href;
  var origin = new URL(me.src).origin;
  var key = "__whoBacksWhom:" + base;
  if (window[key]) { return; }
  window[key] = true;
  var TYPE = "who-backs-whom:height";
  var PYM_HEIGHT = /^pymxPYMx[A-Za-z0-9_-]{1,64}xPYMxheightxPYMx(\d{1,6})$/;

  function ours(frame) { return typeof frame.src === "string" && frame.src.indexOf(base) === 0; }
  function frameOf(source) {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source && ours(frames[i])) { return frames[i]; }
    }
    return null;
  }
  function heightIn(data) {
    if (data && typeof data === "object" && data.type === TYPE) { return data.height; }
    var m = typeof data === "string" ? PYM_HEIGHT.exec(data) : null;
    return m ? Number(m[1]) : null;
  }
  window.addEventListener("message", function (e) {
    if (e.origin !== origin && e.origin !== "null") { return; }  // "null": a sandboxed iframe
    var height = heightIn(e.data);
    if (typeof height !== "number" || !isFinite(height) || height <= 0 || height > 100000) { return; }
    var frame = frameOf(e.source);
    if (frame) { frame.style.height = Math.ceil(height) + "px"; }
  });
  /* Iframes that loaded before this script ran: ask them for their height. */
  function ping() {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (ours(frames[i]) && frames[i].contentWindow) {
        frames[i].contentWindow.postMessage({ type: "who-backs-whom:ping" }, "*");
      }
    }
  }
  ping();
  window.addEventListener("load", ping);
}());
