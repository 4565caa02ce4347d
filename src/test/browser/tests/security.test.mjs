// The page's own security: only its own scripts run (Content-Security-Policy, no inline code),
// and the token stays out of every URL the page requests.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PHONE, activeSlide, assertNoProblems, demoUserId, launch, openPage, signUp, uniqueName, waitPlaying } from '../lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

test('the page runs only its own scripts: a strict policy, no inline code, injected scripts refused', async () => {
  const response = await fetch(`${BASE}/`);
  const policy = response.headers.get('content-security-policy');
  assert.match(policy, /script-src 'self'(;|$)/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
  const html = await response.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');

  const page = await openPage(browser, PHONE);
  await page.goto(BASE);
  await waitPlaying(activeSlide(page));
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.injected = true');
    img.src = '/nothing-here.png';
    document.body.append(img);
  });
  await page.waitForFunction(() => [...document.images].some((i) => i.src.endsWith('/nothing-here.png') && i.complete));
  assert.equal(await page.evaluate(() => window.injected), undefined, 'the browser refused the injected code');
  assert.ok(page.problems.some((p) => p.includes('Content Security Policy')), 'the refusal was reported');
  assertNoProblems(page, (p) => p.includes('Content Security Policy') || p.includes('404'));
  await page.context().close();
});

test('the token is sent in a header, never in a URL', async () => {
  const page = await openPage(browser, PHONE);
  const requests = [];
  page.on('request', (r) => requests.push({ url: r.url(), auth: r.headers().authorization }));
  const id = await signUp(page, uniqueName('private'));
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('vertok.session')).token);
  await waitPlaying(activeSlide(page));
  await activeSlide(page).locator('button.like').click();
  await page.waitForFunction(() => document.querySelector('.slide.active .like').getAttribute('aria-pressed') === 'true');
  const screens = [[`/u/${id}`, 'publish/list'], [`/u/${id}/likes`, 'favorite/list'], ['/friends', 'relation/friend/list'],
    [`/chat/${await demoUserId('mia')}`, 'message/chat']];
  for (const [route, call] of screens) {
    const answered = page.waitForResponse((r) => r.url().includes(`/douyin/${call}/`));
    await page.goto(`${BASE}/#${route}`);
    await answered;
  }
  assert.ok(requests.length > 10);
  assert.deepEqual(requests.filter((r) => r.url.includes(token)), [], 'no URL holds the token');
  const api = requests.filter((r) => r.url.includes('/douyin/') && !r.url.includes('/user/register/'));
  assert.ok(api.length > 5 && api.every((r) => r.auth === `Bearer ${token}`), 'every API call carries the token in its header');
  assert.ok(api.some((r) => r.url.includes('/message/chat/')), 'the chat was read');
  assertNoProblems(page);
  await page.context().close();
});
