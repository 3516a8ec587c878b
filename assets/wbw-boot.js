/* Starts the interactive app over the server-drawn page (not bundled by Dash: the page links it
 * in <head>). Dash's scripts arrive inert in <template id="wbw-deferred"> so they never hold up
 * the first paint. They start on the reader's first interaction (pointer, touch, key, wheel,
 * focus), or once the drawn map has been on screen for the page's boot delay
 * (`data-wbw-boot-ms` on <html>, from WBW_BOOT_SECONDS; 0 starts them as soon as the drawn page
 * has painted). assets/wbw-5-ssr.js swaps the app in, in place, when it shows the same state.
 * A reader's first action on the drawn page (a tap on a country, a press or drag on the slider,
 * a button, a "details" toggle) is kept and replayed on the app once it is live. */
(function () {
  "use strict";
  var ids = (function () {  // element ids from Python (dashboard/ids.py, the page's contract block)
    var el = document.getElementById("wbw-contract");
    try { return (el ? JSON.parse(el.textContent) : {}).ids || {}; } catch (err) { return {}; }
  }());
  var started = false;
  var pending = null;
  var pressed = null;  // the drawn slider while a pointer holds it

  function start() {
    if (started) { return; }
    started = true;
    TRIGGERS.forEach(function (type) { document.removeEventListener(type, start, true); });
    var tpl = document.getElementById("wbw-deferred");
    if (!tpl) { return; }
    var external = [], inline = [];
    Array.prototype.forEach.call(tpl.content.querySelectorAll("script"), function (s) {
      (s.getAttribute("src") ? external : inline).push(s);
    });
    function copy(s) {
      var el = document.createElement("script");
      Array.prototype.forEach.call(s.attributes, function (a) { el.setAttribute(a.name, a.value); });
      return el;
    }
    function runInline() {
      inline.forEach(function (s) { var el = copy(s); el.textContent = s.textContent; document.body.appendChild(el); });
    }
    var last = null;
    external.forEach(function (s) { var el = copy(s); el.async = false; document.body.appendChild(el); last = el; });
    if (last) { last.addEventListener("load", runInline); } else { runInline(); }
  }

  function live() { return document.documentElement.classList.contains("wbw-live"); }

  /* The URL the app reads when it starts (if it has not yet), so the state survives either way. */
  function setParam(key, value) {
    var params = new URLSearchParams(window.location.search);
    params.set(key, value);
    window.history.replaceState(null, "", window.location.pathname + "?" + params.toString());
  }

  /* The drawn slider's day under x, as Radix places it (the thumb's centre stays 8 px inside). */
  function sliderDay(slider, x) {
    var r = slider.getBoundingClientRect(), max = Number(slider.getAttribute("data-max"));
    var share = Math.min(1, Math.max(0, (x - r.left - 8) / Math.max(1, r.width - 16)));
    return Math.round(share * max);
  }
  function dayIso(slider, day) {
    var d = new Date(slider.getAttribute("data-start") + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + day);
    return d.toISOString().slice(0, 10);
  }
  function slideTo(slider, x) {
    var day = sliderDay(slider, x);
    pending = { day: day };
    setParam("date", dayIso(slider, day));
  }

  function onDrawn(e) { return !live() && e.target && e.target.closest && e.target.closest("#wbw-ssr") ? e.target : null; }

  function press(e) {
    var t = onDrawn(e), slider = t && t.closest(".wbw-ssr-slider");
    if (slider) { pressed = slider; slideTo(slider, e.clientX); }
  }
  function move(e) { if (pressed && !live()) { slideTo(pressed, e.clientX); } }
  function release() { pressed = null; }

  function click(e) {
    var t = onDrawn(e);
    if (!t) { return; }
    var country = t.closest("[data-iso3]"), control = t.closest("[data-wbw-for]"), summary = t.closest("summary");
    if (country) {
      pending = { country: country.getAttribute("data-iso3") };
      setParam("country", pending.country);
    } else if (control) {
      pending = { id: control.getAttribute("data-wbw-for") };
    } else if (summary) {
      var all = document.querySelectorAll("#wbw-ssr summary");
      pending = { summary: Array.prototype.indexOf.call(all, summary) };
    }
  }

  /* The app is live: replay the kept action on it. */
  function replay() {
    var p = pending, dc = window.dash_clientside;
    pending = null;
    if (!p || !dc) { return; }
    if (p.country) { dc.set_props(ids.SELECTED, { data: p.country }); }
    if (p.day !== undefined) { dc.set_props(ids.DATE_SLIDER, { value: p.day }); }
    var el = p.id ? document.getElementById(p.id)
      : p.summary !== undefined ? document.querySelectorAll("#" + ids.ROOT + " summary")[p.summary] : null;
    if (el) { el.click(); }
  }

  document.addEventListener("pointerdown", press, true);
  document.addEventListener("pointermove", move, true);
  document.addEventListener("pointerup", release, true);
  document.addEventListener("click", click, true);
  window.addEventListener("wbw:live", replay);

  var delay = Number(document.documentElement.getAttribute("data-wbw-boot-ms")) || 0;
  var TRIGGERS = ["pointerdown", "pointermove", "touchstart", "keydown", "wheel", "focusin"];

  /* After the boot delay with the drawn map on screen (an embed lower down waits for its reader). */
  function whenSeen() {
    var drawn = document.querySelector("#wbw-ssr svg");
    var later = function () { window.setTimeout(start, delay); };
    if (!drawn || !window.IntersectionObserver) { later(); return; }
    var seen = new window.IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); later(); }
    });
    seen.observe(drawn);
  }

  /* One frame for the drawn page to paint; then the app at once, or on interaction or delay. */
  function ready() {
    if (delay <= 0) { window.requestAnimationFrame(function () { window.setTimeout(start, 0); }); return; }
    TRIGGERS.forEach(function (type) { document.addEventListener(type, start, { capture: true, passive: true }); });
    whenSeen();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
}());
