/* imio.municipal: accessibility fixes (WCAG 2.1 AA) of Plone's toolbar and of wide tables.
 *
 * Its collapse and expand controls are links without href (so an aria-label is
 * not allowed on them, and the keyboard cannot reach them): make them buttons.
 * Collapsed at phone width, its links show icons only: name them after their
 * hidden text; the history link shows a date only: name it as Plone's action.
 * A table that scrolls in its own box must be reachable by keyboard to be
 * scrolled: it gets into the tab order while it is wider than its box, and
 * its hidden side fades out to show there is more to scroll to.
 * A file input of the product (.municipal-file) hides the browser's own
 * button, whose « Choose File / No file chosen » follow the browser's language,
 * behind a label in the page's language: it shows the chosen files' names.
 * Plone's own file widgets (an annex's File) get the same chooser.
 * A field with data-invalid-* refusals (written by the server, in the page's
 * language) shows them instead of the browser's bubbles, which follow the
 * browser's language; « ${date} » stands for the typed day (dd/mm/yyyy).
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
      // Its date may be written after this runs (a relative date filled in
      // by a pattern): the name follows the text whenever it changes.
      function name() {
        var when = (link.textContent || "").replace(/\s+/g, " ").trim();
        var label = (HISTORY[lang] || HISTORY.fr) + (when ? " : " + when : "");
        if (link.getAttribute("aria-label") !== label) {
          link.setAttribute("aria-label", label);
        }
      }
      name();
      if (!link.hasAttribute("data-named") && window.MutationObserver) {
        link.setAttribute("data-named", "");
        new MutationObserver(name).observe(link, {childList: true, characterData: true, subtree: true});
      }
    });
    document.querySelectorAll("#edit-zone a[href]").forEach(function (link) {
      var text = (link.textContent || "").replace(/\s+/g, " ").trim();
      if (text && !link.getAttribute("aria-label")) {
        link.setAttribute("aria-label", text);
      }
    });
  }
  // Its hidden side fades out (municipal-more-left/-right), so that a reader
  // at phone width sees the table goes on and which way to scroll it.
  function markHiddenSides(box) {
    var hiddenRight = box.scrollWidth - box.clientWidth - box.scrollLeft;
    box.classList.toggle("municipal-more-left", box.scrollLeft > 1);
    box.classList.toggle("municipal-more-right", hiddenRight > 1);
  }
  function focusableScrollers() {
    document.querySelectorAll("#content table, #content .table-responsive").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        if (!box.hasAttribute("data-scroll-hint")) {
          box.setAttribute("data-scroll-hint", "");
          box.addEventListener("scroll", function () { markHiddenSides(box); }, {passive: true});
        }
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
      }
      markHiddenSides(box);
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
  var FILE_CHOOSER = {
    fr: ["Choisir un fichier", "Aucun fichier choisi"],
    de: ["Datei auswählen", "Keine Datei ausgewählt"],
    en: ["Choose a file", "No file chosen"]
  };
  var nativeFiles = 0;
  function chooseFilesInPageLanguage() {
    var lang = (document.documentElement.lang || "fr").slice(0, 2);
    var words = FILE_CHOOSER[lang] || FILE_CHOOSER.fr;
    var inputs = "#content input[type=file]:not(.municipal-file-input)";
    document.querySelectorAll(inputs).forEach(function (input) {
      if (!input.id) {
        nativeFiles += 1;
        input.id = "municipal-file-" + nativeFiles;
      }
      var box = document.createElement("div");
      box.className = "municipal-file";
      var label = document.createElement("label");
      label.className = "btn btn-outline-secondary";
      label.htmlFor = input.id;
      label.textContent = words[0];
      var names = document.createElement("span");
      names.className = "municipal-file-names";
      names.setAttribute("aria-live", "polite");
      names.textContent = words[1];
      input.parentNode.insertBefore(box, input);
      input.classList.add("municipal-file-input", "visually-hidden");
      box.append(input, label, names);
    });
  }
  function belgianDate(iso) {
    var parts = (iso || "").split("-");
    return parts.length === 3 ? parts[2] + "/" + parts[1] + "/" + parts[0] : iso;
  }
  function refusalOf(field) {
    var validity = field.validity;
    var key = "";
    if (validity.valueMissing || validity.badInput) {
      key = "missing";
    } else if (validity.rangeOverflow) {
      key = "late";
    } else if (validity.rangeUnderflow) {
      key = "early";
    }
    var message = key ? field.getAttribute("data-invalid-" + key) || "" : "";
    return message.split("${date}").join(belgianDate(field.value));
  }
  function refuseInPageLanguage() {
    document.querySelectorAll("[data-invalid-missing]:not([data-refusals-ready])").forEach(function (field) {
      field.setAttribute("data-refusals-ready", "");
      function check() {
        field.setCustomValidity("");
        field.setCustomValidity(refusalOf(field));
      }
      field.addEventListener("input", check);
      field.addEventListener("change", check);
      check();
    });
  }
  // Any other field the browser refuses (required, e-mail, date...): the
  // page's wording from its head instead of the browser's own.
  function pageRefusal(name) {
    var meta = document.querySelector('meta[name="municipal-refusal-' + name + '"]');
    return meta ? meta.getAttribute("content") : "";
  }
  function genericRefusalOf(field) {
    var validity = field.validity;
    if (validity.valueMissing) {
      return pageRefusal("missing");
    }
    if (validity.typeMismatch || validity.badInput || validity.patternMismatch) {
      return pageRefusal("invalid");
    }
    return "";
  }
  function refuseOthersInPageLanguage() {
    var selector = "input, select, textarea";
    document.querySelectorAll(selector).forEach(function (field) {
      if (field.hasAttribute("data-invalid-missing") || field.hasAttribute("data-generic-refusals")) {
        return;
      }
      field.setAttribute("data-generic-refusals", "");
      field.addEventListener("invalid", function () {
        if (!field.validity.customError) {
          field.setCustomValidity(genericRefusalOf(field));
        }
      });
      function forget() {
        field.setCustomValidity("");
      }
      field.addEventListener("input", forget);
      field.addEventListener("change", forget);
    });
  }
  // A session's vote form shows every way of voting, so that it works without
  // JavaScript (the server reads only the chosen way's fields); with it, only
  // the chosen way's fields show: the ballots of a public vote, the totals of a
  // secret ballot, none for unanimity.
  function voteModeFields() {
    document.querySelectorAll(".session-vote-form:not([data-vote-modes])").forEach(function (form) {
      form.setAttribute("data-vote-modes", "");
      var parts = {
        public: form.querySelector(".session-vote-ballots"),
        secret: form.querySelector(".session-vote-totals"),
      };
      function show() {
        var chosen = form.querySelector("input[name=mode]:checked");
        var mode = chosen ? chosen.value : "";
        Object.keys(parts).forEach(function (key) {
          if (parts[key]) {
            parts[key].hidden = key !== mode;
            parts[key].disabled = key !== mode;
          }
        });
      }
      form.querySelectorAll("input[name=mode]").forEach(function (radio) {
        radio.addEventListener("change", show);
      });
      show();
    });
  }
  function fixAll() {
    fixToolbar();
    focusableScrollers();
    chooseFilesInPageLanguage();
    nameChosenFiles();
    refuseInPageLanguage();
    refuseOthersInPageLanguage();
    voteModeFields();
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
