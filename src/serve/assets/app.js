// nianbao checking page. Sends the chosen files to this computer's nianbao
// (POST /api/check) and shows, per file, the findings and the document with
// the wrong cells marked. Every text from a file is set with textContent:
// nothing from a draft is ever parsed as HTML.
//
// Review decisions (确认 / 忽略): the server keeps nothing. The page holds the
// decisions file's text (uploaded with the drafts as 决定.toml, or new), sends
// each decision to POST /api/decide, which answers the file's new text, checks
// the same drafts again with it, and offers it as a download to keep beside
// the drafts (`nianbao check --decisions 决定.toml` reads it).
"use strict";

const LIMITS = { files: 20, file: 20 << 20, total: 50 << 20 };
const SEVERITIES = [
  ["error", "错误"],
  ["warning", "警告"],
  ["info", "提示"],
  ["hint", "建议"],
];
const ruleDocs = new Map();
/** The drafts last checked (without the decisions file) and the decisions
 *  file as the page holds it. */
const state = { drafts: [], decisions: { name: "决定.toml", text: "", count: 0, changed: false } };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function status(message, isError) {
  const s = document.getElementById("status");
  s.textContent = message;
  s.classList.toggle("error", !!isError);
}

function mb(n) {
  return (n / (1 << 20)).toFixed(1);
}

/** [name length][name][data length][data] for each file (see upload.rs). */
async function frame(files) {
  const enc = new TextEncoder();
  const parts = [];
  for (const f of files) {
    const name = enc.encode(f.name);
    const data = new Uint8Array(await f.arrayBuffer());
    const h1 = new DataView(new ArrayBuffer(4));
    h1.setUint32(0, name.length);
    const h2 = new DataView(new ArrayBuffer(4));
    h2.setUint32(0, data.length);
    parts.push(h1.buffer, name, h2.buffer, data);
  }
  return new Blob(parts);
}

function refuse(files) {
  if (files.length > LIMITS.files) {
    return `一次最多检查 ${LIMITS.files} 个文件（选择了 ${files.length} 个），请分批上传。`;
  }
  let total = 0;
  for (const f of files) {
    if (f.size > LIMITS.file) {
      return `“${f.name}”有 ${mb(f.size)} MB，超过 ${mb(LIMITS.file)} MB，未检查。年报草稿通常不到 1 MB；如含大量图片，请另存一份不含图片的副本。`;
    }
    total += f.size;
  }
  if (total > LIMITS.total) {
    return `所选文件合计 ${mb(total)} MB，超过 ${mb(LIMITS.total)} MB，请分批上传。`;
  }
  return null;
}

function isDecisions(f) {
  return /\.toml$/i.test(f.name);
}

/** Checks the chosen files; a .toml among them is a decisions file. */
async function check(fileList) {
  const chosen = Array.from(fileList);
  if (chosen.length === 0) return;
  const toml = chosen.find(isDecisions);
  const drafts = chosen.filter((f) => !isDecisions(f));
  if (toml) {
    state.decisions = { name: toml.name, text: await toml.text(), count: 0, changed: false };
  }
  if (drafts.length === 0) {
    status(`已读入决定文件“${toml.name}”；请再拖入年报草稿。`);
    return;
  }
  state.drafts = drafts;
  if (!toml) state.decisions = { name: "决定.toml", text: "", count: 0, changed: false };
  await run();
}

/** Checks the drafts held with the decisions held. */
async function run(keepPlace) {
  const files = state.drafts.slice();
  if (state.decisions.text) {
    files.push(new File([state.decisions.text], state.decisions.name, { type: "text/plain" }));
  }
  const refused = refuse(files);
  if (refused) {
    status(refused, true);
    return;
  }
  status(`正在检查 ${state.drafts.length} 个文件…`);
  let answer;
  try {
    const body = await frame(files);
    const r = await fetch("/api/check", {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream" },
      body,
    });
    answer = await r.json();
    if (!r.ok || answer.error) {
      status(answer.error || `检查失败（${r.status}）`, true);
      return;
    }
  } catch (e) {
    status(`无法连接 nianbao：${e.message}。请确认命令行窗口中的 nianbao serve 仍在运行。`, true);
    return;
  }
  if (answer.decisions) state.decisions.count = answer.decisions.count;
  const y = window.scrollY;
  render(answer.files, answer.decisions);
  if (keepPlace) window.scrollTo(0, y);
}

