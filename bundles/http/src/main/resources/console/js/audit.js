import { api, h, table, field, time } from './ui.js';

export default {
  async render(main, ctx) {
    const user = field('User', h('input', { size: 12 }));
    const contains = field('Action contains', h('input', { size: 24 }));
    const list = h('div');
    const form = h('form', { class: 'inline' }, user.field, contains.field, h('button', { type: 'submit' }, 'Filter'));
    form.addEventListener('submit', e => { e.preventDefault(); refresh(); });
    main.append(h('h1', {}, 'Audit log'),
      h('p', { class: 'muted' }, 'Every change made over HTTP (console or API), every login, logout and lockout. '
        + 'Message operations have their own detailed audit on the Delivery page.'), form, list);
    async function refresh() {
      const q = new URLSearchParams({ limit: 300, user: user.input.value, contains: contains.input.value });
      list.replaceChildren(table([
        { label: 'When', value: e => time(e.time) },
        { label: 'Who', value: e => e.user },
        { label: 'What', value: e => e.action, wrap: true },
        { label: 'Status', value: e => e.status, num: true },
        { label: 'From', value: e => e.from },
      ], await api('/v1/audit?' + q), { empty: 'No entries.' }));
    }
    ctx.every(5000, refresh);
  },
};
