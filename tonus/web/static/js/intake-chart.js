/* The client-mode body chart of the intake form: one part of the body at a time, larger.
 *
 * It drives the consultation chart's own zoom buttons (body-chart-zoom.js): the first part is
 * shown on load, and "Next part" / "Previous part" step through them, so a client on a phone
 * taps large regions of one area instead of the whole tiny figure.
 */
(function () {
  "use strict";

  function init() {
    var bar = document.querySelector("[data-chart-zoom]");
    var step = document.querySelector("[data-chart-steps]");
    if (!bar || !step) return;
    var buttons = Array.prototype.slice.call(bar.querySelectorAll("[data-zoom-area]"));
    if (!buttons.length) return;
    var current = 0;
    var label = step.querySelector("[data-step-label]");
    var prev = step.querySelector("[data-step-prev]");
    var next = step.querySelector("[data-step-next]");

    function go(i) {
      current = Math.max(0, Math.min(buttons.length - 1, i));
      buttons[current].click();
      label.textContent = "Part " + (current + 1) + " of " + buttons.length + ": " +
        buttons[current].textContent;
      prev.disabled = current === 0;
      next.disabled = current === buttons.length - 1;
    }

    buttons.forEach(function (b, i) {
      b.addEventListener("click", function () {
        if (current !== i) { current = i; go(i); }
      });
    });
    prev.addEventListener("click", function () { go(current - 1); });
    next.addEventListener("click", function () { go(current + 1); });
    // after body-chart-zoom.js has wired its buttons
    window.setTimeout(function () { go(0); }, 0);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
