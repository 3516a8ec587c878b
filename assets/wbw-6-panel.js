/* The country panel and the slider's accessible name: the "why this colour" sentence, the
 * highlighted statement scrolled into view, focus in and out (Escape closes), and the date as
 * the slider thumb's aria-valuetext. Strings are text only (never markup). */
(function (W) {
  "use strict";
  var current = W.current, stanceAt = W.stanceAt, fmtDay = W.fmtDay, fmtEvent = W.fmtEvent;

  /* The change-point row of a country in force on a day and the first row of its run. */
  function runOf(h, iso3, day) {
    var rows = h.changes[iso3] || [], k = -1;
    for (var i = 0; i < rows.length && rows[i][0] <= day; i++) { k = i; }
    if (k < 0) { return null; }
    var first = k;
    while (first > 0 && rows[first - 1][1] === rows[k][1] && rows[first - 1][2] === rows[k][2]) { first -= 1; }
    return { row: rows[k], first: rows[first] };
  }

  /* {text, eventId, originId}: why a country has its colour on a day, and which statements. */
  function explain(h, iso3, day) {
    var when = fmtDay(h, day);
    var t = W.t;
    if (iso3 === h.subject) {
      return { text: t("why_subject", { subject: h.labels[h.categories.length - 1] }), eventId: null, originId: null };
    }
    var st = stanceAt(h, iso3, day), run = runOf(h, iso3, day);
    if (st.code === 0 || !run) { return { text: t("why_none", { date: when }), eventId: null, originId: null }; }
    var ev = h.events[run.row[3]], origin = h.events[run.first[3]];
    var text = t(origin[3] ? "why_month" : "why", { date: when, label: h.labels[st.code], since: fmtEvent(h, origin) });
    if (ev[0] === origin[0]) {
      text += t("why_same");
    } else {
      var of = ev[1] === origin[1] ? t("why_when_same") : t(ev[3] ? "why_when_month" : "why_when", { date: fmtEvent(h, ev) });
      text += t("why_origin", { headline: origin[2], when: of });
    }
    return { text: text, eventId: ev[0], originId: origin[0] };
  }

  /* Keep a statement visible inside the panel's own scroll box (the page itself does not move). */
  function scrollWithin(box, li) {
    if (!box || !li || box.scrollHeight <= box.clientHeight) { return; }
    var why = W.byId("PANEL_WHY");
    var cover = why ? why.offsetHeight + 8 : 8;  // the sticky "why" line sits over the top of the box
    var top = li.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (top - cover < box.scrollTop || top + li.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = Math.max(0, top - cover - Math.max(0, (box.clientHeight - cover - li.offsetHeight) / 3));
    }
  }

  /* Mark the statement behind the colour (and the one that started the run), scroll to it. */
  function highlight(eventId, originId) {
    var items = document.querySelectorAll(W.sel("COUNTRY_PANEL") + " li[data-event-id]"), on = null;
    Array.prototype.forEach.call(items, function (li) {
      var id = li.getAttribute("data-event-id"), is = id === eventId;
      li.classList.toggle("is-current", is);
      li.classList.toggle("is-origin", id === originId && !is);
      if (is) { li.setAttribute("aria-current", "true"); on = li; } else { li.removeAttribute("aria-current"); }
    });
    if (on) { scrollWithin(W.byId("PANEL_WRAP"), on); }
    return on !== null || eventId === null;
  }

  /* Highlight once the panel's statements for this country have been rendered. */
  function highlightWhenReady(eventId, originId, tries) {
    if (!highlight(eventId, originId) && tries > 0) {
      window.setTimeout(function () { highlightWhenReady(eventId, originId, tries - 1); }, 50);
    }
  }

  /* Focus: into the panel when a reader opens it, back to where they were when it closes. */
  var opener = null, wasOpen = false;
  function openerNow() {
    var el = document.activeElement;
    if (el && el !== document.body && !el.closest(W.sel("PANEL_WRAP"))) { return el; }
    var map = W.byId("MAP");
    if (map && !map.hasAttribute("tabindex")) { map.setAttribute("tabindex", "-1"); }
    return map;
  }
  function onPanelShown(userOpened) {
    var panel = W.byId("PANEL_WRAP");
    if (!panel || panel.hidden) { return; }
    if (!wasOpen && userOpened) {
      opener = openerNow();
      panel.focus({ preventScroll: true });
    }
    wasOpen = true;
  }
  function onPanelHidden() {
    var panel = W.byId("PANEL_WRAP");
    var inside = panel && (panel.contains(document.activeElement) || document.activeElement === document.body);
    wasOpen = false;
    if (opener && inside && document.contains(opener)) { opener.focus({ preventScroll: true }); }
    opener = null;
  }
  /* A click or Enter that may open a panel: remember the element it came from. */
  var armed = false;
  document.addEventListener("click", function (e) {
    armed = !!(e.target && e.target.closest && e.target.closest(W.sel("MAP") + ", " + W.sel("TABLE") + " .row-btn"));
  }, true);

  /* Called by the `why` clientside callback after the panel's visibility is decided. */
  function panelState(selected, info) {
    var userOpened = armed;
    armed = false;
    window.requestAnimationFrame(function () {
      if (selected) { onPanelShown(userOpened); highlightWhenReady(info.eventId, info.originId, 40); } else if (wasOpen) { onPanelHidden(); }
    });
  }

  /* Escape closes the panel (except while it clears a search box's text). */
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" && e.key !== "Esc") { return; }
    var panel = W.byId("PANEL_WRAP");
    if (!panel || panel.hidden) { return; }
    if (e.target && e.target.type === "search" && e.target.value) { return; }
    var close = W.byId("PANEL_CLOSE");
    if (close) { e.preventDefault(); close.click(); }
  });

  /* The slider thumb: an accessible name and the date as text (Radix renders it without both). */
  function labelSlider(h, day) {
    var thumb = document.querySelector(W.sel("DATE_SLIDER") + " [role=slider]");
    if (!thumb) { return false; }
    thumb.setAttribute("aria-label", W.t("date"));
    thumb.setAttribute("aria-valuetext", fmtDay(h, day));
    return true;
  }
  function labelSliderWhenReady(h, day, tries) {
    if (!labelSlider(h, day) && tries > 0) {
      window.setTimeout(function () { if (current.day === day) { labelSliderWhenReady(h, day, tries - 1); } }, 50);
    }
  }

  Object.assign(W, { explain: explain, panelState: panelState, labelSlider: labelSliderWhenReady });
}(window.wbwLib = window.wbwLib || {}));
