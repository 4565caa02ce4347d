// Who is signed in: the token and user id from register or login, kept in this browser's storage.
// Listeners of the window's "session" event hear every change.

import { toast } from './dom.js';

const KEY = 'vertok.session';

function read() {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) || 'null');
    return value && typeof value.token === 'string' && Number.isSafeInteger(value.userId) ? value : null;
  } catch {
    return null;
  }
}

function changed(reason) {
  window.dispatchEvent(new CustomEvent('session', { detail: { reason } }));
}

export const session = {
  token: () => read()?.token ?? '',
  userId: () => read()?.userId ?? 0,
  signedIn: () => read() !== null,
  isMe: (id) => read()?.userId === id,

  save(token, userId) {
    localStorage.setItem(KEY, JSON.stringify({ token, userId }));
    changed('signed-in');
  },

  signOut() {
    localStorage.removeItem(KEY);
    changed('signed-out');
  },

  /** The server refused the token (expired, or signed with another secret). */
  expired() {
    if (read() !== null) {
      localStorage.removeItem(KEY);
      changed('expired');
    }
  },
};

/** Sends the visitor to sign in, and back to {back} (a route such as /u/7) afterwards. */
export function requireSignIn(back = location.hash.replace(/^#/, '')) {
  toast('Sign in first.');
  location.hash = `#/login?next=${encodeURIComponent(back || '/')}`;
}
