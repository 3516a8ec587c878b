/* The page's language, from Python (dashboard/i18n_page.py): the `#wbw-i18n` JSON block holds
 * the language, its locale tag (dates and numbers via Intl) and every string the scripts show,
 * by key (dashboard/locales/<lang>.toml, table `js`). Loaded first: later scripts use W.t(). */
(function (W) {
  "use strict";
  var block = (function () {
    var el = document.getElementById("wbw-i18n");
    try { return el ? JSON.parse(el.textContent) : {}; } catch (err) { return {}; }
  }());
  var lang = block.lang || "en", locale = block.locale || "en-GB", strings = block.strings || {};

  /* One string by key, `{name}` filled from `values` (text only: the result is never markup). */
  function t(key, values) {
    var raw = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
    return String(raw).replace(/\{(\w+)\}/g, function (all, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }
  var numbers = {};
  function fmtNum(value, digits) {
    var key = String(digits || 0);
    if (!numbers[key]) {
      numbers[key] = new Intl.NumberFormat(locale, { minimumFractionDigits: digits || 0, maximumFractionDigits: digits || 0 });
    }
    return numbers[key].format(value);
  }

  /* Dash's renderer asks for `_dash-layout` without the page's query string: a page in another
   * language than the default asks for its own layout (`?lang=`, so caches key on the URL), and
   * plotly learns the locale's month names before the first chart is drawn. */
  if (lang !== (block["default"] || "en") && window.fetch) {
    var original = window.fetch;
    window.fetch = function (input, init) {
      if (typeof input === "string" && /(^|\/)_dash-layout$/.test(input)) {
        return original.call(this, input + "?lang=" + encodeURIComponent(lang), init).then(function (resp) {
          if (block.plotlyLocale && window.Plotly && window.Plotly.register) { window.Plotly.register(block.plotlyLocale); }
          return resp;
        });
      }
      return original.call(this, input, init);
    };
  }

  Object.assign(W, { lang: lang, locale: locale, t: t, fmtNum: fmtNum });
}(window.wbwLib = window.wbwLib || {}));
