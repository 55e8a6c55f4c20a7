import { api, h, table, field, act, session, time } from './ui.js';

export default {
  async render(main, ctx) {
    const list = h('div');
    const shown = h('div', { role: 'status', 'aria-live': 'polite' });
    const name = field('What the token is for', h('input', { required: true, size: 28, maxlength: 100 }));
    const held = session.admin ? ['viewer', 'operator', 'admin'] : session.mayOperate ? ['viewer', 'operator'] : ['viewer'];
    const role = field('Role', h('select', {}, held.map(r => h('option', { value: r }, r))),
      'viewer reads; operator also operates the traffic; admin may do everything');
    const button = h('button', { type: 'submit' }, 'Make token');
    const form = h('form', { class: 'inline panel', 'aria-label': 'Make an API token' }, name.field, role.field, button);
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const made = await act(button, () => api('/v1/tokens', { method: 'POST', body: {
        name: name.input.value, roles: [role.input.value] } }), 'Token made');
      if (made) {
        shown.replaceChildren(h('div', { class: 'panel' }, h('p', {}, 'Copy it now: it is not shown again.'),
          h('pre', { class: 'mono', id: 'new-token' }, made.token),
          h('p', { class: 'muted' }, `curl -H "Authorization: Bearer ${made.token}" ${location.origin}/api/v1/overview`)));
        name.input.value = '';
        refresh();
      }
    });
    main.append(h('h1', {}, 'API tokens'),
      h('p', { class: 'muted' }, 'For scripts: send Authorization: Bearer TOKEN. A token acts as you, with the roles you give it.'),
      form, shown, list);
    async function refresh() {
      list.replaceChildren(table([
        { label: 'Name', value: t => t.name },
        { label: 'Owner', value: t => t.owner },
        { label: 'Roles', value: t => t.roles.join(', ') },
        { label: 'Made', value: t => time(t.created) },
        { label: '', value: t => h('button', { type: 'button', class: 'danger', onclick: e => confirm(`Revoke ${t.name}?`)
          && act(e.target, () => api('/v1/tokens/' + t.id, { method: 'DELETE' }), 'Revoked').then(refresh) }, 'Revoke') },
      ], await api('/v1/tokens'), { empty: 'No tokens yet.' }));
    }
    refresh();
  },
};
