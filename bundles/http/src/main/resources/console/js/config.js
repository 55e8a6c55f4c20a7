import { api, h, table, field, act, session, breakable } from './ui.js';

const MASK = '********';

export default {
  async render(main, ctx) {
    const list = h('div');
    const editor = h('div');
    main.append(h('h1', {}, 'Configuration'),
      h('p', { class: 'muted' }, 'Every configurable PID. Changes to a configuration that came from a file in deploy/ are written back to that file.'),
      h('div', { class: 'split' }, list, editor));
    const pids = await api('/v1/config');
    const rows = Array.isArray(pids) ? pids : (pids.pids || pids.configurations || []);
    list.replaceChildren(table([
      { label: 'PID', value: p => h('button', { type: 'button', class: 'link', onclick: () => edit(p.pid) }, breakable(p.pid)) },
      { label: 'Name', value: p => p.name || '', wrap: true },
      { label: 'Configured', value: p => p.factory ? 'factory' : p.configured ? breakable(p.file || 'yes') : 'no' },
    ], rows, { empty: 'No configurable PID.' }));
    if (ctx.args[0]) edit(ctx.args[0]);
    async function edit(pid) {
      const d = await api('/v1/config/' + encodeURIComponent(pid));
      const attributes = (d.form && d.form.attributes) || [];
      const values = Object.fromEntries(Object.entries(d.values || {}).map(([k, v]) =>
        [k, v && typeof v === 'object' && v.secret ? MASK : v]));
      const inputs = {};
      const fields = attributes.map(a => {
        const v = values[a.id] ?? a.default ?? '';
        let input;
        if (a.options && Object.keys(a.options).length) {
          input = h('select', {}, Object.entries(a.options).map(([value, label]) => h('option', { value, selected: value === String(v) }, label)));
        } else if (a.type === 'BOOLEAN' || a.type === 'boolean') {
          input = h('select', {}, ['true', 'false'].map(o => h('option', { value: o, selected: String(v) === o }, o)));
        } else {
          input = h('input', { value: Array.isArray(v) ? v.join(', ') : String(v), type: a.secret ? 'password' : 'text', size: 40,
            autocomplete: 'off', readonly: !session.admin });
        }
        inputs[a.id] = { input, attribute: a };
        return field(a.name || a.id, input, [a.description, `(${a.id}, ${a.type})`].filter(Boolean).join(' ')).field;
      });
      const extra = Object.entries(values).filter(([k]) => !attributes.some(a => a.id === k) && !k.startsWith('felix.') && !k.startsWith('service.') && !k.startsWith('switchboard.deploy.'));
      const save = h('button', { type: 'submit' }, 'Save');
      const form = h('form', { class: 'panel', 'aria-label': 'Configuration ' + pid }, h('h2', {}, (d.form && d.form.name) || d.name || pid),
        h('p', { class: 'muted mono' }, pid + (d.file ? ' \u2190 ' + d.file : '')), fields,
        d.form ? null : h('p', { class: 'muted' }, 'No metatype describes this PID: its properties are shown as they are.'),
        extra.length ? [h('h2', {}, d.form ? 'Other properties' : 'Properties'), table([{ label: 'Name', value: e => e[0] }, { label: 'Value', value: e => String(e[1]), wrap: true }], extra)] : null,
        session.admin ? save : h('p', { class: 'muted' }, 'Only admins change configuration.'));
      form.addEventListener('submit', async e => {
        e.preventDefault();
        const body = {};
        for (const [id, { input, attribute }] of Object.entries(inputs)) {
          const v = input.value;
          body[id] = attribute.cardinality && attribute.cardinality !== 0 && v !== MASK ? v.split(',').map(s => s.trim()).filter(Boolean) : v;
        }
        for (const [k, v] of extra) body[k] = v; // PUT replaces: keep what the form does not show
        const r = await act(save, () => api('/v1/config/' + encodeURIComponent(pid), { method: 'PUT', body }), 'Saved');
        if (r) edit(pid);
      });
      editor.replaceChildren(form);
    }
  },
};
