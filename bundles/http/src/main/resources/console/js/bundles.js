import { api, h, table, field, act, stateBadge, opButton, session, time, toast, breakable } from './ui.js';

export default {
  async render(main, ctx) {
    const list = h('div');
    const deployments = h('div');
    const result = h('div', { role: 'status', 'aria-live': 'polite' });
    main.append(h('h1', {}, 'Bundles'));
    if (session.admin) {
      const file = field('Bundle jar (or a feature .json, a .cfg, a .route.yaml)', h('input', { type: 'file', accept: '.jar,.json,.cfg,.yaml' }));
      const button = h('button', { type: 'submit' }, 'Upload and deploy');
      const form = h('form', { class: 'inline panel', 'aria-label': 'Upload to deploy/' }, file.field, button);
      form.addEventListener('submit', async e => {
        e.preventDefault();
        const f = file.input.files[0];
        if (!f) { toast('Choose a file first.', true); return; }
        result.replaceChildren(h('p', { class: 'muted' }, `Uploading ${f.name}…`));
        const r = await act(button, () => api('/v1/deploy?name=' + encodeURIComponent(f.name),
          { method: 'POST', body: f, raw: true, type: 'application/java-archive', allow: [202, 422] }));
        if (!r) { result.replaceChildren(); return; }
        result.replaceChildren(r.status === 422
          ? h('p', { class: 'error', role: 'alert' }, `${r.data.file} failed to deploy: ${r.data.error}`)
          : h('p', {}, `${r.data.file}: ${r.data.status}${r.data.target ? ' as ' + r.data.target : ''}.`));
        refresh();
      });
      main.append(form, result);
    }
    main.append(list, h('h2', {}, 'Files in deploy/ and config/'), deployments);
    async function refresh() {
      const [bundles, deployed] = await Promise.all([api('/v1/bundles'), api('/v1/deployments')]);
      list.replaceChildren(table([
        { label: 'Id', value: b => b.id, num: true },
        { label: 'Bundle', value: b => [h('div', {}, b.name || b.symbolicName), h('div', { class: 'muted mono' }, b.symbolicName)] },
        { label: 'Version', value: b => b.version },
        { label: 'State', value: b => stateBadge(b.state) },
        { label: 'From', value: b => b.deployFile ? breakable(b.deployFile)
          : h('span', { class: 'muted' }, b.platform ? 'platform' : b.feature ? 'feature ' + b.feature.split(':')[1] : b.location), wrap: true },
        { label: 'Actions', value: b => b.id === 0 ? null : [
          b.state === 'ACTIVE' ? null : opButton('Start', e => act(e.target, () => api(`/v1/bundles/${b.id}/start`, { method: 'POST' }), `${b.symbolicName} started`).then(refresh), { admin: true }),
          b.state === 'ACTIVE' && !b.platform ? opButton('Stop', e => act(e.target, () => api(`/v1/bundles/${b.id}/stop`, { method: 'POST' }), `${b.symbolicName} stopped`).then(refresh), { admin: true }) : null,
          opButton('Update', e => act(e.target, () => api(`/v1/bundles/${b.id}/update`, { method: 'POST' }), `${b.symbolicName} updated`).then(refresh), { admin: true }),
          b.feature ? null : opButton('Uninstall', e => confirm(`Uninstall ${b.symbolicName}${b.deployFile ? ' (deletes ' + b.deployFile + ')' : ''}?`)
            && act(e.target, () => api(`/v1/bundles/${b.id}/uninstall`, { method: 'POST' }), `${b.symbolicName} uninstalled`).then(refresh), { admin: true, danger: true }),
        ] },
      ], bundles, { rowAttrs: b => ({ 'data-bundle': b.symbolicName }) }));
      deployments.replaceChildren(table([
        { label: 'File', value: d => d.file },
        { label: 'Kind', value: d => d.kind },
        { label: 'Status', value: d => stateBadge(d.status) },
        { label: 'Became / error', value: d => d.error ? h('div', { class: 'error' }, d.error) : d.target, wrap: true },
        { label: 'Changed', value: d => time(d.changed) },
      ], deployed, { empty: 'Nothing deployed from files yet.' }));
    }
    ctx.every(3000, refresh);
  },
};
