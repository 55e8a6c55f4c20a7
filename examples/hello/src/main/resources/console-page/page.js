// The hello example's console page: an ES module the console imports (see HelloPage). It builds its elements with the
// console's toolkit, which only ever inserts text, and reads the console's session.
import { h, session } from '/console/js/ui.js';

export default {
  async render(main, ctx) {
    const greeting = h('p', { class: 'muted' }, 'Asking GET /hello\u2026');
    main.append(h('h1', {}, ctx.page.title), h('div', { class: 'panel' },
      h('p', {}, 'This page comes from bundle ', h('code', {}, ctx.page.bundle), ', seen by ', h('b', {}, session.user), '.'),
      greeting,
      h('p', {}, 'Uninstall the bundle and it leaves the console\u2019s navigation.')));
    const answer = await fetch('/hello');
    greeting.className = '';
    greeting.textContent = `GET /hello answers: ${(await answer.text()).trim()}`;
  },
};
