// The apply form follows the chosen action: options only for instantaneous actions (and only
// the chosen action's), start and expiry only for temporal ones, "escalate" only where the
// action has a ladder; while escalating, the ladder gives the expiry. Hidden fields are
// disabled so they send nothing. Without this script every field shows and the server decides.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("apply");
  const action = form && form.querySelector("#userActionId");
  if (!action) return;
  const enable = (element, on) => {
    element.hidden = !on;
    for (const field of element.querySelectorAll("input, select, textarea")) field.disabled = !on;
  };
  const follow = () => {
    const chosen = action.selectedOptions[0];
    const picked = Boolean(chosen && chosen.value);
    const temporal = picked && chosen.dataset.temporal === "true";
    const wanted = {
      instant: !picked || !temporal,
      temporal: !picked || temporal,
      ladder: !picked || (temporal && chosen.dataset.ladder === "true"),
    };
    // In document order, so a part inside another is decided after it.
    for (const part of form.querySelectorAll("[data-for-kind]")) {
      enable(part, wanted[part.dataset.forKind] !== false);
    }
    for (const group of form.querySelectorAll("#option optgroup[data-definition]")) {
      group.hidden = picked && group.dataset.definition !== chosen.value;
    }
    const escalate = form.querySelector("#escalate");
    const escalating = Boolean(escalate && !escalate.disabled && escalate.checked);
    for (const field of form.querySelectorAll("[data-expiry-field] input")) {
      if (wanted.temporal) field.disabled = escalating;
    }
  };
  action.addEventListener("change", follow);
  form.addEventListener("change", (event) => {
    if (event.target && event.target.id === "escalate") follow();
  });
  follow();
});
