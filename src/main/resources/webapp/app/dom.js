// Building the page. Text always goes in as text nodes and attributes through setAttribute, never
// as HTML: usernames, titles, comments and messages are shown exactly as typed, whatever they hold.

const SVG = 'http://www.w3.org/2000/svg';

/** An element: h('a', { href: '#/', class: 'x', onclick: fn }, 'text', child, [more]). */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** A URL from the server for src: only http(s) or same-origin paths. */
export function safeUrl(url) {
  if (typeof url !== 'string') return '';
  if (url.startsWith('/') && !url.startsWith('//')) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : '';
  } catch {
    return '';
  }
}

const ICONS = {
  heart: { d: 'M12 20.6l-1.3-1.2C5.9 15.1 3 12.4 3 9 3 6.3 5.2 4.2 7.9 4.2c1.6 0 3.1.7 4.1 1.9 1-1.2 2.5-1.9 4.1-1.9C18.8 4.2 21 6.3 21 9c0 3.4-2.9 6.1-7.7 10.4L12 20.6z' },
  comment: { d: 'M4.5 4h15A1.5 1.5 0 0 1 21 5.5v10a1.5 1.5 0 0 1-1.5 1.5H10l-5 4v-4h-.5A1.5 1.5 0 0 1 3 15.5v-10A1.5 1.5 0 0 1 4.5 4z' },
  share: { d: 'M14 4.5l7 6.8-7 6.8v-4.2c-5 0-8.3 1.4-11 5.1 1-5.2 4-10 11-11V4.5z' },
  plus: { d: 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z' },
  home: { d: 'M12 3.2l9 8h-2.6V20h-4.9v-5.6h-3V20H5.6v-8.8H3z' },
  friends: { d: 'M9 11.5a3.6 3.6 0 1 0 0-7.2 3.6 3.6 0 0 0 0 7.2zm7.4-.3a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM1.8 20c0-3.4 3.2-6.2 7.2-6.2s7.2 2.8 7.2 6.2zm15.9 0c0-2-.8-3.8-2.2-5.1a6.9 6.9 0 0 1 1.3-.1c3.2 0 5.4 2.3 5.4 5.2z' },
  user: { d: 'M12 12.2a4.1 4.1 0 1 0 0-8.2 4.1 4.1 0 0 0 0 8.2zM4 20.5c0-4 3.6-6.3 8-6.3s8 2.3 8 6.3z' },
  muted: { d: 'M3 9h4l5-4v14l-5-4H3zM15.5 9.5l5 5m0-5l-5 5', stroke: true },
  sound: { d: 'M3 9h4l5-4v14l-5-4H3zM15.5 8.8a4.5 4.5 0 0 1 0 6.4M18 6.3a8 8 0 0 1 0 11.4', stroke: true },
  back: { d: 'M15 5l-7 7 7 7', stroke: true },
  send: { d: 'M3 20.5l18.5-8.5L3 3.5v6.6l12.5 1.9L3 13.9z' },
  trash: { d: 'M9 3h6l1 2h4v2H4V5h4zM6 8.5h12l-1 12.5H7z' },
  check: { d: 'M5 12.5l4.5 4.5L19 7.5', stroke: true },
  play: { d: 'M8 5v14l11-7z' },
};

/** A decorative icon (hidden from screen readers: its button or link carries the label). */
export function icon(name) {
  const { d, stroke } = ICONS[name];
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', `icon icon-${name}`);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  if (stroke) {
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', 'currentColor');
    path.setAttribute('stroke-width', '2');
    path.setAttribute('stroke-linecap', 'round');
    path.setAttribute('stroke-linejoin', 'round');
  } else {
    path.setAttribute('fill', 'currentColor');
  }
  svg.append(path);
  return svg;
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** 1234 as "1.2K": counts under the buttons. */
export function count(n) {
  return compact.format(Number(n) || 0);
}

/** A short message at the bottom of the screen, read out by screen readers. */
export function toast(message, { error = false } = {}) {
  const box = document.getElementById('toasts');
  const item = h('p', { class: error ? 'toast error' : 'toast' }, message);
  box.append(item);
  setTimeout(() => item.remove(), error ? 6000 : 3500);
}

/** A user's avatar image (decorative next to their name). */
export function avatar(user, size = '') {
  return h('img', { class: `avatar ${size}`.trim(), src: safeUrl(user.avatar), alt: '', loading: 'lazy', width: 48, height: 48 });
}

/** A placeholder while a view loads, and the message when it could not. */
export function loading() {
  return h('p', { class: 'placeholder', 'aria-busy': 'true' }, 'Loading…');
}

export function failed(error) {
  return h('p', { class: 'placeholder error', role: 'alert' }, error.message || String(error));
}
