/* The accessible table: rows for a day (filtered, sorted) as Dash components, keyboard moves. */
(function (W) {
  "use strict";
  var current = W.current, dc = W.dc, stanceAt = W.stanceAt, dayToIso = W.dayToIso;

  function tableShown() {
    var details = document.querySelector("details.table-wrap");
    return !!(details && details.open);
  }
  /* Sorted and matched in the page's language: "África" next to "Albania", "mexico" finds "México". */
  var collator = new Intl.Collator(W.locale || "en-GB");
  function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function tableRows(h, day, filter, sort) {
    var needle = fold(filter.trim());
    var rows = h.countries.map(function (iso3, i) {
      var st = stanceAt(h, iso3, day);
      return {
        iso3: iso3, name: h.names[i], stance: h.labels[st.code], swatch: h.swatches[st.code],
        since: st.since === null ? "" : dayToIso(h, Math.max(st.since, 0))
      };
    }).filter(function (r) {
      return !needle || fold(r.name + " " + r.stance + " " + r.iso3).indexOf(needle) >= 0;
    });
    rows.sort(function (a, b) {
      return collator.compare(a[sort.col], b[sort.col]) * sort.dir || collator.compare(a.name, b.name);
    });
    return rows;
  }
  function html(type, props) { return { type: type, namespace: "dash_html_components", props: props }; }
  function rowComponent(r) {
    return html("Tr", { children: [
      html("Td", { "data-dash-column": "name", children: html("Button", {
        id: { type: W.ids.TABLE_ROW, iso3: r.iso3 }, n_clicks: 0, className: "row-btn", dir: "auto", children: r.name
      }) }),
      html("Td", { "data-dash-column": "stance", children: [
        html("Span", { className: "swatch", "aria-hidden": "true", style: { background: r.swatch } }), r.stance
      ] }),
      html("Td", { "data-dash-column": "since", children: r.since }),
      html("Td", { "data-dash-column": "iso3", children: r.iso3 })
    ] });
  }
  function markSort() {
    Array.prototype.forEach.call(document.querySelectorAll(W.sel("TABLE") + " th[data-col]"), function (th) {
      var col = th.getAttribute("data-col");
      th.setAttribute("aria-sort", col !== current.sort.col ? "none" : current.sort.dir > 0 ? "ascending" : "descending");
    });
  }
  /* Opening the table fills it for the current day. */
  document.addEventListener("toggle", function (e) {
    if (e.target.matches && e.target.matches("details.table-wrap") && e.target.open && current.history) {
      dc().set_props(W.ids.TABLE_OPEN, { data: Date.now() });
    }
  }, true);
  /* Arrow keys move between the table's row buttons. */
  document.addEventListener("keydown", function (e) {
    if (!e.target.classList || !e.target.classList.contains("row-btn")) { return; }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") { return; }
    var buttons = Array.prototype.slice.call(document.querySelectorAll(W.sel("TABLE") + " .row-btn"));
    var next = buttons[buttons.indexOf(e.target) + (e.key === "ArrowDown" ? 1 : -1)];
    if (next) { e.preventDefault(); next.focus(); }
  });


  Object.assign(W, { tableShown: tableShown, tableRows: tableRows, rowComponent: rowComponent, markSort: markSort });
}(window.wbwLib = window.wbwLib || {}));