/** Records a decision on a finding (verdict null: undoes it), then checks
 *  the drafts again with the new decisions file. */
async function decide(f, d, verdict, comment) {
  let r;
  try {
    const body = JSON.stringify({
      text: state.decisions.text,
      unit: f.unit,
      year: f.year,
      rule: d.rule,
      fingerprint: d.fingerprint,
      message: d.message,
      verdict,
      comment,
    });
    const answer = await fetch("/api/decide", {
      method: "POST",
      headers: { "Content-Type": "application/octet-stream" },
      body: new Blob([body]),
    });
    r = await answer.json();
    if (!answer.ok || r.error) {
      status(r.error || `无法记录决定（${answer.status}）`, true);
      return;
    }
  } catch (e) {
    status(`无法连接 nianbao：${e.message}`, true);
    return;
  }
  state.decisions.text = r.text;
  state.decisions.changed = true;
  await run(true);
}

function totals(files) {
  const t = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of files) for (const [k] of SEVERITIES) t[k] += f.summary[k];
  return t;
}

function render(files, decisions) {
  const results = document.getElementById("results");
  results.replaceChildren();
  results.append(decisionsBar(decisions));
  files.forEach((f, i) => results.append(fileSection(f, i)));
  const t = totals(files);
  const dismissed = files.reduce((n, f) => n + (f.dismissed ? f.dismissed.length : 0), 0);
  status(
    `已检查 ${files.length} 个文件：` +
      SEVERITIES.map(([k, label]) => `${label} ${t[k]} 个`).join("，") +
      (dismissed ? `；另有 ${dismissed} 个问题已按审核决定忽略` : "") + "。",
  );
  results.focus();
}

/** The decisions file: how many, its error, and the download to keep. */
function decisionsBar(decisions) {
  const bar = el("div", { class: "decisions", id: "decisions" });
  const d = state.decisions;
  if (decisions && decisions.error) {
    bar.append(el("p", { class: "file-error", role: "alert", text: `决定文件无法读取：${decisions.error}` }));
  }
  if (!d.text) {
    bar.append(
      el("p", {
        class: "hint",
        text: "审核时可对每个问题选择“确认”或“忽略”并写明理由；决定保存在单独的“决定.toml”中（不改动年报），下次与年报一起拖入即可。",
      }),
    );
    return bar;
  }
  const a = el("a", {
    class: `button save-decisions ${d.changed ? "primary" : ""}`,
    download: d.name,
    text: `保存决定文件（${d.name}，${d.count} 条）`,
  });
  a.href = URL.createObjectURL(new Blob([d.text], { type: "application/toml" }));
  bar.append(
    a,
    el("span", {
      class: "hint",
      text: d.changed
        ? "决定已更改：请保存，放在年报所在的文件夹中（替换原来的决定文件）。命令行：nianbao check --decisions 决定.toml 文件夹"
        : "已按此决定文件显示：忽略的问题不在列表中，只计数。",
    }),
  );
  return bar;
}

function badges(summary, dismissed) {
  const p = el("p", { class: "summary" });
  let any = false;
  for (const [k, label] of SEVERITIES) {
    if (summary[k] > 0) {
      any = true;
      p.append(el("span", { class: `badge ${k}`, text: `${label} ${summary[k]}` }));
    }
  }
  if (!any) p.append(el("span", { class: "badge ok", text: "没有发现问题" }));
  if (dismissed) p.append(el("span", { class: "badge dismissed", text: `已忽略 ${dismissed}` }));
  return p;
}

