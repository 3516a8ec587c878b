/* Embedded mode: ONE height watcher that speaks every common child protocol to the host page,
 * plus the Embed dialog (the `embed` clientside callback and its copy buttons).
 *   ours       {type: "who-backs-whom:height", height}          (our snippet and /embed.js)
 *   AMP        {sentinel: "amp", type: "embed-size", height}    (amp-iframe resizable)
 *   pym.js     "pymxPYMx<childId>xPYMxheightxPYMx<height>"      (when the URL carries childId)
 *   WordPress  {message: "height", value, secret}               (when the fragment carries secret=)
 * A pym `width`, a WordPress `ready` or an /embed.js ping is answered with the height at once. */
(function (W) {
  "use strict";
  var PROJECT = W.PROJECT, dayToIso = W.dayToIso, nu = W.nu;
  var PYM = "xPYMx";
  var ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

  /* Read once, at load: the page's own URL updates (pushState) drop the fragment. */
  var PYM_ID = (function (id) { return id && ID_RE.test(id) ? id : null; }(
    new URLSearchParams(window.location.search).get("childId")));
  var WP_SECRET = (/[#?&]secret=([A-Za-z0-9]{1,64})(?:&|$)/.exec(window.location.hash || "") || [])[1] || null;

  var lastHeight = -1;
  function embeddedRoot() {
    var root = W.byId("ROOT");
    return root && root.classList.contains("embed") && window.parent !== window ? root : null;
  }
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
  function watchHeight() {
    var root = W.byId("ROOT");
    if (!root) { window.setTimeout(watchHeight, 100); return; }
    if (window.ResizeObserver) { new ResizeObserver(postHeight).observe(root); }
    new MutationObserver(postHeight).observe(root, { attributes: true, attributeFilter: ["class"] });
    postHeight();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", watchHeight); } else { watchHeight(); }

  /* The host asks: pym's parent sends its width on resize, wp-embed says "ready" on load. */
  window.addEventListener("message", function (e) {
    if (e.source !== window.parent || !e.data) { return; }
    var id = PYM_ID, secret = WP_SECRET, d = e.data;
    if (id && typeof d === "string" && d.indexOf(["pym", id, "width", ""].join(PYM)) === 0) { postHeight(true); }
    if (secret && d.message === "ready" && d.secret === secret) { postHeight(true); }
    if (d.type === PROJECT + ":ping") { postHeight(true); }  // /embed.js loaded after us
  });

  /* The full page for a state: our address without the embed-only parameters. */
  var EMBED_ONLY = ["embed", "childId", "initialWidth", "parentTitle", "parentUrl"];
  function pageUrl(h, day, country, extra) {
    var params = new URLSearchParams(window.location.search);
    EMBED_ONLY.forEach(function (k) { params["delete"](k); });
    params.set("date", dayToIso(h, day));
    if (country) { params.set("country", country); } else { params["delete"]("country"); }
    Object.keys(extra || {}).forEach(function (k) { params.set(k, extra[k]); });
    return window.location.origin + window.location.pathname + "?" + params.toString();
  }

  function attr(s) { return String(s).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"); }

  /* The snippets, in the order of layout.EMBED_VARIANTS (callbacks.py registers one output each). */
  var VARIANTS = 6;
  function snippets(h, day, country) {
    var origin = window.location.origin;
    var src = attr(pageUrl(h, day, country, { embed: "1" }));
    var title = 'title="' + attr(document.title) + '"';
    var script = "<script>\n" +
      'window.addEventListener("message", function (e) {\n' +
      '  if (e.origin !== "' + origin + '" || !e.data || e.data.type !== "' + PROJECT + ':height") return;\n' +
      '  document.querySelectorAll("iframe").forEach(function (f) {\n' +
      '    if (f.contentWindow === e.source) f.style.height = e.data.height + "px";\n' +
      "  });\n" +
      "});\n" +
      "</script>";
    var frame = '<iframe src="' + src + '" ' + title + ' style="width:100%;border:0" height="640" loading="lazy"></iframe>';
    return [
      frame + '\n<script src="' + origin + '/embed.js" async></script>',
      '<div data-pym-src="' + attr(pageUrl(h, day, country)) + '"></div>\n' +
        '<script src="https://pym.nprapps.org/pym.v1.min.js"></script>',
      '<amp-iframe src="' + src + '" ' + title + ' width="4" height="5" layout="responsive" resizable\n' +
        '  sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox" frameborder="0">\n' +
        '  <button overflow type="button">' + attr(W.t("amp_overflow")) + '</button>\n</amp-iframe>',
      pageUrl(h, day, country),
      '<iframe src="' + src + '" ' + title + ' style="width:100%;border:0" height="900" scrolling="auto"></iframe>',
      frame + "\n" + script
    ];
  }

  /* Embed button / date / selection → dialog, embed links to the full page (credit, table, panel), snippets. */
  function embed(clicks, value, selected, h) {
    if (!h || value === null || value === undefined) { return new Array(4 + VARIANTS).fill(nu()); }
    var full = pageUrl(h, value, selected || null);
    var links = [full, full, full];  // the credit, "show all countries", the panel's "every statement"
    if (!(clicks % 2)) { return [true].concat(links, new Array(VARIANTS).fill(nu())); }
    return [false].concat(links, snippets(h, value, selected || null));
  }
  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.wbw = Object.assign(window.dash_clientside.wbw || {}, { embed: embed });

  /* Copy buttons: the clipboard where allowed, else select the text and use execCommand. */
  function copyText(pre, status) {
    var text = pre.textContent;
    function done(ok) { status.textContent = ok ? W.t("copied") : W.t("copy_failed"); }
    function fallback() {
      var range = document.createRange();
      range.selectNodeContents(pre);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else { fallback(); }
  }
  document.addEventListener("click", function (e) {
    var btn = e.target && e.target.closest ? e.target.closest("button[data-copy]") : null;
    if (!btn) { return; }
    var pre = document.getElementById(btn.getAttribute("data-copy"));
    var status = btn.parentNode.querySelector(".copy-status");
    if (pre && status) { copyText(pre, status); }
  });

  W.postHeight = postHeight;
}(window.wbwLib = window.wbwLib || {}));
