/* A visible notice when the link's ?date= is not a day of the data: the map falls back to the
 * last day and says so, instead of silently showing another date. Text only (Dash children). */
(function (W) {
  "use strict";

  function dateNotice(search, h) {
    var nu = W.nu();
    if (!h) { return [nu, nu]; }
    var st = W.parseSearch(h, search);
    if (st.badDate === null) { return ["", true]; }
    var asked = st.badDate.length > 40 ? st.badDate.slice(0, 40) + "…" : st.badDate;
    return [
      W.t("bad_date", { asked: asked, first: W.fmtDay(h, 0), last: W.fmtDay(h, h.days - 1) }),
      false
    ];
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.wbw = Object.assign(window.dash_clientside.wbw || {}, { dateNotice: dateNotice });
}(window.wbwLib));
