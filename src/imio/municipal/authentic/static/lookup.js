// « Compléter depuis les sources authentiques »: a button beside each
// applicant's NISS/BCE fills the row's name and address from the BCED.
(function () {
  "use strict";
  var FIELD = /^form\.widgets\.applicants\.(\d+)\.widgets\.(\w+)(:list)?$/;

  function rows(form) {
    var found = {};
    form.querySelectorAll("[name^='form.widgets.applicants.']").forEach(function (input) {
      var match = FIELD.exec(input.name);
      if (!match) return;
      (found[match[1]] = found[match[1]] || {})[match[2]] = input;
    });
    return found;
  }

  function status(row, text, failed) {
    var input = row.bce || row.niss;
    var anchor = input.closest("td, .datagridwidget-cell, div") || input.parentNode;
    var box = anchor.querySelector(".authentic-lookup-status");
    if (!box) {
      box = document.createElement("div");
      box.className = "authentic-lookup-status small";
      box.setAttribute("role", "status");
      anchor.appendChild(box);
    }
    box.textContent = text;
    box.classList.toggle("text-danger", !!failed);
  }

  function mark(input, label) {
    var next = input.nextElementSibling;
    if (next && next.classList.contains("authentic-filled")) return;
    var badge = document.createElement("span");
    badge.className = "badge text-bg-light border authentic-filled";
    badge.textContent = label;
    input.insertAdjacentElement("afterend", badge);
    input.addEventListener("input", function () { badge.remove(); }, { once: true });
  }

  function lookup(panel, row, button) {
    var labels = panel.dataset;
    var person = !row.kind || row.kind.value !== "company";
    var number = (person ? row.niss : row.bce || row.niss).value.trim();
    if (!number) {
      status(row, labels.labelMissing, true);
      return;
    }
    button.disabled = true;
    status(row, labels.labelBusy, false);
    fetch(labels.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({
        kind: person ? "person" : "enterprise",
        number: number,
        purpose: document.getElementById("authentic-lookup-purpose").value,
      }),
    })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      })
      .then(function (answer) {
        if (!answer.ok) {
          var error = answer.body.error || answer.body;
          status(row, error.message || answer.body.message || "", true);
          return;
        }
        var fields = answer.body.record.applicant;
        Object.keys(fields).forEach(function (key) {
          if (!row[key]) return;
          row[key].value = fields[key];
          row[key].dispatchEvent(new Event("change", { bubbles: true }));
          mark(row[key], labels.labelBadge);
        });
        status(row, labels.labelDone, false);
      })
      .catch(function () { status(row, "", true); })
      .finally(function () { button.disabled = false; });
  }

  function addButtons(panel, form) {
    var found = rows(form);
    Object.keys(found).forEach(function (index) {
      var row = found[index];
      if (!row.niss || row.niss.dataset.authenticButton) return;
      row.niss.dataset.authenticButton = "1";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-primary mt-1 authentic-lookup";
      button.textContent = panel.dataset.labelButton;
      button.addEventListener("click", function () {
        // The datagrid renumbers rows: read the row again at click time.
        var current = rows(form)[index] || row;
        lookup(panel, current, button);
      });
      (row.bce || row.niss).insertAdjacentElement("afterend", button);
    });
  }

  function start() {
    var panel = document.getElementById("authentic-lookup-panel");
    var form = document.querySelector("form#form, form[name='edit_form'], #content-core form");
    if (!panel || !form) return;
    var field = form.querySelector("#formfield-form-widgets-applicants");
    if (field) field.insertAdjacentElement("afterbegin", panel);
    addButtons(panel, form);
    new MutationObserver(function () { addButtons(panel, form); })
      .observe(form, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
