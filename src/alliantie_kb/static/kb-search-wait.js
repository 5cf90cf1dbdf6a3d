/* alliantie_kb: the search page waits for its search index.
 *
 * In the live preview (kb_pagefind_background) the search index is made
 * after the pages, in a process of its own. The search page knows the
 * number of its build (data-build); the index names the build it was made
 * for (pagefind/kb-build.json). Until that is this build or a newer one the
 * page says that the index is being updated and asks again; then it loads
 * Pagefind's UI and starts the search. If the index could not be made, it
 * says why (as text).
 */
(function () {
  "use strict";
  var INTERVAL = 300;

  function load(note, start) {
    var style = document.createElement("link");
    style.rel = "stylesheet";
    style.href = note.dataset.style;
    document.head.appendChild(style);
    var script = document.createElement("script");
    script.src = note.dataset.script;
    script.onload = start;
    document.head.appendChild(script);
  }

  function say(note, text) {
    note.textContent = text;
    note.hidden = false;
  }

  window.kbSearchWait = function (start) {
    var note = document.getElementById("kb-search-wait");
    if (!note) {
      start();
      return;
    }
    var wanted = Number(note.dataset.build);
    function check() {
      fetch(note.dataset.stamp + "?t=" + Date.now(), { cache: "no-store" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .catch(function () { return null; })
        .then(function (stamp) {
          if (stamp && Number(stamp.build) >= wanted) {
            if (stamp.error) {
              say(note, note.dataset.failed + " " + String(stamp.error));
            } else {
              note.hidden = true;
              note.textContent = "";
              load(note, start);
            }
            return;
          }
          say(note, note.dataset.waiting);
          window.setTimeout(check, INTERVAL);
        });
    }
    check();
  };
})();
