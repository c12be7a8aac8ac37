// Record a movement clip with this device's camera (laptops and tablets whose browser records
// video: MediaRecorder), then upload it to the slot like a chosen file. Without MediaRecorder
// the "Record" file input (capture="environment") opens the camera app instead.
(function () {
  "use strict";
  const LIMIT_S = 28; // the server refuses clips over 30 s
  if (!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia && window.MediaRecorder)) return;
  document.querySelectorAll("[data-record]").forEach((b) => { b.hidden = false; });
  document.body.addEventListener("htmx:afterSwap", () =>
    document.querySelectorAll("[data-record]").forEach((b) => { b.hidden = false; }));

  function mimeType() {
    for (const t of ["video/mp4;codecs=avc1", "video/webm;codecs=vp9", "video/webm;codecs=vp8", "video/webm"]) {
      if (MediaRecorder.isTypeSupported(t)) return t;
    }
    return "";
  }

  async function record(slot) {
    const form = slot.querySelector("form.photo-upload");
    const dialog = document.getElementById("recorder");
    const preview = dialog.querySelector("video");
    const status = dialog.querySelector("[data-status]");
    const start = dialog.querySelector("[data-start]");
    const stop = dialog.querySelector("[data-stop]");
    const cancel = dialog.querySelector("[data-cancel]");
    dialog.querySelector("[data-title]").textContent = slot.querySelector("h2").textContent;
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia(
        { video: { facingMode: "environment", width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
    } catch (e) {
      alert("The camera could not be opened (" + e.name + "). Allow the camera, or use File.");
      return;
    }
    preview.srcObject = stream;
    dialog.showModal();
    status.textContent = "Frame the whole body, then start.";
    start.disabled = false; stop.disabled = true;
    let recorder = null, chunks = [], timer = null, cancelled = false;
    const type = mimeType();

    function close() {
      clearInterval(timer);
      stream.getTracks().forEach((t) => t.stop());
      dialog.close();
    }
    start.onclick = () => {
      chunks = [];
      recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
      recorder.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };
      recorder.onstop = async () => {
        close();
        if (cancelled) return;
        const kind = recorder.mimeType || type || "video/webm";
        const name = kind.startsWith("video/mp4") ? "recording.mp4" : "recording.webm";
        const data = new FormData(form);
        data.delete("clip");
        data.append("clip", new File(chunks, name, { type: kind }));
        slot.classList.add("htmx-request");
        const response = await fetch(form.action, { method: "POST", body: data, headers: { "HX-Request": "true" } });
        const holder = document.createElement("div");
        holder.innerHTML = await response.text();
        const fresh = holder.firstElementChild;
        slot.replaceWith(fresh);
        if (window.htmx) window.htmx.process(fresh);
        fresh.querySelectorAll("[data-record]").forEach((b) => { b.hidden = false; });
      };
      recorder.start(1000);
      const began = Date.now();
      start.disabled = true; stop.disabled = false;
      timer = setInterval(() => {
        const s = Math.floor((Date.now() - began) / 1000);
        status.textContent = "Recording… " + s + " s (stops at " + LIMIT_S + " s)";
        if (s >= LIMIT_S) recorder.stop();
      }, 250);
    };
    stop.onclick = () => { if (recorder && recorder.state !== "inactive") recorder.stop(); };
    cancel.onclick = () => {
      cancelled = true;
      if (recorder && recorder.state !== "inactive") recorder.stop(); else close();
    };
  }

  document.addEventListener("click", (ev) => {
    const button = ev.target.closest("[data-record]");
    if (button) record(button.closest(".clip-slot"));
  });
})();
