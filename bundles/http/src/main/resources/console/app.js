// The console shell: who is logged in, the navigation, the router (#/page/arg), and polling that stops when the page
// changes. Every page is an entry {name, label, title, order, group, module} whose ES module's default export is
// { render(main, ctx) }: the console's own pages below, and the pages bundles add (@ConsolePage, listed by
// GET /api/v1/console/pages) the same way. A page's module is imported when the page is first shown.
import { api, h, session, toast } from './js/ui.js';

const HTTP = 'io.switchboard.http';
const own = (name, label, order, group) => ({ name, label, title: label, order, group, module: `./js/${name}.js`, bundle: HTTP });
const OWN = [
  own('overview', 'Overview', 10), own('bundles', 'Bundles', 20), own('features', 'Features', 30),
  own('config', 'Configuration', 40), own('destinations', 'Destinations', 50), own('logs', 'Logs', 90),
  own('audit', 'Audit log', 100, 'Security'), own('tokens', 'API tokens', 110, 'Security'),
];
let pages = OWN;
let current = { cleanup: [] };

/** Entries without a group first, then each group under its heading, the group placed by its lowest order. */
function arrange(entries) {
  const first = {};
  for (const p of entries) if (p.group) first[p.group] = Math.min(first[p.group] ?? Infinity, p.order);
  const key = p => [p.group ? 1 : 0, p.group ? first[p.group] : 0, p.order];
  return [...entries].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.label.localeCompare(b.label);
  });
}

function nav() {
  const list = document.querySelector('#nav ul');
  list.replaceChildren();
  let group = null;
  for (const p of pages) {
    if (p.group && p.group !== group) { group = p.group; list.append(h('li', { class: 'group' }, group)); }
    list.append(h('li', {}, h('a', { href: '#/' + p.name, 'data-page': p.name }, p.label)));
  }
  mark();
}

function mark() {
  const id = location.hash.replace(/^#\/?/, '').split('/')[0] || 'overview';
  const page = pages.find(p => p.name === decodeURIComponent(id)) || pages[0];
  document.querySelectorAll('#nav a').forEach(a => (a.dataset.page === page.name
    ? a.setAttribute('aria-current', 'page') : a.removeAttribute('aria-current')));
  return page;
}

/** Reads the pages bundles add; the navigation changes only when they did (a bundle started or stopped). */
async function refreshPages() {
  const added = (await api('/v1/console/pages')).filter(p => !OWN.some(o => o.name === p.name));
  const next = arrange([...OWN, ...added]);
  const shape = list => JSON.stringify(list.map(p => [p.name, p.label, p.group, p.module]));
  if (shape(next) === shape(pages)) return false;
  pages = next;
  nav();
  return true;
}

const modules = new Map();
function load(page) {
  if (!modules.has(page.module)) {
    modules.set(page.module, import(page.module).then(m => m.default).catch(e => {
      modules.delete(page.module); // a bundle may serve it a moment later
      throw new Error(`the page ${page.label} (${page.bundle}) could not be loaded: ${e.message}`);
    }));
  }
  return modules.get(page.module);
}

async function route() {
  current.cleanup.forEach(f => f());
  current = { cleanup: [] };
  const [, ...args] = (location.hash.replace(/^#\/?/, '') || 'overview').split('/').map(decodeURIComponent);
  const page = mark();
  document.title = page.label + ' · Switchboard';
  const main = document.getElementById('main');
  const mine = current;
  const ctx = {
    args,
    page: { name: page.name, label: page.label, title: page.title, bundle: page.bundle },
    /** Runs fn now and every ms while this page is shown. */
    every(ms, fn) {
      let stopped = false;
      const run = async () => {
        if (stopped || mine !== current) return;
        try {
          await fn();
          problem(null);
        } catch (e) {
          if (e.status !== 401) problem(e);
        }
      };
      run();
      const timer = setInterval(run, ms);
      mine.cleanup.push(() => { stopped = true; clearInterval(timer); });
    },
    go(hash) { location.hash = hash; },
    alive: () => mine === current,
  };
  let module;
  try {
    module = await load(page);
  } catch (e) {
    if (mine === current) main.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.message));
    return;
  }
  if (mine !== current) return; // another page was chosen while this one loaded
  main.replaceChildren();
  try {
    await module.render(main, ctx);
  } catch (e) {
    main.append(h('p', { class: 'error', role: 'alert' }, e.message));
  }
}

/** A refresh that fails says so at the top of the page (and the next one that works clears it). */
function problem(error) {
  const main = document.getElementById('main');
  let box = main.querySelector(':scope > .page-error');
  if (!error) { if (box) box.remove(); return; }
  if (!box) {
    box = h('p', { class: 'error page-error', role: 'alert' });
    main.prepend(box);
  }
  box.textContent = 'This page could not refresh: ' + error.message;
}

async function health() {
  try {
    const r = await fetch('/health/ready');
    const ok = r.status === 200;
    const badge = document.getElementById('health');
    badge.className = 'badge ' + (ok ? 'ok' : 'bad');
    badge.textContent = ok ? 'Ready' : 'Not ready';
  } catch { /* the next poll tells */ }
}

/** Every few seconds: the health badge, and the pages of bundles that came or went (the page shown may be one). */
async function poll() {
  health();
  try {
    const shown = mark().name;
    if (await refreshPages() && mark().name !== shown) route();
  } catch { /* the next poll tells */ }
}

async function start() {
  Object.assign(session, await api('/v1/session'));
  document.getElementById('who').textContent = `${session.user} (${session.roles.join(', ')})`;
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api('/v1/session', { method: 'DELETE' }); } catch (e) { toast(e.message, true); }
    location.assign('/console/login');
  });
  try {
    await refreshPages();
  } catch (e) {
    toast('Pages of bundles: ' + e.message, true);
  }
  nav();
  window.addEventListener('hashchange', route);
  route();
  health();
  setInterval(poll, 5000);
}

start();
