// The vertical video player of the feed and of profile lists: one full-height slide per video,
// moved by swipe, scroll wheel or keyboard (↑/↓, j/k, PageUp/PageDown), the visible one playing
// muted until a tap turns the sound on. Like by button, double tap or "l"; comments; follow; share.

import * as api from './api.js';
import { session, requireSignIn } from './session.js';
import { h, icon, count, toast, safeUrl, avatar } from './dom.js';
import { openComments } from './comments.js';

/** Sound stays on for the next videos once the viewer turned it on. */
let muted = true;
/** Videos around the visible one that get their source (the others keep only a poster). */
const AHEAD = 2;
const DOUBLE_TAP_MS = 280;

/**
 * Fills {root} with a player. {load(cursor)} answers {videos, cursor, more}; {startId} is the
 * video to show first; {empty} the text when there is none. Returns {destroy}.
 */
export function createPlayer(root, { load, startId = 0, empty = 'No videos yet.' }) {
  const list = h('div', { class: 'feed', tabindex: '0', role: 'feed', 'aria-label': 'Videos. Arrow keys move between them.' });
  const status = h('p', { class: 'placeholder', 'aria-busy': 'true' }, 'Loading…');
  root.append(list);
  list.append(status);
  const slides = [];
  let cursor;
  let more = true;
  let loading = null;
  let active = -1;
  let started = false;

  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) activate(slides.findIndex((s) => s.el === entry.target));
    }
  }, { root: list, threshold: 0.6 });

  async function loadMore() {
    if (loading || !more) return loading;
    loading = (async () => {
      try {
        const page = await load(cursor);
        const fresh = page.videos.filter((v) => !slides.some((s) => s.video.id === v.id));
        more = page.more && fresh.length > 0;
        cursor = page.cursor;
        for (const video of fresh) {
          const slide = createSlide(video, slides.length);
          slides.push(slide);
          list.insertBefore(slide.el, status);
          observer.observe(slide.el);
        }
        status.removeAttribute('aria-busy');
        status.textContent = slides.length === 0 ? empty : more ? 'Loading…' : 'You have seen every video.';
        status.className = slides.length > 0 && !more ? 'placeholder end' : 'placeholder';
        if (!started && slides.length > 0) {
          started = true;
          const first = Math.max(0, slides.findIndex((s) => s.video.id === startId));
          slides[first].el.scrollIntoView({ block: 'start' });
          activate(first);
        }
      } catch (e) {
        status.removeAttribute('aria-busy');
        status.textContent = e.message;
        status.className = 'placeholder error';
      } finally {
        loading = null;
      }
    })();
    return loading;
  }

  function activate(index) {
    if (index < 0 || index === active) return;
    slides[active]?.pause();
    slides[active]?.el.classList.remove('active');
    active = index;
    slides[index].el.classList.add('active');
    slides.forEach((slide, i) => slide.source(Math.abs(i - index) <= AHEAD));
    slides[index].play();
    if (index >= slides.length - 3) loadMore();
  }

  function go(delta) {
    const target = slides[Math.min(slides.length - 1, Math.max(0, active + delta))];
    target?.el.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  const MOVES = { ArrowDown: 1, PageDown: 1, j: 1, ArrowUp: -1, PageUp: -1, k: -1 };
  const ACTIONS = { l: 'toggleLike', m: 'toggleSound', c: 'comments', ' ': 'togglePause' };

  function onKey(e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.target.closest('input, textarea, select, dialog') || document.querySelector('dialog[open]')) return;
    if (e.key in MOVES) {
      e.preventDefault();
      go(MOVES[e.key]);
    } else if (e.key in ACTIONS && slides[active] && !(e.key === ' ' && e.target.closest('a, button'))) {
      e.preventDefault();
      slides[active][ACTIONS[e.key]]();
    }
  }

  /** Follows change every slide of the same author. */
  function followed(authorId) {
    for (const slide of slides) {
      if (slide.video.author.id === authorId) slide.followed();
    }
  }

  function createSlide(video, index) {
    const author = video.author;
    const el = h('article', { class: 'slide', 'data-video': video.id, 'data-author': author.id,
      'aria-label': `${video.title}, by ${author.name}` });
    const player = h('video', { playsinline: true, loop: true, preload: 'none', poster: safeUrl(video.cover_url),
      'aria-label': `Video: ${video.title}` });
    player.muted = true;
    const burst = h('div', { class: 'burst', 'aria-hidden': 'true' }, icon('heart'));
    const paused = h('div', { class: 'paused', 'aria-hidden': 'true' }, icon('play'));
    const sound = h('button', { class: 'sound', type: 'button' });
    const likeCount = h('span', { class: 'count' });
    const like = h('button', { class: 'like', type: 'button' }, icon('heart'), likeCount);
    const commentCount = h('span', { class: 'count' });
    const commentsButton = h('button', { class: 'comments', type: 'button', 'aria-label': 'Comments' }, icon('comment'), commentCount);
    const follow = h('button', { class: 'follow', type: 'button', 'aria-label': `Follow ${author.name}` }, icon('plus'));
    const share = h('button', { class: 'share', type: 'button', 'aria-label': 'Share' }, icon('share'), h('span', { class: 'count' }, 'Share'));
    const stage = h('div', { class: 'stage' },
      h('img', { class: 'backdrop', src: safeUrl(video.cover_url), alt: '', 'aria-hidden': 'true' }),
      player, burst, paused, sound,
      h('div', { class: 'caption' },
        h('a', { class: 'author', href: `#/u/${author.id}` }, `@${author.name}`),
        h('p', { class: 'title' }, video.title)));
    const rail = h('div', { class: 'rail' },
      h('div', { class: 'who' }, h('a', { href: `#/u/${author.id}`, 'aria-label': `${author.name}'s profile` }, avatar(author)), follow),
      like, commentsButton, share);
    el.append(stage, rail);

    let hasSource = false;
    let lastTap = 0;
    let tapTimer = 0;
    let liking = false;

    function render() {
      likeCount.textContent = count(video.favorite_count);
      like.setAttribute('aria-pressed', String(video.is_favorite));
      like.setAttribute('aria-label', `${video.is_favorite ? 'Unlike' : 'Like'} (${video.favorite_count} likes)`);
      commentCount.textContent = count(video.comment_count);
      commentsButton.setAttribute('aria-label', `Comments (${video.comment_count})`);
      follow.hidden = author.is_follow || session.isMe(author.id);
      sound.replaceChildren(icon(muted ? 'muted' : 'sound'));
      sound.setAttribute('aria-label', muted ? 'Turn sound on' : 'Turn sound off');
    }

    async function toggleLike(only = false) {
      if (!session.signedIn()) {
        requireSignIn();
        return;
      }
      if (liking || (only && video.is_favorite)) return;
      const on = !video.is_favorite;
      liking = true;
      video.is_favorite = on;
      video.favorite_count += on ? 1 : -1;
      render();
      try {
        await api.post('favorite/action', { video_id: video.id, action_type: on ? 1 : 2 });
      } catch (e) {
        video.is_favorite = !on;
        video.favorite_count += on ? -1 : 1;
        render();
        toast(e.message, { error: true });
      } finally {
        liking = false;
      }
    }

    function toggleSound() {
      muted = !muted;
      for (const v of list.querySelectorAll('video')) v.muted = muted;
      slides.forEach((s) => s.render());
      if (player.paused) play();
    }

    function togglePause() {
      if (player.paused) {
        play();
      } else {
        player.pause();
        paused.classList.add('on');
      }
    }

    function source(near) {
      if (near && !hasSource) {
        player.src = safeUrl(video.play_url);
        player.preload = 'auto';
        hasSource = true;
      } else if (!near && hasSource && Math.abs(index - active) > AHEAD + 3) {
        player.removeAttribute('src');
        player.load();
        hasSource = false;
      }
    }

    function play() {
      source(true);
      player.muted = muted;
      paused.classList.remove('on');
      player.play().catch(() => paused.classList.add('on'));
    }

    function pause() {
      player.pause();
      player.currentTime = 0;
    }

    stage.addEventListener('click', (e) => {
      if (e.target.closest('a, button')) return;
      const now = Date.now();
      if (now - lastTap < DOUBLE_TAP_MS) {
        clearTimeout(tapTimer);
        lastTap = 0;
        burst.classList.remove('on');
        void burst.offsetWidth; // restart the animation
        burst.classList.add('on');
        toggleLike(true);
        return;
      }
      lastTap = now;
      tapTimer = setTimeout(() => (muted ? toggleSound() : togglePause()), DOUBLE_TAP_MS);
    });
    like.addEventListener('click', () => toggleLike());
    sound.addEventListener('click', toggleSound);
    commentsButton.addEventListener('click', () => openComments(video, render));
    follow.addEventListener('click', async () => {
      if (!session.signedIn()) {
        requireSignIn();
        return;
      }
      follow.disabled = true;
      try {
        await api.post('relation/action', { to_user_id: author.id, action_type: 1 });
        followed(author.id);
        toast(`You follow ${author.name} now.`);
      } catch (e) {
        toast(e.message, { error: true });
      } finally {
        follow.disabled = false;
      }
    });
    share.addEventListener('click', () => shareVideo(video));
    render();

    return {
      el,
      video,
      render,
      play,
      pause,
      source,
      toggleLike,
      toggleSound,
      togglePause,
      comments: () => openComments(video, render),
      followed: () => {
        author.is_follow = true;
        render();
      },
    };
  }

  document.addEventListener('keydown', onKey);
  loadMore();

  return {
    destroy() {
      document.removeEventListener('keydown', onKey);
      observer.disconnect();
      for (const v of list.querySelectorAll('video')) {
        v.pause();
        v.removeAttribute('src');
        v.load();
      }
    },
    focus: () => list.focus({ preventScroll: true }),
  };
}

/** A link to the video (its author's list, opened at it), shared or copied. */
async function shareVideo(video) {
  const url = `${location.origin}/#/u/${video.author.id}/v/${video.id}`;
  if (navigator.share) {
    try {
      await navigator.share({ title: video.title, url });
      return;
    } catch (e) {
      if (e.name === 'AbortError') return;
    }
  }
  try {
    await navigator.clipboard.writeText(url);
    toast('Link copied.');
  } catch {
    toast(`Link: ${url}`);
  }
}
