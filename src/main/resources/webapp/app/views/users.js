// Whom a user follows, or who follows them.

import * as api from '../api.js';
import { session } from '../session.js';
import { h, icon, avatar, loading, failed } from '../dom.js';
import { followButton } from '../follow.js';

const TITLES = { following: 'Following', followers: 'Followers' };

export async function usersView(main, id, which, ctx) {
  main.replaceChildren(loading());
  let owner;
  let users;
  try {
    [{ user: owner }, { user_list: users }] = await Promise.all([
      api.get('user', { user_id: id }),
      api.get(`relation/${which === 'following' ? 'follow' : 'follower'}/list`, { user_id: id }),
    ]);
  } catch (e) {
    if (ctx.alive()) main.replaceChildren(failed(e));
    return;
  }
  if (!ctx.alive()) return;
  document.title = `${TITLES[which]} · ${owner.name} · Vertok`;
  main.replaceChildren(h('div', { class: 'page' },
    h('header', { class: 'bar' },
      h('a', { class: 'icon-button', href: `#/u/${id}`, 'aria-label': `Back to ${owner.name}` }, icon('back')),
      h('h1', {}, `${TITLES[which]} · `, h('span', {}, owner.name))),
    users.length === 0
      ? h('p', { class: 'placeholder' }, which === 'following' ? 'Not following anyone yet.' : 'No followers yet.')
      : h('ul', { class: 'people' }, users.map((user) => h('li', {},
        h('a', { class: 'person', href: `#/u/${user.id}` }, avatar(user),
          h('span', { class: 'who' }, h('span', { class: 'name' }, user.name), h('span', { class: 'sub' }, user.signature))),
        session.isMe(user.id) ? null : followButton(user))))));
}
