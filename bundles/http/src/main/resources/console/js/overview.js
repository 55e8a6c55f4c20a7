import { api, h, card, bytes, duration, number, table, lineChart, badge, time } from './ui.js';

export default {
  async render(main, ctx) {
    const cards = h('div', { class: 'cards' });
    const canvas = h('canvas', { class: 'chart', role: 'img', 'aria-label': 'Messages per second through the broker' });
    const rateNote = h('p', { class: 'muted' });
    const failed = h('div');
    main.append(h('h1', {}, 'Overview'), cards,
      h('div', { class: 'panel' }, h('h2', {}, 'Messages per second (all queues)'), canvas, rateNote),
      h('h2', {}, 'Failed deployments'), failed);
    const rates = [];
    let last = null;
    ctx.every(2000, async () => {
      const o = await api('/v1/overview');
      const heap = o.memory.heapMax > 0 ? Math.round(100 * o.memory.heapUsed / o.memory.heapMax) : null;
      cards.replaceChildren(
        card('Version', o.version),
        card('Uptime', duration(o.uptimeSeconds)),
        card('Health', o.ready ? badge('Ready', 'ok') : badge('Not ready: ' + o.notReadyReasons.join('; '), 'bad')),
        card('Broker', o.broker.accepting ? badge('Accepting', 'ok') : badge('Not accepting', 'bad')),
        card('Heap', `${bytes(o.memory.heapUsed)} of ${bytes(o.memory.heapMax)}${heap === null ? '' : ` (${heap}%)`}`),
        card('Threads', number(o.threads)),
        card('Bundles', Object.entries(o.bundles).map(([s, n]) => `${n} ${s.toLowerCase()}`).join(', ')),
        card('Started', time(o.startedAt)));
      failed.replaceChildren(table([
        { label: 'File', value: d => d.file },
        { label: 'Error', value: d => d.error, wrap: true },
        { label: 'Since', value: d => time(d.changed) },
      ], o.failedDeployments || [], { empty: 'None: every file in deploy/ is deployed.' }));
      const r = await api('/v1/destinations', { allow: [503] });
      if (r.status !== 200) {
        rateNote.textContent = r.data.message;
        return;
      }
      const now = { t: performance.now(), added: r.data.totals.messagesAdded };
      if (last) rates.push(Math.max(0, (now.added - last.added) * 1000 / (now.t - last.t)));
      last = now;
      if (rates.length > 150) rates.shift();
      lineChart(canvas, rates, { label: 'last 5 minutes, sampled every 2 s' });
      rateNote.textContent = rates.length ? `Now ${Math.round(rates[rates.length - 1]).toLocaleString('en')} msg/s; `
        + `${number(r.data.totals.depth)} messages queued.` : 'Measuring…';
    });
  },
};
