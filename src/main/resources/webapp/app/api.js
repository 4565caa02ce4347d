// The Douyin HTTP API as this page uses it. Parameters go in the query string of GETs and in a
// form body on POSTs; the token goes in an Authorization header, never in a URL. Every answer is
// the JSON envelope: a non-zero status_code becomes an ApiError with the server's message.

import { session } from './session.js';

export class ApiError extends Error {
  constructor(message, { code = 0, status = 0, retryAfter = 0 } = {}) {
    super(message);
    this.code = code;
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

function params(values) {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '') form.append(name, String(value));
  }
  return form;
}

function headers(auth) {
  return auth && session.signedIn() ? { Authorization: `Bearer ${session.token()}` } : {};
}

/** Reads the envelope of a response; when a token was sent, a 401 means the session is over. */
export function envelope(status, body, retryAfter, sentToken) {
  if (!body || typeof body.status_code !== 'number') {
    throw new ApiError(`The server answered HTTP ${status} without a readable reply.`, { status });
  }
  if (body.status_code !== 0) {
    if (sentToken && body.status_code === 401) session.expired();
    throw new ApiError(body.status_msg || 'The request failed.', { code: body.status_code, status, retryAfter });
  }
  return body;
}

async function send(url, init, auth) {
  const sentToken = auth && session.signedIn();
  let response;
  try {
    response = await fetch(url, { ...init, headers: headers(auth), cache: 'no-store' });
  } catch {
    throw new ApiError('The server cannot be reached. Check your connection and try again.');
  }
  let body = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: reported below.
  }
  return envelope(response.status, body, Number(response.headers.get('Retry-After')) || 0, sentToken);
}

/** GET /douyin/{path}/ with the values as query parameters. */
export function get(path, values = {}, { auth = true } = {}) {
  const query = params(values).toString();
  return send(`/douyin/${path}/${query ? `?${query}` : ''}`, {}, auth);
}

/** POST /douyin/{path}/ with the values as an url-encoded form. */
export function post(path, values = {}, { auth = true } = {}) {
  return send(`/douyin/${path}/`, { method: 'POST', body: params(values) }, auth);
}

/**
 * POST a multipart form with upload progress (fetch reports none): onProgress gets the sent
 * fraction, 0 to 1. Resolves with the envelope; abort() on the returned promise stops it.
 */
export function upload(path, form, onProgress) {
  const xhr = new XMLHttpRequest();
  const sentToken = session.signedIn();
  const done = new Promise((resolve, reject) => {
    xhr.open('POST', `/douyin/${path}/`);
    for (const [name, value] of Object.entries(headers(true))) xhr.setRequestHeader(name, value);
    xhr.responseType = 'json';
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    });
    xhr.upload.addEventListener('load', () => onProgress(1));
    xhr.addEventListener('load', () => {
      try {
        resolve(envelope(xhr.status, xhr.response, Number(xhr.getResponseHeader('Retry-After')) || 0, sentToken));
      } catch (e) {
        reject(e);
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError('The upload was cut off. Check your connection and try again.')));
    xhr.addEventListener('abort', () => reject(new ApiError('The upload was cancelled.')));
    xhr.send(form);
  });
  done.abort = () => xhr.abort();
  return done;
}
