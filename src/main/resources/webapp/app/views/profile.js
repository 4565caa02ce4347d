// A user's profile: background, avatar, name, signature, counts, Follow or Message, and their
// works and likes as a grid that opens the vertical player at the chosen video.

import * as api from '../api.js';
import { session } from '../session.js';
import { h, icon, count, safeUrl, avatar, loading, failed } from '../dom.js';
import { createPlayer } from '../player.js';
import { followButton } from '../follow.js';

const LISTS = { works: 'publish/list', likes: 'favorite/list' };

export async function profileView(main, id, tab, ctx) {
  main.replaceChildren(loading());
  let user;
  let videos;
  try {
    [{ user }, { video_list: videos }] = await Promise.all([
      api.get('user', { user_id: id }),
      api.get(LISTS[tab], { user_id: id }),
    ]);
  } catch (e) {
    if (ctx.alive()) main.replaceChildren(failed(e));
    return;
  }
  if (!ctx.alive()) return;
  document.title = `${user.name} · Vertok`;
  const me = session.isMe(user.id);
  const followers = h('b', {}, count(user.follower_count));
  const actions = me
    ? [h('a', { class: 'button primary', href: '#/publish' }, 'Publish a video'),
      h('button', { type: 'button', class: 'sign-out', onclick: () => { session.signOut(); ctx.go('/'); } }, 'Sign out')]
    : [followButton(user, () => { followers.textContent = count(user.follower_count); }),
      h('a', { class: 'button', href: `#/chat/${user.id}` }, 'Message')];
  const base = `#/u/${user.id}`;
  main.replaceChildren(h('div', { class: 'page profile' },
    h('header', { class: 'profile-head' },
      h('img', { class: 'banner', src: safeUrl(user.background_image), alt: '' }),
      avatar(user, 'large'),
      h('h1', { class: 'name' }, user.name),
      h('p', { class: 'signature' }, user.signature),
      h('ul', { class: 'stats' },
        h('li', {}, h('a', { href: `${base}/following` }, h('b', {}, count(user.follow_count)), ' Following')),
        h('li', {}, h('a', { href: `${base}/followers` }, followers, ' Followers')),
        h('li', {}, h('b', {}, count(user.total_favorited)), ' Likes')),
      h('div', { class: 'actions' }, actions)),
    h('nav', { class: 'tabs', 'aria-label': 'Videos' },
      h('a', { href: base, 'aria-current': tab === 'works' ? 'page' : null }, `Works ${count(user.work_count)}`),
      h('a', { href: `${base}/likes`, 'aria-current': tab === 'likes' ? 'page' : null }, `Likes ${count(user.favorite_count)}`)),
    videos.length === 0
      ? h('p', { class: 'placeholder' }, tab === 'works' ? 'No videos yet.' : 'No liked videos yet.')
      : h('ul', { class: 'grid' }, videos.map((v) => h('li', {},
        h('a', { href: `${base}${tab === 'likes' ? '/likes' : ''}/v/${v.id}`, 'aria-label': v.title },
          h('img', { src: safeUrl(v.cover_url), alt: '', loading: 'lazy' }),
          h('span', { class: 'likes' }, icon('heart'), count(v.favorite_count))))))));
}

/** A profile's works or likes in the vertical player, opened at one video. */
export function profilePlayerView(main, id, tab, videoId, ctx) {
  const back = `/u/${id}${tab === 'likes' ? '/likes' : ''}`;
  const view = h('div', { class: 'feed-view' },
    h('a', { class: 'back icon-button', href: `#${back}`, 'aria-label': 'Back to the profile' }, icon('back')));
  main.replaceChildren(view);
  const player = createPlayer(view, {
    load: async () => {
      const reply = await api.get(LISTS[tab], { user_id: id });
      return { videos: reply.video_list, more: false };
    },
    startId: videoId,
  });
  player.focus();
  ctx.onLeave(player.destroy);
}
