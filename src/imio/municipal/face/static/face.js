/* imio.municipal: accessibility fixes (WCAG 2.1 AA) of Plone's toolbar and of wide tables.
 *
 * Its collapse and expand controls are links without href (so an aria-label is
 * not allowed on them, and the keyboard cannot reach them): make them buttons.
 * Collapsed at phone width, its links show icons only: name them after their
 * hidden text; the history link shows a date only: name it as Plone's action.
 * A table that scrolls in its own box must be reachable by keyboard to be
 * scrolled: it gets into the tab order while it is wider than its box.
 * A file input of the product (.municipal-file) hides the browser's own
 * button, whose « Choose File / No file chosen » follow the browser's language,
 * behind a label in the page's language: it shows the chosen files' names.
 */
(function () {
  "use strict";
  var HISTORY = {fr: "Historique", de: "Verlauf", en: "History"};
  function fixToolbar() {
    var controls = "#edit-zone .toolbar-collapse:not([role]), #edit-zone .toolbar-expand:not([role])";
    document.querySelectorAll(controls).forEach(function (control) {
      control.setAttribute("role", "button");
      control.setAttribute("tabindex", "0");
      control.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          control.click();
        }
      });
    });
    var lang = (document.documentElement.lang || "fr").slice(0, 2);
    document.querySelectorAll("#contentview-history a").forEach(function (link) {
      var when = (link.textContent || "").replace(/\s+/g, " ").trim();
      link.setAttribute("aria-label", (HISTORY[lang] || HISTORY.fr) + (when ? " : " + when : ""));
    });
    document.querySelectorAll("#edit-zone a[href]").forEach(function (link) {
      var text = (link.textContent || "").replace(/\s+/g, " ").trim();
      if (text && !link.getAttribute("aria-label")) {
        link.setAttribute("aria-label", text);
      }
    });
  }
  function focusableScrollers() {
    document.querySelectorAll("#content table, #content .table-responsive").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
      }
    });
  }
  function nameChosenFiles() {
    document.querySelectorAll(".municipal-file:not([data-ready])").forEach(function (box) {
      var input = box.querySelector("input[type=file]");
      var names = box.querySelector(".municipal-file-names");
      var none = names.textContent;
      box.setAttribute("data-ready", "");
      input.addEventListener("change", function () {
        var chosen = Array.prototype.map.call(input.files, function (file) { return file.name; });
        names.textContent = chosen.length ? chosen.join(", ") : none;
      });
    });
  }
  function fixAll() {
    fixToolbar();
    focusableScrollers();
    nameChosenFiles();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fixAll);
  } else {
    fixAll();
  }
  // Patterns may redraw the toolbar's labels after the document is parsed.
  window.addEventListener("load", fixAll);
  window.addEventListener("resize", focusableScrollers);
})();
