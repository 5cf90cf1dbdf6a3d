/* Previews of knowledge-base objects (alliantie_kb/previews.py).
 *
 * Hovering or focusing a link to an object shows a card with its type, title
 * and key fields, as a tooltip the link describes (aria-describedby). Escape,
 * leaving the link (and the card) or moving focus away hides it. The data is
 * kb-hovercards.js at the site root, loaded from the site itself on the first
 * hover; when it does not load there is simply no card. No framework. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src) return;
  /* this file is <root>/_static/kb-hovercard.js */
  var root = new URL("../", script.src);
  var DATA = new URL("kb-hovercards.js", root).href;
  var GAP = 6;

  var data = null;
  var loading = null;
  var card = null;
  var current = null;
  /* the link whose card Escape closed: not shown again until left */
  var dismissed = null;
  /* the link the pointer or focus is on while the data loads */
  var wanted = null;
  var hideTimer = 0;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve) {
        var tag = document.createElement("script");
        tag.src = DATA;
        tag.async = true;
        tag.onload = function () {
          var value = window.kbHovercards;
          data = value && typeof value === "object" && value.cards ? value : null;
          resolve(data);
        };
        tag.onerror = function () {
          resolve(null);
        };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  /* the link's target relative to the site root: "2012/drachten.html#id" */
  function key(link) {
    var href = link.getAttribute("href");
    if (!href || href.indexOf("#") < 0) return null;
    var url;
    try {
      url = new URL(href, document.baseURI);
    } catch (e) {
      return null;
    }
    if (url.origin !== root.origin && url.protocol !== "file:") return null;
    var path = decodeURI(url.pathname);
    var base = decodeURI(root.pathname);
    if (path.indexOf(base) !== 0) return null;
    return path.slice(base.length) + url.hash;
  }

  /* a folder's index.html is the folder itself (dirhtml opened as files) */
  function lookup(cards, k) {
    if (!k) return null;
    if (Object.prototype.hasOwnProperty.call(cards, k)) return cards[k];
    var folder = k.replace(/(^|\/)index\.html#/, "$1#");
    return folder !== k && Object.prototype.hasOwnProperty.call(cards, folder) ? cards[folder] : null;
  }

  function objectLink(target) {
    if (!(target instanceof Element)) return null;
    var link = target.closest("a.reference");
    if (!link || link.classList.contains("headerlink")) return null;
    return link;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function ensureCard() {
    if (card) return card;
    card = element("div", "kb-hovercard");
    card.id = "kb-hovercard";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    card.addEventListener("mouseenter", function () {
      window.clearTimeout(hideTimer);
    });
    card.addEventListener("mouseleave", function () {
      hideSoon();
    });
    document.body.appendChild(card);
    return card;
  }

  function fill(info) {
    var box = ensureCard();
    box.textContent = "";
    box.appendChild(element("p", "kb-hovercard-type", info.type));
    box.appendChild(element("p", "kb-hovercard-title", info.title));
    var fields = info.fields || [];
    if (fields.length) {
      var list = element("dl", "kb-hovercard-fields");
      fields.forEach(function (pair) {
        var row = element("div", "kb-hovercard-field");
        row.appendChild(element("dt", "", pair[0]));
        var value = pair[1];
        var dd = element("dd", value ? "" : "kb-hovercard-empty", value || data.empty);
        row.appendChild(dd);
        list.appendChild(row);
      });
      box.appendChild(list);
    }
  }

  /* below the link, or above it when there is no room below: never on it */
  function place(link) {
    var box = ensureCard();
    var rect = link.getBoundingClientRect();
    var width = box.offsetWidth;
    var height = box.offsetHeight;
    var viewWidth = document.documentElement.clientWidth;
    var left = Math.max(GAP, Math.min(rect.left, viewWidth - width - GAP));
    var top = rect.bottom + GAP;
    if (top + height > window.innerHeight && rect.top - GAP - height >= 0) {
      top = rect.top - GAP - height;
    }
    box.style.left = left + window.scrollX + "px";
    box.style.top = top + window.scrollY + "px";
  }

  function show(link) {
    window.clearTimeout(hideTimer);
    if (current === link || dismissed === link) return;
    wanted = link;
    load().then(function (loaded) {
      if (!loaded) return;
      var info = lookup(loaded.cards, key(link));
      if (!info || wanted !== link) return;
      hide();
      fill(info);
      current = link;
      if (link.hasAttribute("title")) {
        /* the card says it: no native tooltip over it */
        link.setAttribute("data-kb-title", link.getAttribute("title"));
        link.removeAttribute("title");
      }
      link.setAttribute("aria-describedby", card.id);
      card.hidden = false;
      place(link);
    });
  }

  function hide() {
    window.clearTimeout(hideTimer);
    if (!current) return;
    current.removeAttribute("aria-describedby");
    if (current.hasAttribute("data-kb-title")) {
      current.setAttribute("title", current.getAttribute("data-kb-title"));
      current.removeAttribute("data-kb-title");
    }
    current = null;
    if (card) card.hidden = true;
  }

  /* a short grace period, so that the pointer can move onto the card */
  function hideSoon() {
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, 200);
  }

  document.addEventListener("mouseover", function (event) {
    var link = objectLink(event.target);
    if (link) show(link);
  });
  document.addEventListener("mouseout", function (event) {
    var link = objectLink(event.target);
    if (!link || link.contains(event.relatedTarget)) return;
    if (link === dismissed) dismissed = null;
    if (link === wanted && link !== current) wanted = null;
    if (link === current) hideSoon();
  });
  document.addEventListener("focusin", function (event) {
    var link = objectLink(event.target);
    if (link) show(link);
  });
  document.addEventListener("focusout", function (event) {
    var link = objectLink(event.target);
    if (link === dismissed) dismissed = null;
    if (link === wanted && link !== current) wanted = null;
    if (link && link === current) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      dismissed = current;
      wanted = null;
      hide();
    }
  });
  window.addEventListener("resize", function () {
    if (current) place(current);
  });
})();
