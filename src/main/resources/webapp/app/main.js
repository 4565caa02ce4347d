// The web client's entry: what the server offers (features.json), the navigation and the views,
// one per hash route (#/, #/u/7, #/chat/7…), so that every screen has a link of its own.

import { session, requireSignIn } from './session.js';
import { h, icon, toast } from './dom.js';
import { feedView } from './views/feed.js';
import { authView } from './views/auth.js';
import { profileView, profilePlayerView } from './views/profile.js';
import { usersView } from './views/users.js';
import { friendsView } from './views/friends.js';
import { chatView } from './views/chat.js';
import { publishView } from './views/publish.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');

/** What this server offers; the defaults are what every Vertok server has. */
let features = { feeds: ['latest'], upload_limit_mb: 100 };

const ROUTES = [
  [/^\/?$/, (m, ctx) => feedView(main, 'latest', ctx)],
  [/^\/feed\/([a-z_]+)$/, (m, ctx) => feedView(main, m[1], ctx)],
  [/^\/(login|signup)$/, (m, ctx) => authView(main, m[1], ctx)],
  [/^\/me$/, (m, ctx) => signedIn(ctx) && ctx.go(`/u/${session.userId()}`)],
  [/^\/u\/(\d+)$/, (m, ctx) => profileView(main, Number(m[1]), 'works', ctx)],
  [/^\/u\/(\d+)\/likes$/, (m, ctx) => profileView(main, Number(m[1]), 'likes', ctx)],
  [/^\/u\/(\d+)\/(following|followers)$/, (m, ctx) => usersView(main, Number(m[1]), m[2], ctx)],
  [/^\/u\/(\d+)\/v\/(\d+)$/, (m, ctx) => profilePlayerView(main, Number(m[1]), 'works', Number(m[2]), ctx)],
  [/^\/u\/(\d+)\/likes\/v\/(\d+)$/, (m, ctx) => profilePlayerView(main, Number(m[1]), 'likes', Number(m[2]), ctx)],
  [/^\/friends$/, (m, ctx) => signedIn(ctx) && friendsView(main, ctx)],
  [/^\/chat\/(\d+)$/, (m, ctx) => signedIn(ctx) && chatView(main, Number(m[1]), ctx)],
  [/^\/publish$/, (m, ctx) => signedIn(ctx) && publishView(main, ctx)],
];

let current = null;

/** The state a view gets: whether it is still on screen, what to do when it leaves, navigation. */
function context(path, query) {
  const leaving = [];
  const ctx = {
    path,
    query,
    features,
    alive: () => current === ctx,
    onLeave: (fn) => leaving.push(fn),
    leave: () => leaving.splice(0).forEach((fn) => fn()),
    go: (to) => {
      location.hash = `#${to}`;
    },
  };
  return ctx;
}

/** Views that need an account send the visitor to sign in, and back afterwards. */
function signedIn(ctx) {
  if (session.signedIn()) return true;
  requireSignIn(ctx.path);
  return false;
}

function route() {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  for (const dialog of document.querySelectorAll('dialog[open]')) dialog.close();
  current?.leave();
  const ctx = context(path || '/', new URLSearchParams(query));
  current = ctx;
  markNav(ctx.path);
  const match = ROUTES.find(([pattern]) => pattern.test(ctx.path));
  if (!match) {
    ctx.go('/');
    return;
  }
  match[1](ctx.path.match(match[0]), ctx);
  if (!ctx.path.startsWith('/feed') && ctx.path !== '/') main.focus({ preventScroll: true });
}

const NAV = [
  ['home', '/', 'Home'],
  ['friends', '/friends', 'Friends'],
  ['plus', '/publish', 'Publish'],
  ['user', '/me', 'Me'],
];

function renderNav() {
  nav.replaceChildren(
    h('a', { class: 'brand', href: '#/' }, 'Vertok'),
    ...NAV.map(([name, path, label]) => {
      const signIn = path === '/me' && !session.signedIn();
      return h('a', { href: `#${signIn ? '/login' : path}`, 'data-path': path, class: `nav-${name}` },
        icon(name), h('span', {}, signIn ? 'Sign in' : label));
    }),
  );
  markNav(current?.path ?? '/');
}

function markNav(path) {
  const me = `/u/${session.userId()}`;
  for (const link of nav.querySelectorAll('a[data-path]')) {
    const target = link.dataset.path;
    const here = target === '/' ? path === '/' || path.startsWith('/feed')
      : target === '/me' ? path === '/me' || path === '/login' || path === '/signup' || path.startsWith(me)
        : path.startsWith(target) || (target === '/friends' && path.startsWith('/chat'));
    if (here) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

window.addEventListener('session', (e) => {
  renderNav();
  if (e.detail.reason === 'expired') {
    toast('Your session has expired. Sign in again.', { error: true });
    requireSignIn(current?.path);
  }
});

async function start() {
  try {
    const response = await fetch('/app/features.json', { cache: 'no-store' });
    if (response.ok) features = await response.json();
  } catch {
    // Keep the defaults: the client still works with the server's basic API.
  }
  renderNav();
  window.addEventListener('hashchange', route);
  route();
}

start();
