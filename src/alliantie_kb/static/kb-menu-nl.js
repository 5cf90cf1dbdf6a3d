/* The theme's script gives each expand button of the menu the English
   tooltip "Open/close menu"; give it a Dutch one, also when the theme adds
   buttons later. */
(function () {
  "use strict";
  var label = "Menu openen of sluiten";
  function dutch(menu) {
    menu.querySelectorAll("button.toctree-expand").forEach(function (button) {
      if (button.title !== label) {
        button.title = label;
        button.setAttribute("aria-label", label);
      }
    });
  }
  function start() {
    var menu = document.querySelector(".wy-menu-vertical");
    if (!menu) {
      return;
    }
    dutch(menu);
    new MutationObserver(function () {
      dutch(menu);
    }).observe(menu, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
