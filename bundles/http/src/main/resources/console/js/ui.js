// The console's toolkit: the API client, an element builder that only ever inserts text (so bodies, headers and
// errors from the server are shown escaped), tables, forms and notices. No framework, no build step.

export const session = { user: null, roles: [], csrfToken: null, mayOperate: false, admin: false };

/** Calls /api + path. JSON in and out; a change sends the session's CSRF token. Throws an Error with the server's message. */
export async function api(path, { method = 'GET', body, raw, type, allow = [] } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET') headers['X-CSRF-Token'] = session.csrfToken;
  if (body !== undefined) {
    if (raw) { init.body = body; headers['Content-Type'] = type || 'application/octet-stream'; }
    else { init.body = JSON.stringify(body); headers['Content-Type'] = 'application/json'; }
  }
  const response = await fetch('/api' + path, init);
  if (response.status === 401) { location.assign('/console/login'); throw new Error('the session has ended'); }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!response.ok && !allow.includes(response.status)) {
    const error = new Error((data && data.message) || `${method} ${path}: HTTP ${response.status}`);
    error.status = response.status;
    error.data = data;
    throw error;
  }
  return allow.length ? { status: response.status, data } : data;
}

/** h('tag', {attrs, onclick: fn}, children...): strings become text nodes, never HTML. */
export function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k === 'value') e.value = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  append(e, children);
  return e;
}

function append(e, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : String(c));
  }
}

/** A table: columns are {label, value: row => node|text, num?: true}. */
export function table(columns, rows, { empty = 'Nothing here.', caption, rowAttrs } = {}) {
  if (!rows || rows.length === 0) return h('p', { class: 'muted' }, empty);
  return h('table', {},
    caption ? h('caption', { class: 'muted' }, caption) : null,
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
    h('tbody', {}, rows.map(r => h('tr', rowAttrs ? rowAttrs(r) : {},
      columns.map(c => h('td', { class: [c.num ? 'num' : '', c.wrap ? 'wrap' : ''].join(' ').trim() || null }, c.value(r)))))));
}

/** A labelled input; returns {field, input}. */
export function field(label, input, help) {
  const id = input.id || 'f-' + Math.random().toString(36).slice(2, 9);
  input.id = id;
  return { field: h('div', { class: 'field' }, h('label', { for: id }, label), input, help ? h('div', { class: 'help' }, help) : null), input };
}

export function toast(message, bad = false) {
  const box = document.getElementById('toast');
  const item = h('div', { class: bad ? 'bad' : null }, message);
  box.append(item);
  setTimeout(() => item.remove(), bad ? 9000 : 4000);
}

/** Runs an action from a button: disables it meanwhile, reports success or the server's error. */
export async function act(button, action, done) {
  if (button) button.disabled = true;
  try {
    const result = await action();
    if (done) toast(typeof done === 'function' ? done(result) : done);
    return result;
  } catch (e) {
    toast(e.message, true);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

/** Text that may break after '.', '/', '~', '-' and '_' (PIDs, ids, file names) instead of in mid-word. */
export function breakable(text) {
  const span = h('span', { class: 'breakable' });
  String(text ?? '').split(/(?<=[./~_-])/).forEach((part, i) => { if (i) span.append(h('wbr')); span.append(part); });
  return span;
}

export function badge(text, kind) {
  return h('span', { class: 'badge' + (kind ? ' ' + kind : '') }, text);
}

export function stateBadge(state) {
  const ok = ['ACTIVE', 'STARTED', 'DEPLOYED', 'CLOSED', 'DELIVERED', 'UP', 'CONNECTED'];
  const bad = ['FAILED', 'DEAD', 'OPEN', 'STOPPED', 'INSTALLED', 'PERMANENT_FAILURE'];
  return badge(state, ok.includes(state) ? 'ok' : bad.includes(state) ? 'bad' : 'warn');
}

export function card(label, value) {
  return h('div', { class: 'card' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value));
}

export function bytes(n) {
  if (n === null || n === undefined || n < 0) return '–';
  const units = ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

export function duration(seconds) {
  const d = Math.floor(seconds / 86400), hh = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60);
  return d ? `${d} d ${hh} h` : hh ? `${hh} h ${m} min` : m ? `${m} min ${seconds % 60} s` : `${seconds} s`;
}

export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString();
}

export function number(n) {
  return n === null || n === undefined ? '–' : Number(n).toLocaleString('en');
}

/** A button that only operators and admins get (viewers see nothing to click). */
export function opButton(label, onclick, { danger = false, secondary = true, admin = false, title } = {}) {
  if (admin ? !session.admin : !session.mayOperate) return null;
  return h('button', { type: 'button', class: danger ? 'danger' : secondary ? 'secondary' : null, onclick, title }, label);
}

/** A small line chart of the last values on a canvas. */
export function lineChart(canvas, values, { label = '', color = '#2f6fae' } = {}) {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth, hgt = canvas.clientHeight;
  canvas.width = w * ratio; canvas.height = hgt * ratio;
  const g = canvas.getContext('2d');
  g.scale(ratio, ratio);
  g.clearRect(0, 0, w, hgt);
  const max = Math.max(1, ...values) * 1.1;
  g.strokeStyle = '#d9dee7'; g.fillStyle = '#5d6778'; g.font = '11px system-ui, sans-serif';
  for (let i = 0; i <= 2; i++) {
    const y = 8 + (hgt - 24) * i / 2;
    g.beginPath(); g.moveTo(40, y); g.lineTo(w - 4, y); g.stroke();
    const v = max * (1 - i / 2);
    g.fillText(max < 10 ? v.toFixed(1) : Math.round(v).toLocaleString('en'), 2, y + 4);
  }
  g.fillText(label, 44, hgt - 4);
  if (values.length < 2) return;
  g.strokeStyle = color; g.lineWidth = 2; g.beginPath();
  values.forEach((v, i) => {
    const x = 40 + (w - 44) * i / (values.length - 1), y = 8 + (hgt - 24) * (1 - v / max);
    i ? g.lineTo(x, y) : g.moveTo(x, y);
  });
  g.stroke();
}