function fileSection(f, i) {
  const prefix = `f${i}-`;
  const sec = el("section", { class: "file", id: `f${i}`, "aria-labelledby": `${prefix}h` });
  sec.append(el("h2", { id: `${prefix}h`, text: f.name }));
  const kind = { docx: "Word 文档", pdf: "PDF", text: "文本", html: "网页", other: "文件" }[f.kind] || "文件";
  sec.append(el("p", { class: "meta", text: f.encoding ? `${kind} · ${f.encoding}` : kind }));
  if (f.error) sec.append(el("p", { class: "file-error", role: "alert", text: f.error }));
  if (f.notice) sec.append(el("p", { class: "notice", text: f.notice }));
  if (f.error && !f.findings.length) return sec;
  if (f.notice) return sec;
  sec.append(badges(f.summary, (f.dismissed || []).length));
  if (f.paired_with) {
    sec.append(
      el("p", {
        class: "pair",
        text: `已与上年年报“${f.paired_with}”比对结转数字（carry-over）和文字（repeated-text）。`,
      }),
    );
  }
  sec.append(actions(f, prefix));
  const cols = el("div", { class: "cols" });
  cols.append(findingsList(f, prefix), documentView(f, prefix));
  sec.append(cols);
  markDocument(sec, f, prefix);
  return sec;
}

