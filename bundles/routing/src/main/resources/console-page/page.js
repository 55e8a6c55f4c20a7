// The console's Routes page, contributed by this bundle (RoutesPage, @ConsolePage) and rendered inside the console with
// its toolkit, which the console serves at /console/js/ui.js.
import { api, h, table, act, stateBadge, opButton, number, time } from '/console/js/ui.js';

export default {
  async render(main, ctx) {
    const list = h('div');
    const detail = h('div');
    let selected = ctx.args[0] || null;
    main.append(h('h1', {}, 'Routes'),
      h('p', { class: 'muted' }, 'Routes come from *.route.yaml files in deploy/ and from bundles. Counters count since the route was deployed.'),
      list, detail);
    const op = (r, what) => e => act(e.target, () => api(`/v1/routes/${encodeURIComponent(r.id)}/${what}`, { method: 'POST' }),
      `${r.id}: ${what}`).then(refresh);
    async function refresh() {
      const { routes } = await api('/v1/routes');
      list.replaceChildren(table([
        { label: 'Route', value: r => h('a', { href: '#/routes/' + encodeURIComponent(r.id) }, r.id) },
        { label: 'State', value: r => [stateBadge(r.state), r.waitingFor.length ? h('div', { class: 'muted' }, 'waits for ' + r.waitingFor.join(', ')) : null] },
        { label: 'From', value: r => h('span', { class: 'mono' }, r.from), wrap: true },
        { label: 'In', value: r => number(r.steps.length ? r.steps[0].in : 0), num: true },
        { label: 'Failed', value: r => number(r.steps.reduce((n, s) => n + s.failed, 0)), num: true },
        { label: 'File', value: r => r.file, wrap: true },
        { label: 'Since', value: r => time(r.since) },
        { label: 'Actions', value: r => [
          r.state === 'STARTED' ? opButton('Suspend', op(r, 'suspend')) : null,
          r.state === 'SUSPENDED' || r.state === 'STOPPED' ? opButton('Resume', op(r, 'resume')) : null,
          r.state !== 'STOPPED' ? opButton('Stop', op(r, 'stop'), { danger: true }) : null,
        ] },
      ], routes, { empty: 'No routes. Drop a *.route.yaml file into deploy/ (see examples/routes).',
        rowAttrs: r => ({ class: r.id === selected ? 'selected' : null, 'data-route': r.id }) }));
      const route = routes.find(r => r.id === selected);
      if (!route) { detail.replaceChildren(); return; }
      const steps = table([
        { label: 'Step', value: s => h('span', { class: 'mono' }, s.path) },
        { label: 'Kind', value: s => s.kind },
        { label: 'Does', value: s => h('span', { class: 'mono' }, s.description), wrap: true },
        { label: 'In', value: s => number(s.in), num: true },
        { label: 'Out', value: s => number(s.out), num: true },
        { label: 'Failed', value: s => number(s.failed), num: true },
        { label: 'Mean ms', value: s => s.meanMillis.toFixed(3), num: true },
        { label: 'Last message', value: s => time(s.lastAt) },
      ], route.steps, { empty: 'No steps.' });
      if (!detail.dataset.route || detail.dataset.route !== route.id) {
        detail.dataset.route = route.id;
        const source = h('pre', { class: 'mono', 'aria-label': 'Route source' }, 'Loading…');
        detail.replaceChildren(...[h('h2', {}, `Steps of ${route.id}`), h('div', { id: 'steps' }, steps),
          route.pushedDown ? h('p', { class: 'muted' }, 'Filter pushed down to the broker: ' + route.pushedDown) : null,
          h('h2', {}, 'Source'), source].filter(Boolean));
        const r = await api(`/v1/routes/${encodeURIComponent(route.id)}/source`, { allow: [404] });
        source.textContent = r.status === 200 ? `# ${r.data.file}\n${r.data.text}` : r.data.message;
      } else {
        detail.querySelector('#steps').replaceChildren(steps);
      }
    }
    window.addEventListener('hashchange', () => { selected = null; }, { once: true });
    ctx.every(2000, refresh);
  },
};
