/* The body chart's zoom buttons ("Whole body", "Head & neck", ...): each one shows a part of
 * both figures, larger, so that small regions (temple, mastoid, fingers) are easy to tap.
 *
 * The boxes come from the server (data-zoom-<area>="x y w h" on each <figure>, in atlas units,
 * computed from the atlas regions). A zoom sets the viewBox of the figure's inner <svg> and
 * resizes the drawing to the box's proportions; the paths, their marks and colours are untouched.
 */
(function () {
  "use strict";

  var DURATION = 220; // ms of the zoom animation

  function parseBox(text) {
    return String(text || "").trim().split(/[\s,]+/).map(Number);
  }

  function fmt(n) { return String(Math.round(n * 10) / 10); }

  function setup(fig) {
    var outer = fig.querySelector("svg");
    var inner = outer && outer.querySelector("g.view > svg");
    var whole = parseBox(fig.getAttribute("data-zoom-whole"));
    if (!inner || whole.length !== 4) return null;
    var vb = parseBox(outer.getAttribute("viewBox"));
    var placed = inner.parentNode.transform.baseVal.consolidate();
    return {
      fig: fig, outer: outer, inner: inner, box: whole, crop: 0,
      width: vb[2], panelW: Number(inner.getAttribute("width")),
      rest: vb[3] - Number(inner.getAttribute("height")), // header above, legend below
      top: placed ? placed.matrix.f : 0,
      paths: Array.prototype.slice.call(inner.querySelectorAll("path.region")),
      bounds: null
    };
  }

  // crop (0 to 1): how much of the header and legend around the figure is cut off; zoomed, the
  // page's caption names the view instead
  function show(view, box, crop) {
    var panelH = view.panelW * box[3] / box[2];
    var h = view.rest * (1 - crop) + panelH;
    view.inner.setAttribute("viewBox", box.map(fmt).join(" "));
    view.inner.setAttribute("height", fmt(panelH));
    view.outer.setAttribute("viewBox", "0 " + fmt(view.top * crop) + " " + fmt(view.width) + " " + fmt(h));
    view.outer.setAttribute("height", fmt(h));
    view.box = box;
    view.crop = crop;
  }

  // Regions outside the shown box leave the Tab order: keyboard focus stays on what is visible.
  function updateFocusable(view) {
    if (!view.bounds) view.bounds = view.paths.map(function (p) { return p.getBBox(); });
    var b = view.box;
    view.paths.forEach(function (p, i) {
      var r = view.bounds[i];
      var inside = r.x < b[0] + b[2] && r.x + r.width > b[0] && r.y < b[1] + b[3] && r.y + r.height > b[1];
      p.setAttribute("tabindex", inside ? "0" : "-1");
    });
  }

  function init() {
    var chart = document.querySelector("[data-body-chart]");
    var bar = document.querySelector("[data-chart-zoom]");
    if (!chart || !bar) return;
    var views = Array.prototype.map.call(chart.querySelectorAll("figure[data-view]"), setup)
      .filter(Boolean);
    var buttons = bar.querySelectorAll("[data-zoom-area]");
    var reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var frame = null;

    function zoom(area) {
      var targets = views.map(function (v) {
        return parseBox(v.fig.getAttribute("data-zoom-" + area) || v.fig.getAttribute("data-zoom-whole"));
      });
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", b.getAttribute("data-zoom-area") === area ? "true" : "false");
      });
      chart.classList.toggle("is-zoomed", area !== "whole");
      // a wide area (both arms) gets the full width: one figure above the other
      chart.classList.toggle("is-stacked", targets.some(function (t) { return t[2] > t[3]; }));
      chart.setAttribute("data-zoom", area);
      if (frame) cancelAnimationFrame(frame);
      var starts = views.map(function (v) { return v.box.slice(); });
      var crops = views.map(function (v) { return v.crop; });
      var crop = area === "whole" ? 0 : 1;
      var t0 = null;
      function step(now) {
        if (t0 === null) t0 = now;
        var k = reduced ? 1 : Math.min(1, (now - t0) / DURATION);
        var e = k * (2 - k); // ease out
        views.forEach(function (v, i) {
          show(v, starts[i].map(function (s, j) { return s + (targets[i][j] - s) * e; }),
            crops[i] + (crop - crops[i]) * e);
        });
        if (k < 1) { frame = requestAnimationFrame(step); return; }
        frame = null;
        views.forEach(updateFocusable);
      }
      frame = requestAnimationFrame(step);
    }

    buttons.forEach(function (b) {
      b.addEventListener("click", function () { zoom(b.getAttribute("data-zoom-area")); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
