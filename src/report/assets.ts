/**
 * The report's own style sheet and script, inlined into every report. The
 * script runs under a CSP that admits it by hash only, so it attaches its
 * handlers by delegation (no inline `on…` attributes) and reads everything
 * from data attributes rendered by html.ts.
 */
import { createHash } from "node:crypto";

export const REPORT_CSS = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d2329;background:#eef0f2;display:flex;flex-direction:column}
header{padding:8px 14px;background:#fff;border-bottom:1px solid #cfd5db}
header h1{font-size:16px;margin:0 0 4px;word-break:break-all}
header dl{display:flex;flex-wrap:wrap;gap:2px 18px;margin:0}
header dl div{display:flex;gap:5px}
header dt{color:#5b6670}
header dd{margin:0;font-weight:600;word-break:break-all}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center;margin-top:4px;color:#5b6670}
.sw{display:inline-block;width:14px;height:10px;vertical-align:middle;margin-right:4px;border:1px solid #888}
.sw.lo{background:rgba(220,38,38,.35);border-color:#dc2626}
.sw.mid{background:rgba(245,158,11,.3);border-color:#d97706}
.sw.hl{background:rgba(37,99,235,.2);border:2px solid #2563eb}
main{flex:1;min-height:0;display:flex}
#pages{flex:1 1 50%;overflow:auto;padding:10px;background:#d5d9de}
#data{flex:1 1 50%;overflow:auto;padding:10px 14px;background:#fff}
main.textonly #data{flex-basis:100%}
.page{position:relative;margin:0 auto 14px;width:calc(var(--zoom,1)*100%);background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.3)}
#zoom{width:110px;vertical-align:middle}
.page img{position:absolute;inset:0;width:100%;height:100%;display:block;user-select:none}
.page svg{position:absolute;inset:0;width:100%;height:100%;pointer-events:none}
.page figcaption{position:absolute;top:2px;right:4px;font-size:11px;color:#5b6670;background:rgba(255,255,255,.8);padding:0 4px}
.page .noimg{position:absolute;top:45%;width:100%;text-align:center;color:#8a949e}
rect.w{fill:none;stroke:none}
rect.lo{fill:rgba(220,38,38,.35);stroke:#dc2626;stroke-width:.5}
rect.mid{fill:rgba(245,158,11,.3);stroke:#d97706;stroke-width:.5}
body.allwords rect.hi,body.allwords rect.nc{stroke:rgba(37,99,235,.45);stroke-width:.4}
.hl{position:absolute;display:none;border:2px solid #2563eb;background:rgba(37,99,235,.15);outline:2px solid rgba(255,255,255,.8);pointer-events:none}
.hl.row{border-style:dashed}
.hl.on{display:block;animation:flash .9s ease-out 2}
@keyframes flash{50%{background:rgba(37,99,235,.45)}}
h2{font-size:15px;margin:14px 0 6px}
h3{font-size:14px;margin:16px 0 4px;padding-top:6px;border-top:2px solid #cfd5db}
h4{font-size:12px;margin:8px 0 3px;color:#5b6670;text-transform:uppercase;letter-spacing:.04em}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:12px}
th,td{border:1px solid #d5dbe1;padding:3px 5px;text-align:left;vertical-align:top}
th{background:#f3f5f7;font-weight:600;white-space:nowrap}
table.kv th{width:9em}
td.f,span.f,td.loc{cursor:pointer}
td.f:hover,span.f:hover,td.loc:hover{background:#eef4ff}
span.f{display:block}
.sel{outline:2px solid #2563eb;outline-offset:-2px;background:#e3edff!important}
.nil{color:#a0a8b0}
.det{display:block;color:#5b6670;font-size:11px}
.conf{float:right;margin-left:6px;font-size:10px;padding:0 3px;border-radius:3px;background:#eef0f2;color:#5b6670}
td.lo,span.lo{background:#fde8e8}
td.lo .conf,span.lo .conf{background:#dc2626;color:#fff}
td.mid .conf,span.mid .conf{background:#f59e0b;color:#1d2329}
td.loc{white-space:nowrap;color:#5b6670}
#checklist ol{list-style:none;padding:0;margin:0}
#checklist li{display:flex;gap:6px;align-items:flex-start;padding:3px 4px;border-bottom:1px solid #eef0f2}
#checklist li.done{opacity:.55}
#checklist li.done .msg{text-decoration:line-through}
#checklist a{color:#1d4ed8;cursor:pointer;font-family:ui-monospace,monospace;font-size:11px;word-break:break-all}
#checklist li.group{flex-wrap:wrap}
#checklist details{flex-basis:100%;margin-left:22px;font-size:12px}
#checklist .place{padding:1px 0}
.sev{font-size:10px;font-weight:700;text-transform:uppercase;padding:1px 4px;border-radius:3px;white-space:nowrap}
.sev.error{background:#dc2626;color:#fff}
.sev.warning{background:#f59e0b;color:#1d2329}
.sev.info{background:#cfd5db;color:#1d2329}
code{font-family:ui-monospace,monospace;font-size:11px}
#status{color:#5b6670;margin-left:8px}
.empty{color:#5b6670;font-style:italic}
`;

export const REPORT_JS = `(function () {
  "use strict";
  var body = document.body;
  var key = "piao-report:" + body.getAttribute("data-sha");
  // file:// pages may have no usable localStorage (browser settings, sandboxing): keep state in memory then.
  var store = null;
  try { store = window.localStorage; store.getItem(key); } catch (e) { store = null; }
  var state = {};
  try { state = JSON.parse((store && store.getItem(key)) || "{}") || {}; } catch (e) { state = {}; }
  function save() { if (store) { try { store.setItem(key, JSON.stringify(state)); } catch (e) {} } }

  var list = document.getElementById("checklist");
  var boxes = list ? list.querySelectorAll("input[type=checkbox]") : [];
  var counter = document.getElementById("done");
  function refresh() {
    var n = 0;
    for (var i = 0; i < boxes.length; i++) {
      var cb = boxes[i];
      cb.closest("li").classList.toggle("done", cb.checked);
      if (cb.checked) n++;
    }
    if (counter) counter.textContent = n + " / " + boxes.length;
  }
  for (var i = 0; i < boxes.length; i++) boxes[i].checked = state[boxes[i].getAttribute("data-key")] === true;
  refresh();
  if (list) list.addEventListener("change", function (e) {
    var cb = e.target;
    if (!cb.matches("input[type=checkbox]")) return;
    var k = cb.getAttribute("data-key");
    if (cb.checked) state[k] = true; else delete state[k];
    save();
    refresh();
  });

  var status = document.getElementById("status");
  var selected = null;
  function select(el, reveal) {
    if (selected) selected.classList.remove("sel");
    selected = el;
    el.classList.add("sel");
    if (reveal) el.scrollIntoView({ block: "center", inline: "nearest" });
    var old = document.querySelectorAll(".hl.on");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("on");
    var page = el.getAttribute("data-page"), bbox = el.getAttribute("data-bbox");
    var fig = page && bbox ? document.getElementById("page-" + page) : null;
    if (!fig) {
      if (status) status.textContent = page ? "page " + page + ": no position recorded" : "no position on a page";
      return;
    }
    var b = bbox.split(" ").map(Number), w = +fig.getAttribute("data-w"), h = +fig.getAttribute("data-h");
    var hl = fig.querySelector(".hl");
    hl.style.left = (b[0] / w * 100) + "%";
    hl.style.top = (b[1] / h * 100) + "%";
    hl.style.width = ((b[2] - b[0]) / w * 100) + "%";
    hl.style.height = ((b[3] - b[1]) / h * 100) + "%";
    hl.classList.toggle("row", el.getAttribute("data-own") !== "1");
    void hl.offsetWidth; // restart the flash animation
    hl.classList.add("on");
    hl.scrollIntoView({ block: "center", inline: "nearest" });
    if (status) status.textContent = "page " + page + (el.getAttribute("data-own") === "1" ? ": field box" : ": box of its row");
  }

  document.addEventListener("click", function (e) {
    var go = e.target.closest("[data-go]");
    if (go) {
      e.preventDefault();
      var t = document.getElementById(go.getAttribute("data-go"));
      if (t) select(t, true);
      return;
    }
    var f = e.target.closest("[data-f]");
    if (f) select(f, false);
  });
  document.addEventListener("keydown", function (e) {
    if ((e.key === "Enter" || e.key === " ") && e.target.hasAttribute && e.target.hasAttribute("data-f")) {
      e.preventDefault();
      select(e.target, false);
    }
  });
  var zoom = document.getElementById("zoom"), pages = document.getElementById("pages");
  if (zoom && pages) zoom.addEventListener("input", function () {
    pages.style.setProperty("--zoom", String(zoom.value / 100));
    if (selected) select(selected, false);
  });
  var all = document.getElementById("allwords");
  if (all) all.addEventListener("change", function () { body.classList.toggle("allwords", all.checked); });
})();`;

/** CSP source for the script: only this exact script may run, even if escaping ever failed. */
export const REPORT_JS_HASH = `'sha256-${createHash("sha256").update(REPORT_JS, "utf8").digest("base64")}'`;
