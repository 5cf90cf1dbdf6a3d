/* alliantie_kb: the search page corrects small misspellings of names.
 *
 * kb-search-names-<checksum>.js holds the words of the knowledge base's names and the
 * site's words that are close to them (search_names.py). A query word that
 * is neither a name word, nor a site word close to one, nor the start of a
 * name word is searched as the closest name word (one edit for short words,
 * two for longer ones; diacritics ignored, "ij" as "y"). A notice above the
 * results (a live region, present from the start) says so, with a link that searches the query as typed
 * (?q=...&kb-exact=1). The query is untrusted: it is only written as text.
 */
(function () {
  "use strict";
  var EXACT = "kb-exact";
  var SHORT = 6;
  var script = document.currentScript;
  var data = window.kbSearchNames || { names: [], kept: [] };
  var names = data.names.map(function (n) { return { word: n, key: key(n), fold: fold(n) }; });
  var nameKeys = new Set(names.map(function (n) { return n.key; }));
  var kept = new Set(data.kept);
  var notice = null;

  function key(word) {
    return word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function fold(word) {
    return key(word).replace(/ij/g, "y");
  }

  function limit(folded) {
    return folded.length <= SHORT ? 1 : 2;
  }

  function distance(a, b) {
    var prev2 = [];
    var prev = [];
    for (var j = 0; j <= b.length; j++) { prev.push(j); }
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          row[j] = Math.min(row[j], prev2[j - 2] + 1);
        }
      }
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  /* The name word a query word stands for, or null to search it as typed. */
  function correction(word) {
    var k = key(word);
    if (k.length < 4 || nameKeys.has(k) || kept.has(k)) { return null; }
    if (names.some(function (n) { return n.key.indexOf(k) === 0; })) { return null; }
    var folded = fold(word);
    var best = null;
    var bestDistance = limit(folded) + 1;
    names.forEach(function (n) {
      if (Math.abs(n.fold.length - folded.length) >= bestDistance) { return; }
      var d = distance(folded, n.fold);
      if (d < bestDistance) { best = n.word; bestDistance = d; }
    });
    return best;
  }

  /* The query with its misspelt name words corrected (words: runs of letters). */
  function correct(term) {
    return term.replace(/[\p{L}\p{M}]+/gu, function (word) {
      return correction(word) || word;
    });
  }

  function exactQuery() {
    var params = new URLSearchParams(window.location.search);
    return params.get(EXACT) ? params.get("q") : null;
  }

  function ensureNotice() {
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "kb-search-correction";
      notice.setAttribute("role", "status");
    }
    place();
    return notice;
  }

  /* Above the results: first in Pagefind's drawer once it exists (it holds
   * the results), after the search box until then. */
  function place() {
    var search = document.getElementById("kb-search");
    if (!notice || !search) { return; }
    var drawer = search.querySelector(".pagefind-ui__drawer");
    if (drawer) {
      if (drawer.firstElementChild !== notice) { drawer.insertBefore(notice, drawer.firstChild); }
    } else if (!notice.parentNode) {
      search.appendChild(notice);
    }
  }

  function watch() {
    var search = document.getElementById("kb-search");
    ensureNotice();
    if (search) { new MutationObserver(place).observe(search, { childList: true, subtree: true }); }
  }

  function show(original, corrected) {
    var box = ensureNotice();
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (corrected === original) { return; }
    var texts = script.dataset;
    box.appendChild(document.createTextNode(
      texts.resultsFor + " \u2018" + corrected + "\u2019. "));
    var link = document.createElement("a");
    var params = new URLSearchParams({ q: original });
    params.set(EXACT, "1");
    link.href = "?" + params.toString();
    link.textContent = texts.searchedReally + " \u2018" + original + "\u2019?";
    box.appendChild(link);
  }

  /* Pagefind UI's processTerm: the query as searched. */
  function processTerm(term) {
    var corrected = term === exactQuery() ? term : correct(term);
    show(term, corrected);
    return corrected;
  }

  window.kbSearchCorrect = { processTerm: processTerm, correct: correct };
  window.addEventListener("DOMContentLoaded", watch);
})();
