/* Embedded mode: the Embed dialog (the `embed` clientside callback and its copy buttons). The
 * host-height protocols live in assets/wbw-height.js, which the page loads before the app. */
(function (W) {
  "use strict";
  var PROJECT = W.PROJECT, dayToIso = W.dayToIso, nu = W.nu;

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
}(window.wbwLib = window.wbwLib || {}));
