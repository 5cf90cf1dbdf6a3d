/* The reader's site on a phone (small_screens.py adds it to HTML pages).
   - Listing tables become cards on a narrow screen (phone.css); each cell
     gets its column's name in data-label, which the card shows beside it.
   - Any other table wider than the screen scrolls inside a region that says
     so and can be reached with the keyboard. */
(function () {
  "use strict";
  /* the label in the project's language, from the script's data-scroll */
  var script = document.currentScript;
  var SCROLL_LABEL = (script && script.dataset.scroll) || "";

  function labelListingCells() {
    document.querySelectorAll(".rst-content table.kb-listing").forEach(function (table) {
      var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, i) {
          if (names[i]) { cell.setAttribute("data-label", names[i]); }
        });
      });
    });
  }

  /* the box a table scrolls in: the theme's wrapper, or one of ours */
  function scrollBox(table) {
    var parent = table.parentElement;
    if (parent.classList.contains("wy-table-responsive") || parent.classList.contains("kb-scroll")) {
      return parent;
    }
    var box = document.createElement("div");
    box.className = "kb-scroll";
    parent.insertBefore(box, table);
    box.appendChild(table);
    return box;
  }

  function markWideTables() {
    document.querySelectorAll(".rst-content table:not(.kb-listing)").forEach(function (table) {
      var box = scrollBox(table);
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", SCROLL_LABEL);
        box.setAttribute("data-kb-label", SCROLL_LABEL);
        box.setAttribute("tabindex", "0");
        box.classList.add("kb-scrolls");
      } else if (box.classList.contains("kb-scrolls")) {
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        box.removeAttribute("data-kb-label");
        box.removeAttribute("tabindex");
        box.classList.remove("kb-scrolls");
      }
    });
  }

  labelListingCells();
  /* after the theme has wrapped its tables (on DOMContentLoaded) */
  window.addEventListener("load", markWideTables);
  window.addEventListener("resize", markWideTables);
})();
