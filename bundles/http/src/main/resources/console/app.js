// The console shell: who is logged in, the navigation (built-in pages and pages bundles contribute), the router
// (#/page/arg), and polling that stops when the page changes.
import { api, h, session, toast } from './js/ui.js';
import overview from './js/overview.js';
import bundles from './js/bundles.js';
import features from './js/features.js';
import config from './js/config.js';
import destinations from './js/destinations.js';
import dispatch from './js/dispatch.js';
import delivery from './js/delivery.js';
import routes from './js/routes.js';
import logs from './js/logs.js';
import audit from './js/audit.js';
import tokens from './js/tokens.js';

const builtIn = [overview, bundles, features, config, destinations, dispatch, delivery, routes, logs, audit, tokens];
let pages = [...builtIn];
let current = { cleanup: [] };

function contributed(page) {
  return {
    id: 'page-' + page.name, label: page.label, group: 'Bundles\u2019 pages',
    render(main) {
      main.append(h('h1', {}, page.title),
        h('iframe', { class: 'page', src: page.url, title: page.title }));
    },
  };
}

function nav() {
  const list = document.querySelector('#nav ul');
  list.replaceChildren();
  let group = null;
  for (const p of pages) {
    if (p.group && p.group !== group) { group = p.group; list.append(h('li', { class: 'group' }, group)); }
    list.append(h('li', {}, h('a', { href: '#/' + p.id, 'data-page': p.id }, p.label)));
  }
}

async function route() {
  current.cleanup.forEach(f => f());
  current = { cleanup: [] };
  const [id, ...args] = (location.hash.replace(/^#\/?/, '') || 'overview').split('/').map(decodeURIComponent);
  const page = pages.find(p => p.id === id) || overview;
  document.querySelectorAll('#nav a').forEach(a => (a.dataset.page === page.id
    ? a.setAttribute('aria-current', 'page') : a.removeAttribute('aria-current')));
  document.title = page.label + ' · Switchboard';
  const main = document.getElementById('main');
  main.replaceChildren();
  const mine = current;
  const ctx = {
    args,
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
  try {
    await page.render(main, ctx);
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

async function start() {
  Object.assign(session, await api('/v1/session'));
  document.getElementById('who').textContent = `${session.user} (${session.roles.join(', ')})`;
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api('/v1/session', { method: 'DELETE' }); } catch (e) { toast(e.message, true); }
    location.assign('/console/login');
  });
  try {
    pages = [...builtIn, ...(await api('/v1/console/pages')).map(contributed)];
  } catch (e) {
    toast('Pages of bundles: ' + e.message, true);
  }
  nav();
  window.addEventListener('hashchange', route);
  route();
  health();
  setInterval(health, 5000);
}

start();
