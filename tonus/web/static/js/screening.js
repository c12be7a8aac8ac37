// "No to all" on the screening form: answers "No" to every question of the section that is
// still unanswered, so the therapist only changes the few that apply. Never overwrites an
// answer already given.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-no-to-all]")) {
    button.hidden = false;
    button.addEventListener("click", () => {
      const section = button.closest("fieldset");
      for (const group of section.querySelectorAll("[role=radiogroup]")) {
        const chosen = group.querySelector("input[type=radio]:checked");
        if (!chosen || chosen.value === "") {
          const no = group.querySelector("input[type=radio][value=no]");
          if (no) no.checked = true;
        }
      }
    });
  }
});
