/* alliantie_kb: a search result lands at what matched.
 *
 * Pagefind's search page adds the searched words to each result's address
 * (?pagefind-highlight=word#anchor). On the page opened that way this script
 * marks the words (Pagefind's own pagefind-highlight.js, loaded only then),
 * brings the object or section that matched into view, and shows a short
 * notice of what was searched for with a link back to the results. Escape or
 * the close button dismiss the notice; print leaves it out (the stylesheet).
 * The query comes from the address: it is only ever written as text.
 */
(function () {
  "use strict";
  var PARAM = "pagefind-highlight";
  var script = document.currentScript;
  var notice = null;

  function siteRoot() {
    // this script lives at <root>/_static/kb-search-landing.js(?v=...)
    return script.src.replace(/_static\/kb-search-landing\.js(\?.*)?$/, "");
  }

  function dismiss() {
    if (notice && notice.parentNode) {
      notice.parentNode.removeChild(notice);
    }
    notice = null;
    document.removeEventListener("keydown", onKey);
  }

  function onKey(event) {
    if (event.key === "Escape") {
      dismiss();
    }
  }

  function showNotice(root, query) {
    var data = script.dataset;
    notice = document.createElement("div");
    notice.className = "kb-search-notice";
    notice.setAttribute("role", "status");
    notice.setAttribute("data-pagefind-ignore", "");
    document.body.appendChild(notice);
    // filled after the live region exists, so that it is announced
    window.setTimeout(function () {
      if (!notice) { return; }
      var text = document.createElement("span");
      text.appendChild(document.createTextNode(data.searched + " \u2018" + query + "\u2019 \u2014 "));
      var back = document.createElement("a");
      back.href = root + data.searchPage + "?q=" + encodeURIComponent(query);
      back.textContent = data.back;
      text.appendChild(back);
      var close = document.createElement("button");
      close.type = "button";
      close.className = "kb-search-notice__close";
      close.setAttribute("aria-label", data.close);
      close.title = data.close;
      close.textContent = "\u00d7";
      close.addEventListener("click", dismiss);
      notice.appendChild(text);
      notice.appendChild(close);
    }, 50);
    document.addEventListener("keydown", onKey);
  }

  function land() {
    var target = null;
    if (window.location.hash.length > 1) {
      try {
        target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      } catch (e) {
        target = null;
      }
    }
    target = target || document.querySelector("mark.pagefind-highlight");
    if (target) {
      target.scrollIntoView({ block: "start" });
    }
  }

  function highlight(root) {
    return import(root + "pagefind/pagefind-highlight.js").then(function (module) {
      var Highlight = module.default || window.PagefindHighlight;
      new Highlight({
        highlightParam: PARAM,
        addStyles: false,
        markOptions: {
          className: "pagefind-highlight",
          exclude: ["[data-pagefind-ignore]", "[data-pagefind-ignore] *", ".headerlink"],
        },
      });
    });
  }

  function start() {
    if (!script) { return; }
    var terms = new URLSearchParams(window.location.search).getAll(PARAM).filter(Boolean);
    if (!terms.length) { return; }
    var root = siteRoot();
    showNotice(root, terms.join(" "));
    // marks change no layout above the target, but fonts and the notice may:
    // land after marking, and land even if the marks could not be loaded
    highlight(root).then(land, land);
  }

  // -- on the search page: no excerpt made of the names' spelling variants --

  var VARIANTS_MARK = "\u241e";  // search_records.py VARIANTS_MARK
  var EXCERPT_WORDS = 30;

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  function ownExcerpt(content, excerpt) {
    // the words Pagefind marked: shown as found if the object's own text has them
    var own = content.split(VARIANTS_MARK)[0];
    var marked = (excerpt.match(/<mark>[^<]*<\/mark>/g) || []).map(function (m) {
      return m.replace(/<\/?mark>/g, "").toLowerCase();
    });
    var lower = own.toLowerCase();
    if (!marked.length || marked.some(function (w) { return lower.indexOf(w) !== -1; })) {
      return excerpt;
    }
    // found by a variant of a name: the start of the object's own text instead
    return escapeHtml(own.split(/\s+/).slice(0, EXCERPT_WORDS).join(" "));
  }

  /* Pagefind UI's processResult (templates/search.html). */
  function processResult(result) {
    if (result && typeof result.content === "string" && result.content.indexOf(VARIANTS_MARK) !== -1) {
      result.excerpt = ownExcerpt(result.content, result.excerpt || "");
      (result.sub_results || []).forEach(function (sub) {
        sub.excerpt = ownExcerpt(result.content, sub.excerpt || "");
      });
    }
    return result;
  }
  window.kbSearchLanding = { processResult: processResult };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
