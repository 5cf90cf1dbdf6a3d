/* Narrow an explorer ({explorer}, alliantie_kb/explorer.py) by its facets.
 *
 * The page already holds the whole list and, hidden, the facet controls:
 * one checkbox per value, its value being the class that the entries holding
 * that value carry (kb-v-<facet>-<value>). This script shows the controls,
 * hides the entries that do not match (values of one facet: any of them;
 * different facets: all of them) and recounts every value against the other
 * facets' choices. Each facet folds (<details>); on a narrow screen they
 * start folded. No requests: it works from file:// too.
 */
(function () {
  "use strict";

  function explorer(root) {
    var form = root.querySelector("form.kb-explorer-controls");
    var status = root.querySelector(".kb-explorer-status");
    var list = root.querySelector(".kb-explorer-list");
    if (!form || !status || !list) {
      return;
    }
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var items = Array.prototype.slice.call(list.children).filter(function (li) {
      return li.classList.contains("kb-explorer-item");
    });
    var facets = 0;
    boxes.forEach(function (box) {
      facets = Math.max(facets, Number(box.getAttribute("data-kb-facet")) + 1);
    });
    var template = status.getAttribute("data-kb-template") || "{shown} / {total}";
    var chosenText = form.getAttribute("data-kb-chosen") || "{n}";
    var folds = Array.prototype.slice.call(form.querySelectorAll("details.kb-facet"));

    /* Does an entry match every facet's choice, leaving out facet `skip`? */
    function matches(item, chosen, skip) {
      for (var f = 0; f < facets; f++) {
        if (f === skip || chosen[f].length === 0) {
          continue;
        }
        var any = chosen[f].some(function (token) {
          return item.classList.contains(token);
        });
        if (!any) {
          return false;
        }
      }
      return true;
    }

    function update() {
      var chosen = [];
      for (var f = 0; f < facets; f++) {
        chosen.push([]);
      }
      boxes.forEach(function (box) {
        if (box.checked) {
          chosen[Number(box.getAttribute("data-kb-facet"))].push(box.value);
        }
      });
      var shown = 0;
      items.forEach(function (item) {
        var show = matches(item, chosen, -1);
        item.hidden = !show;
        if (show) {
          shown++;
        }
      });
      boxes.forEach(function (box) {
        var facet = Number(box.getAttribute("data-kb-facet"));
        var count = items.filter(function (item) {
          return item.classList.contains(box.value) && matches(item, chosen, facet);
        }).length;
        var label = form.querySelector('label[for="' + box.id + '"] .kb-count');
        if (label) {
          label.textContent = "(" + count + ")";
        }
        box.parentNode.classList.toggle("kb-none", count === 0 && !box.checked);
      });
      folds.forEach(function (fold, f) {
        var note = fold.querySelector(".kb-chosen");
        if (note) {
          var n = chosen[f] ? chosen[f].length : 0;
          note.textContent = n ? "(" + chosenText.replace("{n}", String(n)) + ")" : "";
        }
      });
      status.textContent = template
        .replace("{shown}", String(shown))
        .replace("{total}", String(items.length));
    }

    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    var reset = form.querySelector(".kb-explorer-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        boxes.forEach(function (box) {
          box.checked = false;
        });
        update();
      });
    }
    // on a narrow screen the facets start folded, so that the list shows
    if (window.matchMedia && window.matchMedia("(max-width: 40em)").matches) {
      folds.forEach(function (fold) {
        fold.open = false;
      });
    }
    form.hidden = false;
    status.hidden = false;
    update();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".kb-explorer"), explorer);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
