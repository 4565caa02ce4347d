// Sign in and sign up: the token the server answers is kept in this browser (session.js).

import * as api from '../api.js';
import { session } from '../session.js';
import { h } from '../dom.js';

export function authView(main, mode, ctx) {
  const signup = mode === 'signup';
  const next = safeNext(ctx.query.get('next'));
  const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
  document.title = `${signup ? 'Sign up' : 'Sign in'} · Vertok`;
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true,
    maxlength: '32', autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', required: true, minlength: '6',
    maxlength: '32', autocomplete: signup ? 'new-password' : 'current-password' });
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, signup ? 'Sign up' : 'Sign in');
  const form = h('form', { class: 'card auth', novalidate: true },
    h('h1', {}, signup ? 'Create your account' : 'Sign in to Vertok'),
    h('label', { for: 'username' }, 'Username'), username,
    h('label', { for: 'password' }, 'Password'), password,
    h('p', { class: 'hint' }, signup ? 'Up to 32 characters for the name; 6 to 32 for the password.' : ''),
    error, submit,
    h('p', { class: 'switch' }, signup ? 'Already have an account? ' : 'New to Vertok? ',
      h('a', { href: `#/${signup ? 'login' : 'signup'}${query}` }, signup ? 'Sign in' : 'Create an account')));
  main.replaceChildren(h('div', { class: 'page narrow' }, form));
  username.focus();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const name = username.value.trim();
    if (!name) {
      error.textContent = 'Enter a username.';
      return;
    }
    if ([...password.value].length < 6) {
      error.textContent = 'The password needs at least 6 characters.';
      return;
    }
    submit.disabled = true;
    try {
      const reply = await api.post(signup ? 'user/register' : 'user/login', { username: name, password: password.value }, { auth: false });
      session.save(reply.token, reply.user_id);
      ctx.go(next);
    } catch (err) {
      error.textContent = err.message;
      submit.disabled = false;
    }
  });
}

/** Only routes of this page: "/u/7", never another site. */
function safeNext(next) {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') && !next.startsWith('/signup') ? next : '/';
}
