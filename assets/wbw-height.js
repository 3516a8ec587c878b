/* Embedded mode: ONE height watcher that speaks every common child protocol to the host page,
 * from the first paint (the server-drawn page, dashboard/ssr.py) through the app's takeover.
 * Not bundled by Dash: the page links it in <head>, so hosts size the frame before the app loads.
 *   ours       {type: "who-backs-whom:height", height}          (our snippet and /embed.js)
 *   AMP        {sentinel: "amp", type: "embed-size", height}    (amp-iframe resizable)
 *   pym.js     "pymxPYMx<childId>xPYMxheightxPYMx<height>"      (when the URL carries childId)
 *   WordPress  {message: "height", value, secret}               (when the fragment carries secret=)
 * A pym `width`, a WordPress `ready` or an /embed.js ping is answered with the height at once. */
(function (W) {
  "use strict";
  var PROJECT = document.documentElement.getAttribute("data-wbw-project");  // layout.PROJECT
  var ROOT_ID = (function () {  // dashboard/ids.py ROOT, from the page's contract block
    var el = document.getElementById("wbw-contract");
    try { return (el ? JSON.parse(el.textContent) : {}).ids.ROOT; } catch (err) { return null; }
  }());
  var PYM = "xPYMx";
  var ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

  /* Read once, at load: the page's own URL updates (pushState) drop the fragment. */
  var PYM_ID = (function (id) { return id && ID_RE.test(id) ? id : null; }(
    new URLSearchParams(window.location.search).get("childId")));
  var WP_SECRET = (/[#?&]secret=([A-Za-z0-9]{1,64})(?:&|$)/.exec(window.location.hash || "") || [])[1] || null;

  /* The page's root: the server-drawn copy's until the app has taken over, then the app's. */
  function pageRoot() {
    var ssr = document.getElementById("wbw-ssr");
    return ssr ? ssr.querySelector(".root") : ROOT_ID && document.getElementById(ROOT_ID);
  }
  function embeddedRoot() {
    var root = pageRoot();
    return root && root.classList.contains("embed") && window.parent !== window ? root : null;
  }

  var lastHeight = -1;
  function send(height) {
    var parent = window.parent, id = PYM_ID, secret = WP_SECRET;
    parent.postMessage({ type: PROJECT + ":height", height: height }, "*");
    parent.postMessage({ sentinel: "amp", type: "embed-size", height: height }, "*");
    if (id) { parent.postMessage(["pym", id, "height", String(height)].join(PYM), "*"); }
    if (secret) { parent.postMessage({ message: "height", value: height, secret: secret }, "*"); }
  }
  function postHeight(force) {
    var root = embeddedRoot();
    if (!root) { return; }
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height !== lastHeight || force === true) {
      lastHeight = height;
      send(height);
    }
  }

  var watched = null;
  var resized = window.ResizeObserver ? new ResizeObserver(function () { postHeight(); }) : null;
  var classed = new MutationObserver(function () { postHeight(); });
  function watchHeight() {
    var root = pageRoot();
    if (!root) { window.setTimeout(watchHeight, 100); return; }
    if (root !== watched) {
      if (resized) {
        if (watched) { resized.unobserve(watched); }
        resized.observe(root);
      }
      classed.disconnect();
      classed.observe(root, { attributes: true, attributeFilter: ["class"] });
      watched = root;
    }
    postHeight();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", watchHeight); } else { watchHeight(); }
  window.addEventListener("wbw:live", watchHeight);  // the app's root replaced the drawn one

  /* The host asks: pym's parent sends its width on resize, wp-embed says "ready" on load. */
  window.addEventListener("message", function (e) {
    if (e.source !== window.parent || !e.data) { return; }
    var id = PYM_ID, secret = WP_SECRET, d = e.data;
    if (id && typeof d === "string" && d.indexOf(["pym", id, "width", ""].join(PYM)) === 0) { postHeight(true); }
    if (secret && d.message === "ready" && d.secret === secret) { postHeight(true); }
    if (d.type === PROJECT + ":ping") { postHeight(true); }  // /embed.js loaded after us
  });

  W.postHeight = postHeight;
}(window.wbwLib = window.wbwLib || {}));
