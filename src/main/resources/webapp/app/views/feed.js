// The home feed: a tab per feed the server offers (features.json), each a vertical player paged
// with next_time.

import * as api from '../api.js';
import { h } from '../dom.js';
import { createPlayer } from '../player.js';

const LABELS = { latest: 'Latest', hot: 'Hot', recommend: 'For you' };

export function feedView(main, type, ctx) {
  const feeds = ctx.features.feeds?.length ? ctx.features.feeds : ['latest'];
  if (!feeds.includes(type)) {
    ctx.go('/');
    return;
  }
  document.title = 'Vertok';
  const tabs = h('nav', { class: 'feed-tabs', 'aria-label': 'Feeds' },
    feeds.map((feed) => h('a', { href: feed === 'latest' ? '#/' : `#/feed/${feed}`,
      'aria-current': feed === type ? 'page' : null }, LABELS[feed] ?? feed)));
  const view = h('div', { class: 'feed-view' }, tabs);
  main.replaceChildren(view);
  const player = createPlayer(view, {
    load: async (latest) => {
      const reply = await api.get('feed', { latest_time: latest, feed_type: type === 'latest' ? undefined : type });
      return { videos: reply.video_list, cursor: reply.next_time, more: reply.video_list.length > 0 };
    },
    empty: 'No videos yet. Publish the first one!',
  });
  player.focus();
  ctx.onLeave(player.destroy);
}
