// Small progressive enhancements; every page works without this file.
"use strict";

// A signed-in page brought back from the back/forward cache (say, with Back after signing out)
// is fetched again, so that the server decides what it shows: the sign-in page, once signed out.
window.addEventListener("pageshow", (event) => {
  if (event.persisted && document.body && document.body.hasAttribute("data-signed-in")) {
    window.location.reload();
  }
});

document.addEventListener("DOMContentLoaded", () => {
  // Buttons with data-confirm ask before their form is sent.
  for (const button of document.querySelectorAll("button[data-confirm]")) {
    button.addEventListener("click", (event) => {
      if (!window.confirm(button.dataset.confirm)) event.preventDefault();
    });
  }
  // Expiry presets fill the datetime field they point at.
  for (const preset of document.querySelectorAll("button[data-preset-target]")) {
    preset.addEventListener("click", (event) => {
      event.preventDefault();
      const field = document.getElementById(preset.dataset.presetTarget);
      if (field) field.value = preset.dataset.presetValue;
    });
  }
  // "Add a row" buttons copy the last row of a repeated group, emptied.
  for (const add of document.querySelectorAll("button[data-add-row]")) {
    add.addEventListener("click", (event) => {
      event.preventDefault();
      const group = document.getElementById(add.dataset.addRow);
      const rows = group ? group.querySelectorAll(".pair") : [];
      if (!rows.length) return;
      const copy = rows[rows.length - 1].cloneNode(true);
      // A number no row uses yet (rows may have been removed).
      const first = copy.querySelector("[id]");
      const base = first ? first.id.replace(/-\d+$/, "") : "";
      let n = rows.length + 1;
      while (base && document.getElementById(base + "-" + n)) n += 1;
      const suffix = "-" + n;
      for (const input of copy.querySelectorAll("input, textarea, select")) {
        if (input.tagName === "SELECT") input.selectedIndex = input.name.endsWith("_unit") ? 1 : 0;
        else input.value = "";
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
        input.id = input.id.replace(/-\d+$/, "") + suffix;
      }
      for (const label of copy.querySelectorAll("label")) {
        label.htmlFor = label.htmlFor.replace(/-\d+$/, "") + suffix;
      }
      for (const error of copy.querySelectorAll(".error")) error.remove();
      copy.classList.remove("invalid");
      group.insertBefore(copy, rows[rows.length - 1].nextSibling);
    });
  }
  // "Remove" buttons take their row out of a repeated group; the last row is emptied instead.
  document.addEventListener("click", (event) => {
    const remove = event.target.closest("button[data-remove-row]");
    const row = remove && remove.closest(".pair");
    if (!row) return;
    event.preventDefault();
    const siblings = row.parentElement.querySelectorAll(":scope > .pair");
    if (siblings.length > 1) {
      row.remove();
    } else {
      for (const input of row.querySelectorAll("input, textarea")) input.value = "";
    }
  });
});

// A delivery or email log ([data-live]) refreshes itself in place: while something in it is
// pending, and for a couple of minutes after the page opened so that new rows show up. Each
// round fetches the page again and swaps in the fresh log; it stops once nothing is pending.
document.addEventListener("DOMContentLoaded", () => {
  const opened = Date.now();
  const every = 4000;
  const round = async () => {
    const log = document.getElementById("live-log");
    if (!log) return;
    const pending = log.dataset.live === "pending";
    if (!pending && Date.now() - opened > 120000) return;
    if (!document.hidden) {
      try {
        const response = await fetch(window.location.href, { credentials: "same-origin" });
        if (response.ok && new URL(response.url).pathname === window.location.pathname) {
          const page = new DOMParser().parseFromString(await response.text(), "text/html");
          const fresh = page.getElementById("live-log");
          if (fresh) log.replaceWith(fresh);
        }
      } catch (_) {
        // Offline for a moment: try again next round.
      }
    }
    window.setTimeout(round, every);
  };
  if (document.getElementById("live-log")) window.setTimeout(round, every);
});
