/* The consultation body chart: tap, click or press Enter on a region to mark its pain.
 *
 * No library. The chart is the core atlas SVG (every region a <path class="region"
 * data-region="...">). The marks live in one hidden field as JSON:
 * [{"region", "intensity" 0-10, "qualities": [...], "primary": true?}], which the server
 * checks and turns into a tonus.case/1.
 */
(function () {
  "use strict";

  var BLANK_FILL = "#f2f0ed", BLANK_STROKE = "#d3cec8", MARK_STROKE = "#8a2a12";
  var TAP_SLOP = 10; // px a pointer may move and still count as a tap

  function readJSON(id, fallback) {
    var el = document.getElementById(id);
    if (!el) return fallback;
    try { return JSON.parse(el.textContent); } catch (e) { return fallback; }
  }

  function init() {
    var chart = document.querySelector("[data-body-chart]");
    var form = document.getElementById("consultation-form") || document.querySelector("form[data-chart-form]");
    if (!chart || !form) return;
    var field = form.querySelector("input[name=drawing]");
    var palette = readJSON("chart-palette", []);
    var labels = readJSON("chart-labels", {});
    var panel = document.getElementById("mark-panel");
    var panelTitle = document.getElementById("mark-panel-title");
    var intensityOut = document.getElementById("intensity-value");
    var intensityButtons = panel.querySelectorAll("[data-intensity]");
    var qualityBoxes = panel.querySelectorAll("[data-quality]");
    var primaryBox = panel.querySelector("[data-primary]");
    var removeButton = panel.querySelector("[data-panel-remove]");
    var list = document.getElementById("marks-list");
    var empty = document.getElementById("marks-empty");
    var count = document.getElementById("marks-count");
    var picker = document.getElementById("region-picker");

    var order = []; // regions in the order they were marked
    var marks = {}; // region -> mark
    var editing = null; // the region the panel is open for
    var draftIntensity = 5;
    var returnFocus = null;

    readJSON("chart-marks", []).forEach(function (m) {
      if (!m || typeof m.region !== "string" || marks[m.region]) return;
      marks[m.region] = {
        region: m.region,
        intensity: Number(m.intensity),
        qualities: Array.isArray(m.qualities) ? m.qualities.slice() : [],
        primary: m.primary === true
      };
      order.push(m.region);
    });

    function label(region) { return labels[region] || region; }

    function colour(intensity) {
      var k = Math.max(0, Math.min(10, intensity));
      var lo = Math.floor(k), hi = Math.ceil(k);
      if (lo === hi || !palette[hi]) return palette[lo] || BLANK_FILL;
      var a = parseInt(palette[lo].slice(1), 16), b = parseInt(palette[hi].slice(1), 16);
      var f = k - lo, out = "#";
      [16, 8, 0].forEach(function (shift) {
        var ca = (a >> shift) & 255, cb = (b >> shift) & 255;
        out += ("0" + Math.round(ca + (cb - ca) * f).toString(16)).slice(-2);
      });
      return out;
    }

    function paths(region) {
      return chart.querySelectorAll('path.region[data-region="' + region + '"]');
    }

    function paint(region) {
      var mark = marks[region];
      paths(region).forEach(function (p) {
        if (!mark) {
          p.setAttribute("fill", BLANK_FILL);
          p.setAttribute("stroke", BLANK_STROKE);
          p.setAttribute("stroke-width", "0.5");
          p.classList.remove("marked");
          p.setAttribute("aria-label", label(region));
          return;
        }
        p.classList.add("marked");
        p.setAttribute("fill", mark.intensity > 0 ? colour(mark.intensity) : BLANK_FILL);
        p.setAttribute("stroke", MARK_STROKE);
        p.setAttribute("stroke-width", mark.intensity > 0 ? "0.6" : "1.2");
        p.setAttribute("aria-label", label(region) + ", pain " + mark.intensity + " of 10");
      });
    }

    function sync() {
      field.value = JSON.stringify(order.map(function (r) {
        var m = marks[r], out = { region: r, intensity: m.intensity, qualities: m.qualities };
        if (m.primary) out.primary = true;
        return out;
      }));
    }

    function button(text, cls, onClick, aria) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "button " + cls;
      b.textContent = text;
      if (aria) b.setAttribute("aria-label", aria);
      b.addEventListener("click", onClick);
      return b;
    }

    function renderList() {
      list.textContent = "";
      order.forEach(function (region) {
        var m = marks[region];
        var li = document.createElement("li");
        li.className = "mark-item";
        var swatch = document.createElement("span");
        swatch.className = "swatch";
        swatch.style.background = m.intensity > 0 ? colour(m.intensity) : BLANK_FILL;
        swatch.textContent = m.intensity;
        var text = document.createElement("span");
        text.className = "mark-text";
        var name = document.createElement("strong");
        name.textContent = label(region);
        text.appendChild(name);
        if (m.primary) {
          var badge = document.createElement("span");
          badge.className = "badge badge-warn";
          badge.textContent = "primary";
          text.appendChild(document.createTextNode(" "));
          text.appendChild(badge);
        }
        var detail = document.createElement("span");
        detail.className = "mark-detail";
        detail.textContent = m.intensity + "/10" + (m.qualities.length
          ? " · " + m.qualities.map(function (q) { return q; }).join(", ") : "");
        text.appendChild(detail);
        var actions = document.createElement("span");
        actions.className = "mark-actions";
        actions.appendChild(button("Edit", "", function () { open(region, this); },
          "Edit " + label(region)));
        actions.appendChild(button("Remove", "button-quiet", function () { remove(region); },
          "Remove " + label(region)));
        li.appendChild(swatch);
        li.appendChild(text);
        li.appendChild(actions);
        list.appendChild(li);
      });
      count.textContent = order.length;
      empty.hidden = order.length > 0;
      sync();
    }

    function setIntensity(value) {
      draftIntensity = value;
      intensityOut.textContent = value;
      intensityButtons.forEach(function (b) {
        var on = Number(b.dataset.intensity) === value;
        b.setAttribute("aria-checked", on ? "true" : "false");
        b.tabIndex = on ? 0 : -1;
      });
    }

    function select(region) {
      chart.querySelectorAll("path.region.selected").forEach(function (p) {
        p.classList.remove("selected");
      });
      if (region) paths(region).forEach(function (p) { p.classList.add("selected"); });
    }

    function open(region, from) {
      var m = marks[region];
      editing = region;
      returnFocus = from || null;
      panelTitle.textContent = label(region);
      setIntensity(m ? Math.round(m.intensity) : 5);
      qualityBoxes.forEach(function (box) {
        box.checked = !!m && m.qualities.indexOf(box.value) >= 0;
      });
      primaryBox.checked = m ? m.primary : order.length === 0;
      removeButton.hidden = !m;
      panel.hidden = false;
      document.body.classList.add("mark-panel-open");
      select(region);
      var current = panel.querySelector('[aria-checked="true"]');
      (current || panel).focus({ preventScroll: true });
      if (window.matchMedia("(min-width: 701px)").matches) {
        panel.scrollIntoView({ block: "nearest" });
      } else {
        // phone: the panel is a sheet over the lower part; keep the region visible above it
        var shown = paths(region)[0];
        if (shown) {
          var top = shown.getBoundingClientRect().top;
          if (top < 60 || top > window.innerHeight * 0.25) window.scrollBy(0, top - 70);
        }
      }
    }

    function close() {
      panel.hidden = true;
      document.body.classList.remove("mark-panel-open");
      select(null);
      var back = returnFocus;
      editing = null;
      returnFocus = null;
      if (back && document.body.contains(back)) back.focus({ preventScroll: true });
    }

    function save() {
      if (!editing) return;
      var qualities = [];
      qualityBoxes.forEach(function (box) { if (box.checked) qualities.push(box.value); });
      if (!marks[editing]) order.push(editing);
      marks[editing] = {
        region: editing, intensity: draftIntensity, qualities: qualities,
        primary: primaryBox.checked
      };
      paint(editing);
      renderList();
      close();
    }

    function remove(region) {
      if (!marks[region]) return;
      delete marks[region];
      order = order.filter(function (r) { return r !== region; });
      paint(region);
      renderList();
      if (editing === region) close();
    }

    // Regions: focusable, named, and opened by a tap, a click or Enter / Space.
    chart.querySelectorAll("path.region").forEach(function (p) {
      p.setAttribute("tabindex", "0");
      p.setAttribute("role", "button");
      p.setAttribute("aria-label", label(p.dataset.region));
    });
    var down = null;
    chart.addEventListener("pointerdown", function (e) {
      var p = e.target.closest && e.target.closest("path.region");
      down = p ? { path: p, x: e.clientX, y: e.clientY } : null;
    });
    chart.addEventListener("pointerup", function (e) {
      var p = e.target.closest && e.target.closest("path.region");
      if (!down || !p || p !== down.path) { down = null; return; }
      var moved = Math.abs(e.clientX - down.x) + Math.abs(e.clientY - down.y);
      down = null;
      if (moved <= TAP_SLOP) open(p.dataset.region, p);
    });
    chart.addEventListener("pointercancel", function () { down = null; });
    chart.addEventListener("keydown", function (e) {
      var p = e.target.closest && e.target.closest("path.region");
      if (p && (e.key === "Enter" || e.key === " ")) {
        e.preventDefault();
        open(p.dataset.region, p);
      }
    });

    intensityButtons.forEach(function (b) {
      b.addEventListener("click", function () { setIntensity(Number(b.dataset.intensity)); });
      b.addEventListener("keydown", function (e) {
        var step = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[e.key];
        if (!step) return;
        e.preventDefault();
        setIntensity(Math.max(0, Math.min(10, draftIntensity + step)));
        panel.querySelector('[aria-checked="true"]').focus();
      });
    });
    panel.querySelector("[data-panel-save]").addEventListener("click", save);
    removeButton.addEventListener("click", function () { remove(editing); });
    panel.querySelectorAll("[data-panel-cancel]").forEach(function (b) {
      b.addEventListener("click", close);
    });
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); close(); }
    });
    if (picker) {
      picker.addEventListener("change", function () {
        if (picker.value) open(picker.value, picker);
        picker.value = "";
      });
    }
    form.addEventListener("submit", sync);

    order.forEach(paint);
    renderList();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
