// The console's Bridges page, contributed by the bridges bundle (BridgesPage, @ConsolePage) and rendered inside the
// console with its toolkit.
import { api, h, table, stateBadge, number, time, breakable } from '/console/js/ui.js';

export default {
  async render(main, ctx) {
    const list = h('div');
    const detail = h('div');
    main.append(h('h1', {}, ctx.page.title),
      h('p', {}, 'Each instance is a configuration deploy/io.switchboard.bridge.<bridge>~<instance>.cfg (edit it on the Configuration page).'),
      h('div', { class: 'split' }, list, detail));
    let shown = ctx.args[0] || null;
    function show(b) {
      shown = b.name;
      detail.replaceChildren(h('div', { class: 'panel' },
        h('h2', {}, breakable(b.name)),
        h('p', {}, stateBadge(b.state), ` since ${time(b.since)}`),
        b.reason ? h('p', { class: 'error' }, b.reason) : null,
        b.lastError ? h('p', {}, 'Last error: ', b.lastError) : null,
        h('h2', {}, 'Settings'),
        table([{ label: 'Name', value: e => e[0] }, { label: 'Value', value: e => String(e[1]), wrap: true }],
          Object.entries(b.settings || {}), { empty: 'No settings shown.' })));
    }
    ctx.every(2000, async () => {
      const bridges = await api('/v1/bridges');
      if (!ctx.alive()) return;
      list.replaceChildren(table([
        { label: 'Instance', value: b => h('button', { type: 'button', class: 'link', onclick: () => show(b) }, breakable(b.name)) },
        { label: 'State', value: b => stateBadge(b.state) },
        { label: 'In', value: b => number(b.in), num: true },
        { label: 'Out', value: b => number(b.out), num: true },
        { label: 'Failed', value: b => number(b.failed), num: true },
        { label: 'Reason / last error', value: b => b.reason || b.lastError || '', wrap: true },
      ], bridges, { empty: 'No bridge instances: drop a configuration from examples/bridges/ into deploy/.',
        rowAttrs: b => ({ 'data-bridge': b.name }) }));
      const current = bridges.find(b => b.name === shown);
      if (current) show(current);
    });
  },
};
