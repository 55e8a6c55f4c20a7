import { api, h, table, act, opButton, badge } from './ui.js';

export default {
  async render(main, ctx) {
    const list = h('div');
    main.append(h('h1', {}, 'Features'),
      h('p', { class: 'muted' }, 'A feature is a set of bundles and configurations (OSGi Feature JSON). Boot features '
        + 'come from config/switchboard.properties; others are installed from the distribution\u2019s features/ folder into deploy/.'),
      list);
    async function refresh() {
      const r = await api('/v1/features');
      const installed = r.installed || [];
      const available = r.available || [];
      list.replaceChildren(h('h2', {}, 'Installed'), table([
        { label: 'Feature', value: f => [h('div', {}, f.name || f.id), h('div', { class: 'muted mono' }, f.id)], wrap: true },
        { label: 'Kind', value: f => f.boot ? badge('boot') : badge('deployed', 'ok') },
        { label: 'Bundles', value: f => (f.bundles || []).length, num: true },
        { label: 'From', value: f => f.source, wrap: true },
        { label: '', value: f => f.boot ? null : opButton('Uninstall', e => confirm(`Uninstall ${f.id}?`)
          && act(e.target, () => api('/v1/features/uninstall', { method: 'POST', body: { id: f.id } }), 'Uninstalled').then(refresh), { admin: true, danger: true }) },
      ], installed), h('h2', {}, 'Available'), table([
        { label: 'File', value: f => f.file },
        { label: 'Feature', value: f => f.name || f.id || '', wrap: true },
        { label: '', value: f => opButton('Install', e => act(e.target, () => api('/v1/features/install', { method: 'POST', body: { file: f.file } }),
          `${f.file} installed`).then(refresh), { admin: true, secondary: false }) },
      ], available, { empty: 'Every feature of the distribution is installed.' }));
    }
    ctx.every(5000, refresh);
  },
};
