// A chat with one user. New messages arrive by polling the chat with pre_msg_time, the time of
// the newest message held (the server never answers a message twice for it); a message sent
// here appears with the next poll, which follows the send at once.

import * as api from '../api.js';
import { session } from '../session.js';
import { h, icon, avatar, loading, failed, toast } from '../dom.js';

const POLL_MS = 1500;
const HIDDEN_POLL_MS = 6000;
const MAX_POLL_MS = 30000;
const MAX = 1024;
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export async function chatView(main, id, ctx) {
  if (session.isMe(id)) {
    ctx.go('/friends');
    return;
  }
  main.replaceChildren(loading());
  let user;
  try {
    ({ user } = await api.get('user', { user_id: id }));
  } catch (e) {
    if (ctx.alive()) main.replaceChildren(failed(e));
    return;
  }
  if (!ctx.alive()) return;
  document.title = `${user.name} · Chat · Vertok`;

  const list = h('ol', { class: 'messages', 'aria-live': 'polite', 'aria-label': `Messages with ${user.name}` });
  const input = h('input', { name: 'message', autocomplete: 'off', maxlength: String(MAX), 'aria-label': 'Message', placeholder: 'Message…' });
  const send = h('button', { type: 'submit', class: 'primary icon-button', 'aria-label': 'Send' }, icon('send'));
  const form = h('form', { class: 'compose' }, input, send);
  main.replaceChildren(h('div', { class: 'page chat' },
    h('header', { class: 'bar' },
      h('a', { class: 'icon-button', href: '#/friends', 'aria-label': 'Back to friends' }, icon('back')),
      h('a', { class: 'person', href: `#/u/${user.id}` }, avatar(user, 'small'), h('h1', { class: 'name' }, user.name))),
    list, form));
  input.focus();

  const shown = new Set();
  let newest = 0;
  let timer = 0;
  let inFlight = null;
  let failures = 0;

  function show(message) {
    if (shown.has(message.id)) return;
    shown.add(message.id);
    newest = Math.max(newest, message.create_time);
    const mine = session.isMe(message.from_user_id);
    list.append(h('li', { class: mine ? 'message mine' : 'message', 'data-message': message.id },
      h('p', {}, message.content),
      h('time', { datetime: new Date(message.create_time).toISOString() }, clock.format(message.create_time))));
  }

  async function poll() {
    clearTimeout(timer);
    if (!ctx.alive()) return;
    if (inFlight) {
      // A poll that started before a send may not see it: poll again after it.
      await inFlight;
      await poll();
      return;
    }
    inFlight = (async () => {
      try {
        const reply = await api.get('message/chat', { to_user_id: id, pre_msg_time: newest });
        const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
        reply.message_list.forEach(show);
        if (reply.message_list.length && atBottom) list.lastElementChild.scrollIntoView({ block: 'end' });
        failures = 0;
      } catch (e) {
        failures += 1;
        if (failures === 1) toast(e.message, { error: true });
        if (e.code === 401) return;
      } finally {
        inFlight = null;
      }
      if (ctx.alive()) {
        const wait = document.hidden ? HIDDEN_POLL_MS : POLL_MS;
        timer = setTimeout(poll, Math.min(MAX_POLL_MS, wait * 2 ** Math.min(failures, 5)));
      }
    })();
    await inFlight;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const content = input.value.trim();
    if (!content) return;
    send.disabled = true;
    try {
      await api.post('message/action', { to_user_id: id, action_type: 1, content });
      input.value = '';
      await poll();
      list.lastElementChild?.scrollIntoView({ block: 'end' });
    } catch (err) {
      toast(err.message, { error: true });
    } finally {
      send.disabled = false;
      input.focus();
    }
  });

  const wake = () => {
    if (!document.hidden) poll();
  };
  document.addEventListener('visibilitychange', wake);
  ctx.onLeave(() => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', wake);
  });
  await poll();
  list.lastElementChild?.scrollIntoView({ block: 'end' });
}
