// The console's Dispatch page, contributed by this bundle (DispatchPage, @ConsolePage) and rendered inside the console
// with its toolkit, which the console serves at /console/js/ui.js.
import { api, h, table, number, act, opButton } from '/console/js/ui.js';

export default {
  async render(main, ctx) {
    const handlers = h('div');
    const parked = h('div');
    main.append(h('h1', {}, 'Dispatch'),
      h('p', { class: 'muted' }, 'Send to switchboard.dispatch with a type: the handler registered for it runs.'),
      h('h2', {}, 'Handlers by type'), handlers, h('h2', {}, 'Parked messages (waiting for a handler)'), parked);
    ctx.every(3000, async () => {
      const [table1, waiting] = await Promise.all([api('/v1/dispatch/handlers'), api('/v1/dispatch/parked')]);
      handlers.replaceChildren(table(Object.keys(table1[0] || {}).map(k => ({
        label: k, value: x => typeof x[k] === 'object' && x[k] !== null ? JSON.stringify(x[k]) : String(x[k] ?? ''), wrap: true })),
        table1, { empty: 'No handler registered. Deploy a bundle with a MessageHandler (see examples/).' }));
      parked.replaceChildren(table([
        { label: 'Type', value: e => e[0] },
        { label: 'Parked', value: e => number(e[1]), num: true },
        { label: '', value: e => opButton('Re-dispatch', ev => act(ev.target,
          () => api('/v1/dispatch/parked/' + encodeURIComponent(e[0]) + '/redispatch', { method: 'POST' }),
          r => `${r.affected} message(s) of ${e[0]} sent to dispatch again`)) },
      ], Object.entries(waiting), { empty: 'Nothing parked.' }));
    });
  },
};
