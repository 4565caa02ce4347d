// The comment sheet of a video: its comments newest first, a box to post one, and Delete on the
// comments the viewer may delete (their own, and every comment on their own videos).

import * as api from './api.js';
import { session } from './session.js';
import { h, icon, toast, avatar } from './dom.js';

const MAX = 1024;

/** Opens the sheet over the page; {changed} runs when the video's comment count changes. */
export function openComments(video, changed) {
  const title = h('h2', { id: 'comments-title' });
  const list = h('ul', { class: 'comment-list', 'aria-live': 'polite' }, h('li', { class: 'placeholder' }, 'Loading…'));
  const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Close comments' }, icon('back'));
  const dialog = h('dialog', { class: 'sheet', 'aria-labelledby': 'comments-title' },
    h('header', {}, close, title), list, composer());
  document.body.append(dialog);

  function heading() {
    title.textContent = `${video.comment_count} ${video.comment_count === 1 ? 'comment' : 'comments'}`;
  }

  function composer() {
    if (!session.signedIn()) {
      return h('p', { class: 'compose' }, h('a', { href: `#/login?next=${encodeURIComponent(location.hash.replace(/^#/, ''))}` }, 'Sign in'), ' to comment.');
    }
    const text = h('textarea', { name: 'comment', rows: '2', maxlength: String(MAX), required: true,
      'aria-label': 'Your comment', placeholder: 'Add a comment…' });
    const submit = h('button', { type: 'submit', class: 'primary', 'aria-label': 'Post comment' }, icon('send'));
    const form = h('form', { class: 'compose' }, text, submit);
    text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) form.requestSubmit();
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const content = text.value.trim();
      if (!content) {
        toast('Write something first.', { error: true });
        return;
      }
      submit.disabled = true;
      try {
        const reply = await api.post('comment/action', { video_id: video.id, action_type: 1, comment_text: content });
        text.value = '';
        list.querySelector('.placeholder')?.remove();
        list.prepend(item(reply.comment));
        video.comment_count += 1;
        heading();
        changed();
      } catch (err) {
        toast(err.message, { error: true });
      } finally {
        submit.disabled = false;
        text.focus();
      }
    });
    return form;
  }

  function item(comment) {
    const mayDelete = session.isMe(comment.user.id) || session.isMe(video.author.id);
    const li = h('li', { class: 'comment', 'data-comment': comment.id },
      h('a', { href: `#/u/${comment.user.id}`, 'aria-hidden': 'true', tabindex: '-1' }, avatar(comment.user, 'small')),
      h('div', { class: 'body' },
        h('a', { class: 'name', href: `#/u/${comment.user.id}` }, comment.user.name),
        h('p', { class: 'content' }, comment.content),
        h('span', { class: 'date' }, comment.create_date)));
    if (mayDelete) {
      const remove = h('button', { type: 'button', class: 'icon-button delete', 'aria-label': 'Delete comment' }, icon('trash'));
      remove.addEventListener('click', async () => {
        remove.disabled = true;
        try {
          await api.post('comment/action', { video_id: video.id, action_type: 2, comment_id: comment.id });
          li.remove();
          video.comment_count = Math.max(0, video.comment_count - 1);
          heading();
          changed();
        } catch (err) {
          remove.disabled = false;
          toast(err.message, { error: true });
        }
      });
      li.append(remove);
    }
    return li;
  }

  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close(); // a click on the backdrop
  });
  dialog.addEventListener('close', () => dialog.remove());
  heading();
  dialog.showModal();

  api.get('comment/list', { video_id: video.id }).then((reply) => {
    list.replaceChildren(...reply.comment_list.map(item));
    if (reply.comment_list.length === 0) list.append(h('li', { class: 'placeholder' }, 'No comments yet. Be the first.'));
  }, (err) => {
    list.replaceChildren(h('li', { class: 'placeholder error', role: 'alert' }, err.message));
  });
}
