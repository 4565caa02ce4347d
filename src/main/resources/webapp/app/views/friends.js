// Friends (users who follow you and whom you follow) with the latest message of each chat.

import * as api from '../api.js';
import { session } from '../session.js';
import { h, avatar, loading, failed } from '../dom.js';

export async function friendsView(main, ctx) {
  document.title = 'Friends · Vertok';
  main.replaceChildren(loading());
  let friends;
  try {
    ({ user_list: friends } = await api.get('relation/friend/list', { user_id: session.userId() }));
  } catch (e) {
    if (ctx.alive()) main.replaceChildren(failed(e));
    return;
  }
  if (!ctx.alive()) return;
  main.replaceChildren(h('div', { class: 'page' },
    h('header', { class: 'bar' }, h('h1', {}, 'Friends')),
    friends.length === 0
      ? h('p', { class: 'placeholder' }, 'Friends are people who follow you and whom you follow back. Follow someone who follows you to chat here.')
      : h('ul', { class: 'people' }, friends.map((friend) => h('li', {},
        h('a', { class: 'person', href: `#/chat/${friend.id}` }, avatar(friend),
          h('span', { class: 'who' },
            h('span', { class: 'name' }, friend.name),
            h('span', { class: 'sub' }, friend.message ? `${friend.msgType === 1 ? 'You: ' : ''}${friend.message}` : 'Say hello 👋'))))))));
}
