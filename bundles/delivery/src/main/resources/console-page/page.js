// The console's Delivery page, contributed by this bundle (DeliveryPage, @ConsolePage) and rendered inside the console
// with its toolkit, which the console serves at /console/js/ui.js.
import { api, h, table, field, act, stateBadge, opButton, number, time, session, breakable } from '/console/js/ui.js';

const STATES = ['', 'PENDING', 'IN_FLIGHT', 'DELIVERED', 'DEAD'];

export default {
  async render(main, ctx) {
    const endpoints = h('div');
    const results = h('div');
    const detail = h('div');
    const endpoint = field('Endpoint', h('input', { size: 14 }));
    const state = field('State', h('select', {}, STATES.map(s => h('option', { value: s }, s || 'any'))));
    const messageId = field('Message id starts with', h('input', { size: 18 }));
    const type = field('Type', h('input', { size: 14 }));
    const search = h('form', { class: 'inline', role: 'search', 'aria-label': 'Search stored messages' },
      endpoint.field, state.field, messageId.field, type.field, h('button', { type: 'submit' }, 'Search'),
      opButton('Replay dead (this filter)', e => bulk(e, 'replay')),
      opButton('Purge (this filter)', e => bulk(e, 'purge'), { danger: true }));
    if (ctx.args[0]) endpoint.input.value = ctx.args[0];
    main.append(h('h1', {}, 'Delivery'), h('h2', {}, 'Endpoints'), endpoints, h('h2', {}, 'Stored messages'), search,
      h('div', { class: 'split' }, results, detail));
    const filter = () => new URLSearchParams(Object.entries({ endpoint: endpoint.input.value, state: state.input.value,
      messageId: messageId.input.value, type: type.input.value }).filter(([, v]) => v));
    async function bulk(e, what) {
      const f = filter();
      if (what === 'replay' && !f.get('state')) f.set('state', 'DEAD');
      if (!confirm(what === 'replay' ? `Replay every DEAD message matching ${f || 'anything'}?`
        : `Delete every stored message matching ${f || 'anything (all of them)'}? This cannot be undone.`)) return;
      if (what === 'purge' && ![...f.keys()].length) f.set('all', 'true');
      const r = await act(e.target, () => api(`/v1/delivery/messages${what === 'replay' ? '/replay' : ''}?${f}`,
        { method: what === 'replay' ? 'POST' : 'DELETE' }), r => `${r.affected} message(s) ${what === 'replay' ? 'replayed' : 'purged'}`);
      if (r) { list(); loadEndpoints(); }
    }
    search.addEventListener('submit', e => { e.preventDefault(); list(); });
    async function loadEndpoints() {
      endpoints.replaceChildren(table([
        { label: 'Endpoint', value: x => h('button', { type: 'button', class: 'link', onclick: () => { endpoint.input.value = x.name; list(); } }, x.name) },
        { label: 'Deployed', value: x => x.deployed ? 'yes' : h('span', { class: 'badge warn' }, 'no: messages wait') },
        { label: 'Circuit', value: x => stateBadge(x.circuit) },
        { label: 'Pending', value: x => number(x.pending), num: true },
        { label: 'In flight', value: x => number(x.inFlight), num: true },
        { label: 'Dead', value: x => x.dead ? h('button', { type: 'button', class: 'link', onclick: () => {
          endpoint.input.value = x.name; state.input.value = 'DEAD'; list(); } }, number(x.dead)) : '0', num: true },
      ], await api('/v1/delivery/endpoints'), { empty: 'No delivery endpoints: configure one with deploy/io.switchboard.delivery.http~NAME.cfg.' }));
    }
    async function list(cursor) {
      const q = filter();
      q.set('limit', 50);
      if (cursor) q.set('cursor', cursor);
      const page = await api('/v1/delivery/messages?' + q);
      const t = table([
        { label: 'Message id', value: m => h('button', { type: 'button', class: 'link', onclick: () => show(m.id) }, breakable(m.messageId)) },
        { label: 'Endpoint', value: m => m.endpoint },
        { label: 'State', value: m => stateBadge(m.state) },
        { label: 'Attempts', value: m => m.attempts, num: true },
        { label: 'Next / last change', value: m => time(m.state === 'PENDING' ? m.nextAttemptAt : m.updatedAt) },
        { label: 'Last error', value: m => m.lastError, wrap: true },
      ], page.items, { empty: 'No stored message matches.', rowAttrs: m => ({ 'data-message': m.messageId }) });
      const more = page.nextCursor ? h('button', { type: 'button', class: 'secondary', onclick: () => list(page.nextCursor) }, 'Next page') : null;
      results.replaceChildren(...[t, more].filter(Boolean));
    }
    let shown = null;
    async function show(id) {
      shown = id;
      const d = await api('/v1/delivery/messages/' + encodeURIComponent(id));
      const m = d.message;
      if (shown !== id || !ctx.alive()) return;
      if (m.state === 'PENDING' || m.state === 'IN_FLIGHT') {
        // an attempt is due or running: show its outcome when it comes
        setTimeout(() => { if (shown === id && ctx.alive()) show(id); }, 1500);
      }
      const body = h('textarea', { 'aria-label': 'Body', readonly: !session.mayOperate }, d.body ?? `(binary, ${atob(d.bodyBase64 || '').length} bytes)`);
      detail.replaceChildren(h('div', { class: 'panel' },
        h('h2', {}, breakable(m.messageId)), h('p', {}, stateBadge(m.state), ` to ${m.endpoint}, ${m.attempts} attempt(s), accepted ${time(m.createdAt)}`),
        m.lastError ? h('p', { class: 'error' }, m.lastError) : null,
        h('h2', {}, 'Headers'), table([{ label: 'Name', value: e => e[0] }, { label: 'Value', value: e => e[1], wrap: true }],
          Object.entries(d.headers || {}), { empty: 'No headers.' }),
        h('h2', {}, `Body (${d.contentType})`), body,
        h('div', { class: 'toolbar' },
          opButton(m.state === 'DELIVERED' ? 'Send again' : 'Retry now', e => act(e.target, () => api(`/v1/delivery/messages/${m.id}/retry`, { method: 'POST' }), 'Retry scheduled').then(() => show(id)), { secondary: false }),
          d.body !== undefined && d.body !== null ? opButton('Save body and retry', e => act(e.target, () => api(`/v1/delivery/messages/${m.id}`,
            { method: 'PUT', body: { body: body.value } }), 'Edited; retry scheduled').then(() => show(id))) : null),
        h('h2', {}, 'Attempts'), table([
          { label: '#', value: a => a.attempt, num: true },
          { label: 'When', value: a => time(a.at) },
          { label: 'Outcome', value: a => stateBadge(a.outcome === 'DELIVERED' ? 'DELIVERED' : a.outcome) },
          { label: 'Error', value: a => a.error, wrap: true },
        ], d.attempts, { empty: 'No attempt yet.' })));
    }
    ctx.every(4000, loadEndpoints);
    list();
  },
};
