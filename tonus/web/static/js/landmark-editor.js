/* Landmark editor: drag the landmarks of a posture photo (mouse, pen or touch), place the
   therapist-only ones from the palette, and save each change; the server answers with the
   re-drawn overlay and the recomputed measures. Coordinates are the photo's pixels (the SVG's
   user space), so nothing here depends on the size the picture is shown at. */
(function () {
  "use strict";

  function init(editor) {
    var holder = editor.querySelector("#overlay-holder");
    var panel = editor.querySelector("#measures-panel");
    var hint = editor.querySelector("[data-hint]");
    var url = editor.dataset.moveUrl;
    var editable = editor.dataset.editable === "1";
    var token = editor.querySelector("input[name=csrfmiddlewaretoken]").value;
    var placing = null; // name of the landmark the palette armed
    var drag = null;    // {group, id, moved}
    var saving = Promise.resolve();
    var defaultHint = hint ? hint.textContent : "";

    function svg() { return holder.querySelector("svg.posture-overlay"); }

    function toPhoto(event) {
      var s = svg();
      var pt = s.createSVGPoint();
      pt.x = event.clientX; pt.y = event.clientY;
      var p = pt.matrixTransform(s.getScreenCTM().inverse());
      var w = +s.dataset.width, h = +s.dataset.height;
      return { x: Math.min(Math.max(p.x, 0), w), y: Math.min(Math.max(p.y, 0), h) };
    }

    function position(name) {
      var g = svg().querySelector('.landmark[data-name="' + name + '"]');
      return g ? { x: +g.dataset.x, y: +g.dataset.y } : null;
    }

    function ref(expr) { // "a" or "a+b" (midpoint)
      var pts = expr.split("+").map(position);
      if (pts.some(function (p) { return !p; })) { return null; }
      return {
        x: pts.reduce(function (s, p) { return s + p.x; }, 0) / pts.length,
        y: pts.reduce(function (s, p) { return s + p.y; }, 0) / pts.length
      };
    }

    function moveGroup(group, x, y) {
      group.dataset.x = x.toFixed(1); group.dataset.y = y.toFixed(1);
      group.setAttribute("transform", "translate(" + x.toFixed(1) + " " + y.toFixed(1) + ")");
      var name = group.dataset.name;
      svg().querySelectorAll("line[data-a], line[data-b]").forEach(function (line) {
        if ((line.dataset.a + "+" + line.dataset.b).split("+").indexOf(name) < 0) { return; }
        var a = ref(line.dataset.a), b = ref(line.dataset.b);
        if (!a || !b) { return; }
        line.setAttribute("x1", a.x); line.setAttribute("y1", a.y);
        line.setAttribute("x2", b.x); line.setAttribute("y2", b.y);
      });
    }

    function applyToggles() {
      document.querySelectorAll("[data-toggle]").forEach(function (box) {
        var s = svg();
        if (!s) { return; }
        var sel = box.dataset.toggle === "landmarks-text" ? ".landmark text" : "." + box.dataset.toggle;
        s.querySelectorAll(sel).forEach(function (el) { el.style.display = box.checked ? "" : "none"; });
      });
    }

    function setHint(text) { if (hint) { hint.textContent = text || defaultHint; } }

    function swap(html) {
      var doc = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html");
      var newHolder = doc.getElementById("overlay-holder");
      var newPanel = doc.getElementById("measures-panel");
      if (newHolder) { holder.innerHTML = newHolder.innerHTML; }
      if (newPanel) { panel.innerHTML = newPanel.innerHTML; }
      applyToggles();
    }

    function save(fields) {
      var body = new URLSearchParams(fields);
      body.set("whole", editor.dataset.whole);
      editor.classList.add("is-saving");
      saving = saving.then(function () {
        return fetch(url, {
          method: "POST", body: body, credentials: "same-origin",
          headers: { "X-CSRFToken": token, "X-Requested-With": "fetch" }
        }).then(function (response) {
          return response.text().then(function (text) {
            if (!response.ok) { throw new Error(text || response.statusText); }
            swap(text);
            setHint("");
          });
        }).catch(function (error) {
          setHint("Not saved: " + error.message);
        }).finally(function () { editor.classList.remove("is-saving"); });
      });
    }

    holder.addEventListener("pointerdown", function (event) {
      if (!editable || !svg()) { return; }
      if (placing) {
        var p = toPhoto(event);
        save({ name: placing, x: p.x.toFixed(1), y: p.y.toFixed(1) });
        placing = null;
        editor.classList.remove("is-placing");
        event.preventDefault();
        return;
      }
      var group = event.target.closest(".landmark");
      if (!group) { return; }
      drag = { group: group, id: event.pointerId, moved: false };
      group.setPointerCapture(event.pointerId);
      group.classList.add("dragging");
      event.preventDefault();
    });

    holder.addEventListener("pointermove", function (event) {
      if (!drag || event.pointerId !== drag.id) { return; }
      var p = toPhoto(event);
      moveGroup(drag.group, p.x, p.y);
      drag.moved = true;
    });

    function endDrag(event) {
      if (!drag || event.pointerId !== drag.id) { return; }
      var group = drag.group, moved = drag.moved;
      group.classList.remove("dragging");
      drag = null;
      if (moved) { save({ name: group.dataset.name, x: group.dataset.x, y: group.dataset.y }); }
    }
    holder.addEventListener("pointerup", endDrag);
    holder.addEventListener("pointercancel", endDrag);

    // Arrow keys nudge the focused landmark by 0.2 % of the picture (Shift: 1 %).
    var keyTimer = null;
    holder.addEventListener("keydown", function (event) {
      var group = event.target.closest && event.target.closest(".landmark");
      var d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[event.key];
      if (!editable || !group || !d) { return; }
      var box = svg().viewBox.baseVal;
      var step = Math.max(box.width, box.height) * (event.shiftKey ? 0.01 : 0.002);
      moveGroup(group, +group.dataset.x + d[0] * step, +group.dataset.y + d[1] * step);
      event.preventDefault();
      clearTimeout(keyTimer);
      keyTimer = setTimeout(function () {
        save({ name: group.dataset.name, x: group.dataset.x, y: group.dataset.y });
      }, 500);
    });

    editor.addEventListener("click", function (event) {
      var place = event.target.closest("[data-place]");
      var remove = event.target.closest("[data-remove]");
      if (place) {
        placing = place.dataset.place;
        editor.classList.add("is-placing");
        setHint("Tap the photo where " + place.textContent.replace("+", "").trim() + " goes.");
      } else if (remove) {
        save({ name: remove.dataset.remove, remove: "1" });
      }
    });

    document.addEventListener("change", function (event) {
      if (event.target.matches("[data-toggle]")) { applyToggles(); }
    });
    applyToggles();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".landmark-editor").forEach(init);
  });
})();
