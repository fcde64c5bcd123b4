// detente dashboard: the only script. Pages work without it; it adds the event card on triggers and
// reading a chosen file into the paste box. Untrusted text is only ever set with textContent.
(function () {
  "use strict";

  function eventCard() {
    var card = document.createElement("div");
    card.id = "event-card";
    card.hidden = true;
    card.setAttribute("role", "dialog");
    document.body.appendChild(card);
    return card;
  }

  function row(dl, term, value) {
    if (!value) return;
    var dt = document.createElement("dt");
    dt.textContent = term;
    var dd = document.createElement("dd");
    dd.textContent = value;
    dl.appendChild(dt);
    dl.appendChild(dd);
  }

  // The card lists every event of the clicked trigger, from the data of their rows in the events table.
  function showEvents(trigger, card) {
    var rows = (trigger.dataset.events || "").split(" ").map(function (id) {
      return document.getElementById("ev-" + id);
    }).filter(Boolean);
    if (!rows.length) return;
    card.textContent = "";
    card.className = "q" + (rows[0].dataset.quad || "");
    var close = document.createElement("button");
    close.className = "close";
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.textContent = "\u00d7";
    close.addEventListener("click", function () { hide(card); });
    card.appendChild(close);
    rows.forEach(function (r) {
      var d = r.dataset;
      var title = document.createElement("strong");
      title.textContent = d.code + " " + d.name;
      card.appendChild(title);
      var dl = document.createElement("dl");
      row(dl, "Actors", d.actors);
      row(dl, "Goldstein", d.goldstein);
      row(dl, "Quad class", d.quadName);
      row(dl, "PLOVER", d.plover);
      row(dl, "Status", d.status);
      row(dl, "Location", d.location);
      row(dl, "Rule", d.rule);
      row(dl, "Explanation", d.explain);
      card.appendChild(dl);
    });
    var link = document.createElement("a");
    link.href = "#" + rows[0].id;
    link.textContent = rows.length > 1 ? "Rows in the events table \u2193" : "Row in the events table \u2193";
    card.appendChild(link);
    var box = trigger.getBoundingClientRect();
    card.hidden = false;
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 12);
    card.style.left = Math.max(8, left) + "px";
    card.style.top = (window.scrollY + box.bottom + 6) + "px";
    document.querySelectorAll("a.trigger.open").forEach(function (t) { t.classList.remove("open"); });
    trigger.classList.add("open");
    document.querySelectorAll("tr.selected").forEach(function (r) { r.classList.remove("selected"); });
    rows.forEach(function (r) { r.classList.add("selected"); });
  }

  function hide(card) {
    card.hidden = true;
    document.querySelectorAll("a.trigger.open").forEach(function (t) { t.classList.remove("open"); });
  }

  function setUpTriggers() {
    var triggers = document.querySelectorAll("a.trigger[data-events]");
    if (!triggers.length) return;
    var card = eventCard();
    triggers.forEach(function (t) {
      t.addEventListener("click", function (e) {
        e.preventDefault();
        showEvents(t, card);
      });
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(card); });
    document.addEventListener("click", function (e) {
      if (!card.hidden && !card.contains(e.target) && !e.target.closest("a.trigger")) hide(card);
    });
  }

  function setUpFileInput() {
    var input = document.getElementById("file");
    var text = document.getElementById("text");
    var kind = document.getElementById("kind");
    if (!input || !text) return;
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        text.value = String(reader.result);
        if (kind) kind.value = /\.x?html?$/i.test(file.name) ? "html" : "text";
      };
      reader.readAsText(file);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpTriggers();
    setUpFileInput();
  });
})();
