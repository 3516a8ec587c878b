/* The panel from per-country JSON and live updates of an open page.
 *
 * The panel: GET data/<version>/countries/ISO3.json (immutable per version, so browsers and
 * CDNs cache it) rendered as Dash component JSON: text only, never parsed as HTML; source links only
 * when http(s). Live updates: every `poll` seconds GET data/version.json; on a new version fetch
 * its history and chart, and update the map, counts, chart and open panel in place, keeping the
 * reader's date and country (the URL is left alone), with a quiet "Updated HH:MM" notice. The
 * first check runs as the page starts, so a page taken from the browser's cache catches up.
 * The static export serves the same paths as files, so this works without Python. */
(function (W) {
  "use strict";
  var ISO3_RE = /^[A-Z]{3}$/, VERSION_RE = /^[0-9a-f]{16}$/, SAFE_URL = /^https?:\/\//i;
  var live = { cfg: null, timer: null, checking: false, token: 0 };

  function dc() { return window.dash_clientside; }
  function el(type, props, children) {
    return { type: type, namespace: "dash_html_components", props: Object.assign({ children: children }, props) };
  }
  function getJson(url, cache) {
    return fetch(url, { credentials: "same-origin", cache: cache || "default" }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }

  /* One statement: the same DOM as the server used to send (li.ev[data-event-id] > time, …). */
  function item(ev) {
    var parts = [
      el("Time", { dateTime: String(ev.date), className: "ev-date" }, String(ev.date_text)),
      el("Div", Object.assign({ className: "ev-actor", dir: "auto" }, ev.actor_lang ? { lang: String(ev.actor_lang) } : {}), String(ev.actor)),
      /* text recorded in another language than the page's (a summary not yet translated, the
       * actor) carries its own `lang` (from Python: dashboard/localize.py) */
      el("P", Object.assign({ className: "ev-summary", dir: "auto" }, ev.summary_lang ? { lang: String(ev.summary_lang) } : {}),
        String(ev.summary))
    ];
    /* the quote is isolated: right-to-left words never reorder the quotation marks */
    if (ev.quote) { parts.push(el("Blockquote", { className: "ev-quote" }, ["\u201c", el("Bdi", {}, String(ev.quote)), "\u201d"])); }
    var label = [W.t("source"), el("Bdi", {}, String(ev.source_name))];
    var url = String(ev.source_url || "");
    parts.push(SAFE_URL.test(url)
      ? el("A", { href: url, target: "_blank", rel: "noopener noreferrer", className: "ev-source" }, label)
      : el("Span", { className: "ev-source" }, label));
    var stance = /^[a-z][a-z0-9_]*$/.test(ev.stance || "") ? ev.stance : "none";  // a crisis file's value, or none
    return el("Li", { className: "ev ev-" + stance, "data-event-id": String(ev.id) }, parts);
  }
  function panelChildren(body) {
    var name = el("H2", {}, String(body.name));
    if (!body.events || !body.events.length) {
      return [name, el("P", { className: "ev-empty" }, W.t("no_statement"))];
    }
    return [name, el("Ol", { className: "ev-list" }, body.events.map(item))];
  }
  /* Opening the panel narrows the map beside it, and plotly redraws the map a moment later
   * (Plots.resize waits 100 ms, then relayouts). So the panel box opens first, as the request
   * goes out, and the statements appear once the map has taken its new place: a reader (or a
   * test) never aims at a country that is about to move. Waits ~3 s at most (hidden tab, no map). */
  function openPanelBox() {
    var wrap = document.getElementById(W.ids.PANEL_WRAP);
    if (wrap && wrap.hidden) { dc().set_props(W.ids.PANEL_WRAP, { hidden: false }); }
  }
  function mapSettled() {
    var until = Date.now() + 3000;
    return new Promise(function (resolve) {
      (function check() {
        var gd = W.graphDiv && W.graphDiv(), fl = gd && gd._fullLayout, wrap = document.getElementById(W.ids.PANEL_WRAP);
        var box = gd ? gd.getBoundingClientRect() : null;
        var settled = !fl || !wrap || (!wrap.hidden && Math.abs(fl.width - box.width) < 2 && Math.abs(fl.height - box.height) < 2);
        if (settled || Date.now() > until) { resolve(); } else { window.setTimeout(check, 50); }
      }());
    });
  }
  function versionBase(cfg, version) { return cfg.base + version + "/"; }
  /* file names inside data/ and data/<version>/, from Python (dashboard/app.py live_config) */
  function file(cfg, name) { return (cfg.files || {})[name]; }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function builtText(iso) { return String(iso || "").replace("T", " ").replace("Z", " UTC"); }

  /* A new version: history and chart first, then the version (which refetches the panel). */
  function apply(v) {
    var base = versionBase(live.cfg, v.version);
    var files = [file(live.cfg, "history"), file(live.cfg, "chart")];
    return Promise.all([getJson(base + files[0]), getJson(base + files[1])]).then(function (res) {
      var h = res[0], set = dc().set_props, day = W.current.day, ids = W.ids;
      live.cfg = Object.assign({}, live.cfg, { version: v.version, built_at: v.built_at });
      set(ids.STANCE_CHART, { figure: res[1] });
      set(ids.DATE_SLIDER, { max: h.days - 1 });
      if (day !== null && day > h.days - 1) { set(ids.DATE_SLIDER, { value: h.days - 1 }); }
      set(ids.HISTORY, { data: h });
      set(ids.DATA_VERSION, { data: live.cfg });
      set(ids.DATA_UPDATED, { children: W.t("data_updated", { when: builtText(v.built_at) }) });
      var now = new Date();
      set(ids.LIVE_NOTICE, { children: W.t("updated", { time: pad(now.getHours()) + ":" + pad(now.getMinutes()) }) });
      window.dispatchEvent(new CustomEvent("wbw:version", { detail: v.version }));
    });
  }

  /* Ask data/version.json (revalidated each time; the CDN answers most of these). */
  function check() {
    if (!live.cfg || live.checking || document.hidden) { return; }
    live.checking = true;
    getJson(live.cfg.base + file(live.cfg, "version"), "no-cache").then(function (v) {
      if (v && VERSION_RE.test(v.version || "") && v.version !== live.cfg.version) { return apply(v); }
      return null;
    }).catch(function () { return null; }).then(function () { live.checking = false; });
  }

  function start(cfg) {
    if (live.cfg || !cfg || !VERSION_RE.test(cfg.version || "")) { return; }
    live.cfg = Object.assign({}, cfg);
    var seconds = Math.max(1, Number(cfg.poll) || 60);
    live.timer = window.setInterval(check, seconds * 1000);
    /* once right away too: a page or layout the browser took from its cache (max-age) may be
     * older than the published version; the page then catches up at once, in place */
    window.setTimeout(check, 0);
    document.addEventListener("visibilitychange", function () { if (!document.hidden) { check(); } });
  }

  var ns = {
    /* selected-country / data-version → the panel's children (a Promise: fetched, then text). */
    panel: function (selected, cfg) {
      start(cfg);
      var token = ++live.token;
      if (!selected || !ISO3_RE.test(selected) || !cfg || !VERSION_RE.test(cfg.version || "")) { return []; }
      var h = W.current.history;
      if (h && h.countries.indexOf(selected) < 0) { return []; }
      var url = versionBase(cfg, cfg.version) + file(cfg, "countries") + selected + ".json";
      openPanelBox();
      return Promise.all([getJson(url), mapSettled()]).then(function (res) {
        return token === live.token ? panelChildren(res[0]) : dc().no_update;
      }).catch(function () {
        if (token === live.token) { window.setTimeout(check, 0); }  // e.g. an old version, pruned
        return dc().no_update;
      });
    }
  };
  window.dash_clientside = Object.assign({}, window.dash_clientside, { wbwLive: ns });

  /* The static export has no API: the table's CSV link is built in the browser instead. */
  function cell(v) {
    var s = String(v === null || v === undefined ? "" : v);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function stancesCsv(h, day) {
    var lines = [["iso3", "name", "stance", "since", "event_id"].join(",")];
    h.countries.map(function (iso3, i) { return [iso3, i]; }).sort().forEach(function (pair) {
      var st = W.stanceAt(h, pair[0], day);
      if (pair[0] === h.subject || st.event === null) { return; }
      lines.push([pair[0], h.names[pair[1]], h.categories[st.code], W.dayToIso(h, st.since),
        h.events[st.event][0]].map(cell).join(","));
    });
    return lines.join("\n") + "\n";
  }
  document.addEventListener("click", function (e) {
    var link = e.target && e.target.closest && e.target.closest(W.sel("TABLE_CSV"));
    var h = W.current.history;
    if (!link || !live.cfg || !live.cfg["static"] || !h) { return; }
    e.preventDefault();
    var day = W.current.day === null ? h.days - 1 : W.current.day;
    var blob = new Blob([stancesCsv(h, day)], { type: "text/csv" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "stances-" + W.dayToIso(h, day) + ".csv";
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }, true);

  window.wbwLive = { check: check, stancesCsv: stancesCsv, state: function () { return live.cfg; } };
}(window.wbwLib = window.wbwLib || {}));
