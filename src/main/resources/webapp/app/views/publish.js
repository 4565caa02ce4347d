// Publishing: pick a video, give it a title, watch the upload's progress. Files the server would
// refuse for their size or type are refused here first; every other refusal shows the server's reason.

import * as api from '../api.js';
import { session } from '../session.js';
import { h, toast } from '../dom.js';

const TITLE_MAX = 128;
const NOT_VIDEO = /^(image|audio|text|font)\//;
const MB = 1024 * 1024;

export function publishView(main, ctx) {
  document.title = 'Publish · Vertok';
  const limitMb = ctx.features.upload_limit_mb || 100;
  const file = h('input', { id: 'video-file', name: 'data', type: 'file', accept: 'video/*', required: true });
  const preview = h('video', { class: 'preview', muted: true, playsinline: true, loop: true, hidden: true, 'aria-label': 'Preview' });
  preview.muted = true;
  const title = h('input', { id: 'video-title', name: 'title', required: true, maxlength: String(TITLE_MAX), autocomplete: 'off' });
  const bar = h('progress', { max: '100', value: '0', 'aria-labelledby': 'progress-label' });
  const percent = h('span', { id: 'progress-label', class: 'percent' }, '0 %');
  const progress = h('div', { class: 'progress', hidden: true }, bar, percent);
  const error = h('p', { class: 'error', role: 'alert' });
  const status = h('p', { class: 'status', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Publish');
  const form = h('form', { class: 'card publish', novalidate: true },
    h('h1', {}, 'Publish a video'),
    h('label', { for: 'video-file' }, 'Video file'), file,
    h('p', { class: 'hint' }, `MP4, WebM, MOV and other videos up to ${limitMb} MB.`),
    preview,
    h('label', { for: 'video-title' }, 'Title'), title,
    progress, error, status, submit);
  main.replaceChildren(h('div', { class: 'page narrow' }, form));

  let previewUrl = '';
  let sending = null;
  const clearPreview = () => {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = '';
    preview.removeAttribute('src');
    preview.hidden = true;
  };
  ctx.onLeave(() => {
    sending?.abort();
    clearPreview();
  });

  /** Why the chosen file cannot be published, or '' when it may be. */
  function refusal(chosen) {
    if (!chosen) return 'Choose a video file first.';
    if (chosen.size === 0) return 'This file is empty.';
    if (chosen.size > limitMb * MB) return `This file is ${(chosen.size / MB).toFixed(1)} MB; the limit is ${limitMb} MB.`;
    if (NOT_VIDEO.test(chosen.type)) return `This file is not a video (${chosen.type}).`;
    return '';
  }

  file.addEventListener('change', () => {
    clearPreview();
    const chosen = file.files[0];
    error.textContent = chosen ? refusal(chosen) : '';
    if (chosen && !error.textContent) {
      previewUrl = URL.createObjectURL(chosen);
      preview.src = previewUrl;
      preview.hidden = false;
      preview.play().catch(() => {});
      if (!title.value) title.value = chosen.name.replace(/\.[^.]+$/, '').slice(0, TITLE_MAX);
    }
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    status.textContent = '';
    const chosen = file.files[0];
    const why = refusal(chosen) || (title.value.trim() ? '' : 'Give the video a title.');
    if (why) {
      error.textContent = why;
      return;
    }
    const data = new FormData();
    data.append('title', title.value.trim());
    data.append('data', chosen, chosen.name);
    submit.disabled = true;
    file.disabled = true;
    progress.hidden = false;
    const shown = (fraction) => {
      const value = Math.round(fraction * 100);
      bar.value = value;
      percent.textContent = `${value} %`;
      if (value === 100) status.textContent = 'Uploaded. The server is checking the video…';
    };
    shown(0);
    try {
      sending = api.upload('publish/action', data, shown);
      await sending;
      toast('Your video is published.');
      ctx.go(`/u/${session.userId()}`);
    } catch (err) {
      status.textContent = '';
      error.textContent = explain(err, limitMb);
      submit.disabled = false;
      file.disabled = false;
    } finally {
      sending = null;
    }
  });
}

function explain(err, limitMb) {
  if (err.status === 413) return `This file is too large: the limit is ${limitMb} MB.`;
  if (err.status === 429) {
    const wait = err.retryAfter ? ` Try again in ${err.retryAfter} s.` : ' Try again in a moment.';
    return `Too many uploads right now.${wait}`;
  }
  return err.message;
}
