// A Follow / Following button for a user, kept in step with the server.

import * as api from './api.js';
import { session, requireSignIn } from './session.js';
import { h, toast } from './dom.js';

/** {changed(following)} runs after the server accepted a change. */
export function followButton(user, changed = () => {}) {
  const button = h('button', { type: 'button', class: 'follow-button' });
  const render = () => {
    button.textContent = user.is_follow ? 'Following' : 'Follow';
    button.classList.toggle('primary', !user.is_follow);
    button.setAttribute('aria-pressed', String(user.is_follow));
    button.setAttribute('aria-label', `${user.is_follow ? 'Unfollow' : 'Follow'} ${user.name}`);
  };
  button.addEventListener('click', async () => {
    if (!session.signedIn()) {
      requireSignIn();
      return;
    }
    const follow = !user.is_follow;
    button.disabled = true;
    try {
      await api.post('relation/action', { to_user_id: user.id, action_type: follow ? 1 : 2 });
      user.is_follow = follow;
      user.follower_count += follow ? 1 : -1;
      render();
      changed(follow);
    } catch (e) {
      toast(e.message, { error: true });
    } finally {
      button.disabled = false;
    }
  });
  render();
  return button;
}
