import { api, h, table, field, time } from './ui.js';

export default {
  async render(main, ctx) {
    const level = field('Level at least', h('select', {}, ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'].map(l => h('option', { value: l, selected: l === 'INFO' }, l))));
    const contains = field('Contains', h('input', { size: 24 }));
    const follow = h('input', { type: 'checkbox', id: 'follow', checked: true });
    const list = h('div');
    const form = h('form', { class: 'inline' }, level.field, contains.field,
      h('label', { for: 'follow', class: 'check' }, follow, ' Follow'), h('button', { type: 'submit' }, 'Show'));
    form.addEventListener('submit', e => { e.preventDefault(); refresh(true); });
    main.append(h('h1', {}, 'Logs'), form, list);
    async function refresh(force) {
      if (!force && !follow.checked) return;
      const q = new URLSearchParams({ level: level.input.value, limit: 300 });
      if (contains.input.value) q.set('contains', contains.input.value);
      const r = await api('/v1/logs?' + q);
      const lines = Array.isArray(r) ? r : (r.lines || r.entries || []);
      list.replaceChildren(table([
        { label: 'Time', value: l => h('span', { title: time(l.time) }, new Date(l.time).toLocaleTimeString()) },
        { label: 'Level', value: l => h('span', { class: 'level-' + l.level }, l.level) },
        { label: 'Logger', value: l => h('span', { title: `${l.logger} [${l.thread}]` }, (l.logger || '').replace(/^.*\./, '')) },
        { label: 'Message', value: l => h('pre', { class: 'mono plain' }, l.message + (l.throwable ? '\n' + l.throwable : '')), wrap: true },
      ], lines.slice().reverse(), { empty: 'No log lines at this level.' }));
    }
    ctx.every(3000, () => refresh(false));
  },
};
