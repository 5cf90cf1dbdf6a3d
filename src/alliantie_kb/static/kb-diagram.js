/* Zoom buttons for the knowledge base's diagrams (alliantie_kb.diagram_html).
   The diagram starts at its natural size, where its text is readable, in a
   region that scrolls; the buttons scale it between a quarter and twice that
   size, or fit it to the width. Without this script the diagram stays at its
   natural size and scrolls. */
(function () {
  "use strict";
  var MIN = 0.25, MAX = 2, STEP = 1.25;

  function setUp(figure) {
    var bar = figure.querySelector(".kb-diagram-zoom");
    var view = figure.querySelector(".kb-diagram-view");
    var picture = view && view.querySelector("object");
    if (!bar || !picture) return;
    var natural = parseFloat(picture.style.width);
    if (!natural) return;
    var scale = 1;

    function apply(next) {
      scale = Math.min(MAX, Math.max(MIN, next));
      picture.style.width = Math.round(natural * scale) + "px";
      bar.querySelector('[data-kb-zoom="in"]').disabled = scale >= MAX;
      bar.querySelector('[data-kb-zoom="out"]').disabled = scale <= MIN;
    }

    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-kb-zoom]");
      if (!button) return;
      var action = button.getAttribute("data-kb-zoom");
      if (action === "in") apply(scale * STEP);
      else if (action === "out") apply(scale / STEP);
      else if (action === "full") apply(1);
      else if (action === "fit") apply(Math.min(1, view.clientWidth / natural));
    });
    bar.hidden = false;
    apply(1);
    // start at the middle of the left edge, where the story's first box is
    view.scrollTop = Math.max(0, (view.scrollHeight - view.clientHeight) / 2);
  }

  function start() {
    document.querySelectorAll(".kb-diagram-figure").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
