/* The theme's script gives each expand button of the menu the English
   tooltip "Open/close menu"; give it the project's own words (the script's
   data-menu, from the extension's catalogue), also when the theme adds
   buttons later. */
(function () {
  "use strict";
  var script = document.currentScript;
  var label = script && script.dataset.menu;
  function dutch(menu) {
    menu.querySelectorAll("button.toctree-expand").forEach(function (button) {
      if (button.title !== label) {
        button.title = label;
        button.setAttribute("aria-label", label);
      }
    });
  }
  function start() {
    if (!label) {
      return;
    }
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
