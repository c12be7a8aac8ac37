"""A self-contained HTML report (no external asset): the drawing, each top source's referral
pattern drawn over it, evidence, plans and referrals."""

from __future__ import annotations

from html import escape
from typing import Any

from tonus.core.reasoning.ranking import score_words
from tonus.reports.patterns import hypothesis_chart
from tonus.reports.text import _source_name, humanize

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2933;max-width:1100px;
margin:24px auto;padding:0 16px;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:4px}h2{font-size:1.2rem;border-bottom:2px solid #e4e7eb;
padding-bottom:4px;margin-top:32px}.muted{color:#616e7c}
.flag{background:#fde8e8;border-left:6px solid #c81e1e;padding:10px 14px;margin:8px 0}
.card{border:1px solid #e4e7eb;border-radius:8px;padding:12px 16px;margin:12px 0}
.grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px;align-items:start}
.score{float:right;font-weight:600;color:#0b6e4f}svg{max-width:100%;height:auto}
ul{margin:4px 0 4px 18px;padding:0}td,th{text-align:left;padding:4px 8px;vertical-align:top}
"""


def _li(items: list[str]) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{escape(humanize(x))}</li>" for x in items) + "</ul>"


def report_html(report: dict[str, Any], case: dict[str, Any]) -> str:
    from tonus.core.atlas import render_pain_drawing

    pain = {m["region"]: float(m.get("intensity", 0)) for m in case.get("pain", [])}
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
             f"<title>Tonus assessment</title><style>{CSS}</style></head><body>",
             "<h1>Assessment</h1>"]
    if case.get("complaint"):
        parts.append(f"<p class='muted'>{escape(case['complaint'])}</p>")
    for f in report["red_flags"]:
        parts.append(f"<div class='flag'><strong>Red flag: {escape(f['id'])}</strong> — refer "
                     f"before treatment to <strong>{escape(f['to'])}</strong> "
                     f"({escape(f['urgency'])}). {escape(f['reason'])}</div>")
    if report.get("summary"):
        parts.append("<div class='flag'><strong>Widespread pain</strong>"
                     + "".join(f"<p>{escape(x)}</p>" for x in report["summary"]) + "</div>")
    if report.get("principles"):
        parts.append("<h2>The five principles</h2>")
        for p in report["principles"]:
            more = (f"<p class='muted'>Not examined yet: {escape(p['not_examined'])}</p>"
                    if p.get("not_examined") else "")
            parts.append(f"<div class='card'><strong>{escape(p['name'])}</strong> "
                         f"<span class='muted'>{escape(p['status'].replace('-', ' '))}</span>"
                         f"{_li(p['findings'])}{more}</div>")
    parts.append("<h2>Pain drawing</h2>" + render_pain_drawing(pain))
    parts.append("<h2>Likely sources</h2>")
    for i, h in enumerate(report["hypotheses"]):
        figure = (hypothesis_chart(h, pain) or "") if i < 3 else ""
        parts.append(
            f"<div class='card'><span class='score'>{score_words(h['score'])}</span>"
            f"<strong>{h['rank']}. {escape(_source_name(h))}</strong>"
            f"<div class='grid'><div><p>Explains: "
            f"{escape(humanize(', '.join(h['explains'])) or '—')}<br>Not explained: "
            f"{escape(humanize(', '.join(h['not_explained'])) or '—')}</p>"
            f"{_li(h['evidence'])}</div><div>{figure}</div></div></div>")
    parts.append("<h2>Examination plan</h2><ol>")
    for step in report["examination_plan"]:
        what = (step.get("muscle") or step.get("entrapment") or step.get("root")
                or step.get("name"))
        tests = step.get("tests", [])
        parts.append(f"<li><strong>{escape(str(what))} ({escape(step['side'])})</strong>: "
                     f"{escape(step['why'])}{_li(tests[:3])}"
                     f"<br><em>Confirms:</em> {escape(step['confirms'])}</li>")
    parts.append("</ol>")
    plan = report["treatment_plan"]
    parts.append(f"<h2>Treatment plan <span class='muted'>({escape(plan['status'])})</span></h2>")
    for m in plan["muscles"]:
        techs = [f"{t['technique']} — pressure {t['pressure']}/5, discomfort "
                 f"{t['discomfort_target']}: {t['how']}" for t in m["techniques"]]
        parts.append(f"<div class='card'><strong>{m['priority']}. {escape(m['name'])} "
                     f"({escape(m['side'])})</strong> <span class='muted'>{escape(m['why'])}"
                     f"</span>{_li(techs)}<p><em>Then stretch:</em> {escape(m['stretch'])}</p>"
                     "</div>")
    parts.append("<h2>Home care and education</h2>" + _li(plan["home_care"]))
    parts.append(_li([f"{a['activity']}: {a['advice'][0]}" for a in plan["habit_advice"]]
                     + plan["education"]))
    if report["referrals"]:
        parts.append("<h2>Referrals</h2>" + _li(
            [f"To {r['to']} ({r['priority']}) — {r['factor']}: {r['reason']}"
             for r in report["referrals"]]))
    parts.append("</body></html>")
    return "\n".join(parts)
