import { api, h, table, field, act, opButton, number, badge, time, session, breakable } from './ui.js';

export default {
  async render(main, ctx) {
    const list = h('div');
    const addresses = h('div');
    const browse = h('div');
    const note = h('p', { class: 'muted' });
    const showTemp = h('input', { type: 'checkbox', id: 'show-internal' });
    let selected = ctx.args[0] || null;
    let last = null;
    main.append(h('h1', {}, 'Destinations'), note,
      h('div', { class: 'toolbar' }, h('label', { for: 'show-internal' }, showTemp, ' Show temporary queues')),
      list, browse, h('h2', {}, 'Addresses'), addresses, sendForm());
    showTemp.addEventListener('change', refresh);
    const q = name => '/v1/destinations/' + encodeURIComponent(name);
    async function refresh() {
      const r = await api('/v1/destinations', { allow: [503] });
      if (r.status !== 200) { note.textContent = r.data.message; return; }
      const now = performance.now();
      const rates = {};
      for (const x of r.data.queues) {
        const before = last ? last.counts[x.name] : undefined; // no rate before the second poll
        rates[x.name] = before === undefined ? null : (x.messagesAdded - before) * 1000 / (now - last.t);
      }
      last = { t: now, counts: Object.fromEntries(r.data.queues.map(x => [x.name, x.messagesAdded])) };
      note.textContent = `${r.data.queues.length} queues, ${number(r.data.totals.depth)} messages queued.`;
      const rows = r.data.queues.filter(x => showTemp.checked || !x.temporary);
      list.replaceChildren(table([
        { label: 'Queue', value: x => [h('button', { type: 'button', class: 'link', onclick: () => { selected = x.name; show(); } }, breakable(x.name)),
          x.deadLetter ? [' ', badge('dead letters', 'bad')] : null], wrap: true },
        { label: 'Address', value: x => x.address === x.name ? '' : x.address, wrap: true },
        { label: 'Routing', value: x => x.routingType },
        { label: 'Depth', value: x => number(x.depth), num: true },
        { label: 'Consumers', value: x => number(x.consumers), num: true },
        { label: 'In /s', value: x => rates[x.name] === null ? '–' : rates[x.name].toFixed(1), num: true },
        { label: 'Added', value: x => number(x.messagesAdded), num: true },
        { label: 'Actions', value: x => [
          x.deadLetter && x.depth ? opButton('Retry all', e => act(e.target, () => api(q(x.name) + '/retry', { method: 'POST' }),
            r => `${r.retried} message(s) sent back to their origin`).then(refresh)) : null,
          x.depth ? opButton('Move…', e => { const to = prompt(`Move every message of ${x.name} to which address?`); if (to)
            act(e.target, () => api(q(x.name) + '/move?to=' + encodeURIComponent(to), { method: 'POST' }), 'Moved').then(refresh); }) : null,
          x.depth ? opButton('Purge', e => confirm(`Delete all ${x.depth} message(s) of ${x.name}?`)
            && act(e.target, () => api(q(x.name) + '/purge', { method: 'POST' }), 'Purged').then(refresh), { danger: true }) : null,
        ] },
      ], rows, { rowAttrs: x => ({ class: x.name === selected ? 'selected' : null, 'data-queue': x.name }) }));
      addresses.replaceChildren(table([
        { label: 'Address', value: a => breakable(a.name), wrap: true },
        { label: 'Routing', value: a => a.routingTypes.join(', ') },
        { label: 'Queues', value: a => number(a.queues), num: true },
        { label: 'Routed', value: a => number(a.routed), num: true },
        { label: 'Unrouted', value: a => h('span', { title: 'sent here and bound to no queue of this address: dropped, or diverted elsewhere' }, number(a.unrouted)), num: true },
      ], r.data.addresses.filter(a => showTemp.checked || !a.temporary), { empty: 'No addresses.' }));
    }
    async function show() {
      if (!selected) return;
      const { messages } = await api(q(selected) + '/messages?limit=50');
      browse.replaceChildren(h('div', { class: 'panel' }, h('h2', {}, `Messages in ${selected} (first ${messages.length})`),
        table([
          { label: 'Id', value: m => m.id, num: true },
          { label: 'Time', value: m => time(m.timestamp) },
          { label: 'Properties', value: m => h('pre', { class: 'mono' }, Object.entries(m.properties || {}).map(([k, v]) => `${k}: ${v}`).join('\n')), wrap: true },
          { label: 'Body', value: m => [h('pre', { class: 'mono' }, m.body ?? ''), h('div', { class: 'muted' },
            `${m.type}, ${m.bodySize} bytes in the broker${m.bodyEncoding === 'base64' ? ', base64' : ''}${m.truncated ? ', cut to the first 4 KB' : ''}`)], wrap: true },
          { label: '', value: m => m.properties && m.properties._AMQ_ORIG_ADDRESS
            ? opButton('Retry', e => act(e.target, () => api(`${q(selected)}/messages/${m.id}/retry`, { method: 'POST' }), 'Sent back to ' + m.properties._AMQ_ORIG_ADDRESS).then(show)) : null },
        ], messages, { empty: 'The queue is empty.' })));
    }
    function sendForm() {
      const address = field('Address', h('input', { size: 26, required: true }));
      const routing = field('Routing', h('select', {}, h('option', { value: 'ANYCAST' }, 'ANYCAST (queue)'), h('option', { value: 'MULTICAST' }, 'MULTICAST (topic)')));
      const props = field('Properties (name=value a line)', h('textarea', { rows: 3 }));
      const body = field('Body', h('textarea', { rows: 4 }));
      const button = h('button', { type: 'submit' }, 'Send');
      const form = h('form', { class: 'panel', 'aria-label': 'Send a test message' }, h('h2', {}, 'Send a test message'),
        address.field, routing.field, props.field, body.field, button);
      form.addEventListener('submit', e => {
        e.preventDefault();
        const properties = Object.fromEntries(props.input.value.split('\n').filter(l => l.includes('='))
          .map(l => [l.slice(0, l.indexOf('=')).trim(), l.slice(l.indexOf('=') + 1).trim()]));
        act(button, () => api(q(address.input.value) + '/send', { method: 'POST', body: {
          body: body.input.value, properties, routingType: routing.input.value, durable: true } }), 'Sent').then(refresh);
      });
      return session.mayOperate ? form : h('span');
    }
    ctx.every(2000, refresh);
    if (selected) show();
  },
};