function base64Blob(data, mime) {
  const bin = atob(data);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

function downloadLink(d, label, cls) {
  const a = el("a", { class: `button ${cls || ""}`, download: d.name, text: label });
  a.href = URL.createObjectURL(base64Blob(d.data, d.mime));
  return a;
}

function diffView(diff) {
  const pre = el("pre", { class: "diff" });
  for (const line of diff.split("\n")) {
    if (!line) continue;
    let cls = "ctx";
    if (line.startsWith("@@") || line.startsWith("---") || line.startsWith("+++")) cls = "hunk";
    else if (line.startsWith("+")) cls = "add";
    else if (line.startsWith("-")) cls = "del";
    pre.append(el("span", { class: cls, text: line }));
  }
  return pre;
}

function actions(f, prefix) {
  const box = el("div", { class: "actions" });
  if (f.annotated) {
    box.append(
      downloadLink(f.annotated, `下载带批注的 Word 文件（${f.annotated.count} 条批注）`, "primary annotated"),
      el("span", { class: "hint", text: "每个问题一条批注，原文件不变；请在 Word 中逐条修改。" }),
    );
  }
  if (f.kind === "text" && !f.fixed) {
    box.append(el("span", { class: "hint", text: "没有可以自动修复的问题。" }));
  }
  if (f.kind === "html") {
    box.append(el("span", { class: "hint", text: "网页只检查，不修改；位置为网页文件的行号。" }));
  }
  if (f.kind === "pdf" && f.findings && f.findings.length) {
    box.append(el("span", { class: "hint", text: "PDF 不能自动修复；请按页码和单元格在原稿中修改。" }));
  }
  if (f.fixed) {
    const panelId = `${prefix}diff`;
    const panel = el("div", { class: "diff-panel", id: panelId, hidden: true });
    panel.append(
      el("p", { text: `将应用 ${f.fixed.count} 处安全修复（由各项重新计算的总计、官方标签等）。请先核对修改：` }),
      diffView(f.fixed.diff || ""),
      downloadLink(f.fixed, `下载修复后的文本（${f.fixed.name}）`, "primary fixed"),
    );
    const toggle = el("button", {
      type: "button",
      class: "show-diff",
      "aria-expanded": "false",
      "aria-controls": panelId,
      text: `查看自动修复（${f.fixed.count} 处）`,
      onclick: () => {
        const open = panel.hidden;
        panel.hidden = !open;
        toggle.setAttribute("aria-expanded", String(open));
        if (open) panel.querySelector("a").focus();
      },
    });
    box.append(toggle);
    return el("div", {}, box, panel);
  }
  return box;
}

async function ruleDoc(name) {
  if (!ruleDocs.has(name)) {
    const r = await fetch(`/api/rules/${encodeURIComponent(name)}`);
    const j = await r.json();
    ruleDocs.set(name, j.doc || j.error || "");
  }
  return ruleDocs.get(name);
}

function goTo(prefix, id, item) {
  const target = document.getElementById(prefix + id);
  if (!target) return;
  document.querySelectorAll(".finding.current").forEach((x) => x.classList.remove("current"));
  if (item) item.classList.add("current");
  target.scrollIntoView({ block: "center", behavior: "smooth" });
  target.focus({ preventScroll: true });
  target.classList.remove("flash");
  void target.offsetWidth;
  target.classList.add("flash");
}

/** 确认 / 忽略 with a comment; undo for a decision made. */
function decisionTools(f, d, k, prefix) {
  const box = el("div", { class: "decide" });
  if (!f.unit || !f.year) {
    box.append(el("span", { class: "hint", text: "读不出单位和年度，无法记录审核决定。" }));
    return box;
  }
  if (d.decision) {
    const label = d.decision.verdict === "dismissed" ? "已忽略" : "已确认";
    box.append(
      el("span", { class: `verdict ${d.decision.verdict}`, text: d.decision.comment ? `${label}：${d.decision.comment}` : label }),
      el("button", { type: "button", class: "undo", text: "撤销决定", onclick: () => decide(f, d, null, "") }),
    );
    return box;
  }
  const id = `${prefix}comment-${k}`;
  const comment = el("input", { type: "text", id, class: "comment", placeholder: "理由（可不填）" });
  box.append(
    el("label", { for: id, class: "sr", text: "审核理由" }),
    comment,
    el("button", { type: "button", class: "confirm", text: "确认", onclick: () => decide(f, d, "确认", comment.value) }),
    el("button", { type: "button", class: "dismiss", text: "忽略", onclick: () => decide(f, d, "忽略", comment.value) }),
  );
  return box;
}

function findingItem(d, k, prefix, f) {
  const li = el("li", {
    class: `finding sev-${d.severity}`,
    id: `${prefix}finding-${k}`,
    "data-rule": d.rule,
    "data-severity": d.severity,
    "data-line": d.line,
    "data-location": d.location,
    "data-target": prefix + d.target,
  });
  li.append(
    el(
      "button",
      { type: "button", class: "goto", onclick: () => goTo(prefix, d.target, li) },
      el("span", { class: "loc", text: d.location }),
      el("span", { class: "msg", text: d.message }),
    ),
  );
  if (d.related.length) {
    const ul = el("ul", { class: "related" });
    for (const r of d.related) {
      ul.append(el("li", { class: r.file ? "elsewhere" : null }, el("span", { class: "loc", text: r.location }), r.message));
    }
    li.append(ul);
  }
  if (d.fix) {
    li.append(el("p", { class: "fix", text: `修复：${d.fix.message}${d.fix.safe ? "" : "（需核对）"}` }));
  }
  const docBox = el("pre", { class: "rule-doc", hidden: true, id: `${prefix}doc-${k}` });
  const explain = el("button", {
    type: "button",
    class: "explain",
    "aria-expanded": "false",
    "aria-controls": docBox.id,
    text: "规则说明",
    onclick: async () => {
      if (docBox.hidden) {
        docBox.textContent = await ruleDoc(d.rule);
        docBox.hidden = false;
        explain.setAttribute("aria-expanded", "true");
      } else {
        docBox.hidden = true;
        explain.setAttribute("aria-expanded", "false");
      }
    },
  });
  li.append(el("div", { class: "tools" }, el("span", { class: "rule", text: d.rule }), explain), docBox);
  if (f) li.append(decisionTools(f, d, k, prefix));
  return li;
}

function findingsList(f, prefix) {
  const box = el("div", { class: "findings" });
  box.append(el("h3", { text: "问题列表" }));
  if (!f.findings.length && !(f.dismissed || []).length) {
    box.append(el("p", { text: "没有发现问题。" }));
    return box;
  }
  for (const [sev, label] of SEVERITIES) {
    const items = f.findings.map((d, k) => [d, k]).filter(([d]) => d.severity === sev);
    if (!items.length) continue;
    box.append(el("h4", { text: `${label}（${items.length}）` }));
    const ol = el("ol", { class: `group-${sev}` });
    for (const [d, k] of items) ol.append(findingItem(d, k, prefix, f));
    box.append(ol);
  }
  const dismissed = f.dismissed || [];
  if (dismissed.length) {
    const details = el("details", { class: "dismissed" });
    details.append(el("summary", { text: `已按审核决定忽略的问题（${dismissed.length}）` }));
    const ol = el("ol");
    dismissed.forEach((d, k) => {
      const li = el("li", { class: `finding dismissed sev-${d.severity}`, "data-rule": d.rule });
      li.append(
        el("span", { class: "loc", text: d.location }),
        el("span", { class: "msg", text: d.message }),
        decisionTools(f, d, `x${k}`, prefix),
      );
      ol.append(li);
    });
    details.append(ol);
    box.append(details);
  }
  return box;
}

function documentView(f, prefix) {
  const box = el("div", { class: "document" });
  box.append(el("h3", { text: "文档" }));
  const doc = el("article", { class: "doc", "aria-label": `${f.name} 的内容` });
  for (const b of f.document) {
    if (b.t === "heading") {
      doc.append(el(`h${Math.min(b.level, 4)}`, { id: prefix + b.id, text: b.text }));
    } else if (b.t === "para") {
      const p = el("p", { id: prefix + b.id });
      if (b.lead) p.append(el("strong", { text: b.lead }));
      p.append(b.text);
      doc.append(p);
    } else if (b.t === "table") {
      const table = el("table", { id: prefix + b.id });
      table.append(el("caption", { text: b.name }));
      const body = el("tbody");
      for (const row of b.rows) {
        const tr = el("tr", {
          id: prefix + row.id,
          class: row.data ? "data" : row.names ? "names" : "head",
        });
        for (const c of row.cells) {
          tr.append(
            el(row.names ? "th" : "td", {
              scope: row.names && c.text ? "col" : null,
              id: prefix + c.id,
              class: c.value ? "value" : null,
              colspan: c.colspan > 1 ? c.colspan : null,
              text: c.text,
            }),
          );
        }
        body.append(tr);
      }
      table.append(body);
      doc.append(el("div", { class: "table-wrap" }, table));
    }
  }
  box.append(doc);
  return box;
}

/** Marks each finding's element: its severity, its note (“应为 1”) and
 *  message; related cells are outlined. */
function markDocument(sec, f, prefix) {
  const rank = { error: 4, warning: 3, info: 2, hint: 1 };
  f.findings.forEach((d, k) => {
    const target = sec.querySelector(`#${CSS.escape(prefix + d.target)}`);
    if (!target) return;
    const current = target.dataset.severity;
    if (!current || rank[d.severity] > rank[current]) {
      if (current) target.classList.remove(`mark-${current}`);
      target.dataset.severity = d.severity;
      target.classList.add(`mark-${d.severity}`);
    }
    target.classList.add("mark");
    target.setAttribute("tabindex", "-1");
    const titles = target.title ? [target.title] : [];
    titles.push(`${labelOf(d.severity)} ${d.rule}：${d.message}`);
    target.title = titles.join("\n");
    const noteText = d.note || `${labelOf(d.severity)} ${d.rule}`;
    const holder = target.tagName === "TR" ? target.firstElementChild : target;
    if (holder) {
      holder.append(
        el(
          "span",
          { class: `note ${d.severity}`, "data-finding": k },
          noteText,
          el("span", { class: "sr", text: `：${d.message}` }),
        ),
      );
    }
    for (const r of d.related) {
      if (!r.target || r.target === d.target) continue;
      const rel = sec.querySelector(`#${CSS.escape(prefix + r.target)}`);
      if (rel) {
        rel.classList.add("related-mark");
        if (!rel.title.includes(r.message)) rel.title = (rel.title ? rel.title + "\n" : "") + r.message;
      }
    }
  });
}

function labelOf(sev) {
  return (SEVERITIES.find(([k]) => k === sev) || [sev, sev])[1];
}

function init() {
  const input = document.getElementById("files");
  const drop = document.getElementById("drop");
  document.getElementById("choose").addEventListener("click", () => input.click());
  input.addEventListener("change", () => {
    check(input.files);
    input.value = "";
  });
  for (const ev of ["dragenter", "dragover"]) {
    drop.addEventListener(ev, (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
  }
  for (const ev of ["dragleave", "drop"]) {
    drop.addEventListener(ev, () => drop.classList.remove("over"));
  }
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    check(e.dataTransfer.files);
  });
  // A file dropped elsewhere on the page must not navigate away from it.
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());
}

init();
