// Movement review: the BlazePose skeleton of the nearest sampled frame drawn over the playing
// clip, a cursor on the angle charts, and buttons that jump to a repetition's deepest frame.
(function () {
  "use strict";
  const video = document.getElementById("clip-video");
  const canvas = document.getElementById("clip-canvas");
  const dataEl = document.getElementById("clip-landmarks");
  if (!video || !canvas) return;
  const data = dataEl ? JSON.parse(dataEl.textContent) : null;
  const toggle = document.getElementById("skeleton-toggle");
  // BlazePose indices: left side odd-numbered limbs (11, 13, ...), right even (12, 14, ...).
  const LEFT = [[11, 13], [13, 15], [11, 23], [23, 25], [25, 27], [27, 29], [29, 31], [27, 31]];
  const RIGHT = [[12, 14], [14, 16], [12, 24], [24, 26], [26, 28], [28, 30], [30, 32], [28, 32]];
  const MIDDLE = [[11, 12], [23, 24]];
  const ctx = canvas.getContext("2d");

  function nearest(t) {
    const times = data.times;
    let lo = 0, hi = times.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] < t) lo = mid + 1; else hi = mid;
    }
    if (lo > 0 && Math.abs(times[lo - 1] - t) < Math.abs(times[lo] - t)) lo -= 1;
    return lo;
  }

  function draw() {
    const w = video.clientWidth, h = video.clientHeight;
    const ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
      canvas.width = Math.round(w * ratio); canvas.height = Math.round(h * ratio);
      canvas.style.width = w + "px"; canvas.style.height = h + "px";
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (!data || (toggle && !toggle.checked) || !video.videoWidth) return;
    // the video is letter-boxed inside its element: fit the clip's pixels the same way
    const scale = Math.min(w / data.width, h / data.height);
    const ox = (w - data.width * scale) / 2, oy = (h - data.height * scale) / 2;
    const frame = data.frames[nearest(video.currentTime)];
    if (!frame) return;
    const P = (i) => [ox + frame[i][0] * scale, oy + frame[i][1] * scale, frame[i][2]];
    ctx.lineWidth = 3; ctx.lineCap = "round";
    for (const [edges, colour] of [[MIDDLE, "#e8eef2"], [LEFT, "#3fa7ff"], [RIGHT, "#ff9f1c"]]) {
      ctx.strokeStyle = colour;
      for (const [a, b] of edges) {
        const pa = P(a), pb = P(b);
        ctx.globalAlpha = Math.min(pa[2], pb[2]) < 0.5 ? 0.35 : 1;
        ctx.beginPath(); ctx.moveTo(pa[0], pa[1]); ctx.lineTo(pb[0], pb[1]); ctx.stroke();
      }
    }
    ctx.globalAlpha = 1; ctx.fillStyle = "#ffffff";
    for (let i = 11; i < 33; i++) {
      if (i > 16 && i < 23) continue; // hands: fingers clutter the picture
      const p = P(i);
      ctx.beginPath(); ctx.arc(p[0], p[1], 3.2, 0, 2 * Math.PI); ctx.fill();
    }
  }

  function moveCursors() {
    document.querySelectorAll("svg.timeline").forEach((svg) => {
      const t0 = +svg.dataset.t0, t1 = +svg.dataset.t1, x0 = +svg.dataset.x0, x1 = +svg.dataset.x1;
      const x = x0 + Math.max(0, Math.min(1, (video.currentTime - t0) / (t1 - t0))) * (x1 - x0);
      const cursor = svg.querySelector(".tl-cursor");
      if (cursor) { cursor.setAttribute("x1", x); cursor.setAttribute("x2", x); }
    });
  }

  function update() { draw(); moveCursors(); }
  function loop() {
    update();
    if (!video.paused && !video.ended) {
      if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(loop);
      else requestAnimationFrame(loop);
    }
  }
  video.addEventListener("play", loop);
  ["seeked", "loadeddata", "timeupdate", "pause"].forEach((e) => video.addEventListener(e, update));
  window.addEventListener("resize", update);
  if (toggle) toggle.addEventListener("change", update);

  function seek(t) { video.pause(); video.currentTime = t; }
  document.querySelectorAll("[data-seek]").forEach((b) =>
    b.addEventListener("click", () => seek(parseFloat(b.dataset.seek))));
  document.querySelectorAll("[data-step]").forEach((b) =>
    b.addEventListener("click", () => {
      if (!data) return;
      const i = Math.max(0, Math.min(data.times.length - 1, nearest(video.currentTime) + (+b.dataset.step)));
      seek(data.times[i]);
    }));
  document.querySelectorAll("svg.timeline").forEach((svg) =>
    svg.addEventListener("click", (ev) => {
      const box = svg.getBoundingClientRect();
      const scale = (+svg.dataset.width) / box.width;
      const x = (ev.clientX - box.left) * scale;
      const t0 = +svg.dataset.t0, t1 = +svg.dataset.t1, x0 = +svg.dataset.x0, x1 = +svg.dataset.x1;
      seek(t0 + Math.max(0, Math.min(1, (x - x0) / (x1 - x0))) * (t1 - t0));
    }));
  update();
})();
