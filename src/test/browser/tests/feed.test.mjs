// The feed: the demo content plays, likes count, the keyboard moves, paging sends next_time back,
// tabs follow the server's features, and a shared link opens the video.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DESKTOP, PHONE, activeSlide, assertNoProblems, launch, nextVideo, openPage, signUp, uniqueName, waitPlaying } from '../lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

test('a visitor sees the demo feed, newest first, and the first video plays muted', async () => {
  const page = await openPage(browser, PHONE);
  const feedRequests = [];
  page.on('request', (r) => r.url().includes('/douyin/feed/') && feedRequests.push(new URL(r.url())));
  await page.goto(BASE);
  const first = activeSlide(page);
  await waitPlaying(first);
  assert.equal(await first.locator('.title').textContent(), 'Morning colours over the bay');
  assert.equal(await first.locator('.author').textContent(), '@mia');
  assert.equal(await first.locator('video').evaluate((v) => v.muted), true);
  assert.ok(await page.locator('.slide').count() >= 8, 'every demo video has a slide');

  // Near the end of the page the next one is asked for with next_time; the demo has no second page.
  for (let i = 0; i < 5; i += 1) await nextVideo(page);
  await page.locator('.feed > .placeholder.end').waitFor();
  assert.equal(feedRequests[0].searchParams.get('latest_time'), null);
  const second = feedRequests[1];
  assert.ok(second, 'a second page was requested');
  assert.match(second.searchParams.get('latest_time'), /^\d+$/);
  assertNoProblems(page);
  await page.context().close();
});

test('a tap turns the sound on; the arrow keys move to the next video, which plays', async () => {
  const page = await openPage(browser, DESKTOP);
  await page.goto(BASE);
  const first = activeSlide(page);
  await waitPlaying(first);
  const firstId = await first.getAttribute('data-video');
  await first.locator('.stage').click({ position: { x: 60, y: 200 } });
  await page.waitForFunction(() => document.querySelector('.slide.active video').muted === false);
  assert.equal(await first.locator('.sound').getAttribute('aria-label'), 'Turn sound off');

  await nextVideo(page);
  const next = activeSlide(page);
  await waitPlaying(next);
  assert.equal(await next.locator('video').evaluate((v) => v.muted), false, 'the sound stays on');
  assert.equal(await page.locator(`.slide[data-video="${firstId}"] video`).evaluate((v) => v.paused), true);
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction((id) => document.querySelector('.slide.active')?.dataset.video === id, firstId);
  assertNoProblems(page);
  await page.context().close();
});

test('liking changes the count, survives a reload, and unliking restores it; a double tap likes', async () => {
  const page = await openPage(browser, PHONE);
  await signUp(page, uniqueName('liker'));
  const slide = activeSlide(page);
  await waitPlaying(slide);
  const like = slide.locator('button.like');
  const before = Number(await like.locator('.count').textContent());
  assert.equal(await like.getAttribute('aria-pressed'), 'false');

  await like.click();
  await page.waitForFunction((n) => document.querySelector('.slide.active .like .count').textContent === String(n), before + 1);
  assert.equal(await like.getAttribute('aria-pressed'), 'true');
  await page.reload();
  await waitPlaying(activeSlide(page));
  assert.equal(await activeSlide(page).locator('button.like').getAttribute('aria-pressed'), 'true', 'the server kept the like');
  assert.equal(await activeSlide(page).locator('button.like .count').textContent(), String(before + 1));

  await activeSlide(page).locator('button.like').click();
  await page.waitForFunction((n) => document.querySelector('.slide.active .like .count').textContent === String(n), before);
  await page.reload();
  await waitPlaying(activeSlide(page));
  assert.equal(await activeSlide(page).locator('button.like .count').textContent(), String(before));

  // Double tap on the video: a like (never an unlike).
  const stage = activeSlide(page).locator('.stage');
  await stage.dblclick({ position: { x: 80, y: 300 } });
  await page.waitForFunction((n) => document.querySelector('.slide.active .like .count').textContent === String(n), before + 1);
  assert.equal(await activeSlide(page).locator('button.like').getAttribute('aria-pressed'), 'true');
  assertNoProblems(page);
  await page.context().close();
});

test('a visitor who likes is asked to sign in first', async () => {
  const page = await openPage(browser, PHONE);
  await page.goto(BASE);
  await waitPlaying(activeSlide(page));
  await activeSlide(page).locator('button.like').click();
  await page.waitForFunction(() => location.hash.startsWith('#/login'));
  await page.getByRole('heading', { name: 'Sign in to Vertok' }).waitFor();
  assertNoProblems(page);
  await page.context().close();
});

test('feed tabs are the feeds the server lists', async () => {
  const page = await openPage(browser, PHONE);
  await page.goto(BASE);
  await waitPlaying(activeSlide(page));
  assert.deepEqual(await page.locator('.feed-tabs a').allTextContents(), ['Latest', 'Hot', 'For you'],
    'this server has the latest, hot and recommended feeds');
  const asked = page.waitForRequest((r) => new URL(r.url()).searchParams.get('feed_type') === 'recommend');
  await page.getByRole('link', { name: 'For you' }).click();
  await asked;

  // A server that lists fewer feeds gets only their tabs.
  await page.route('**/app/features.json', (route) => route.fulfill({
    contentType: 'application/json', body: JSON.stringify({ feeds: ['latest', 'hot'], upload_limit_mb: 8 }) }));
  await page.reload();
  await waitPlaying(activeSlide(page));
  assert.deepEqual(await page.locator('.feed-tabs a').allTextContents(), ['Latest', 'Hot']);
  await page.context().close();
});

test('share copies a link that opens the video', async () => {
  const page = await openPage(browser, DESKTOP);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  await page.goto(BASE);
  await waitPlaying(activeSlide(page));
  await nextVideo(page);
  const slide = activeSlide(page);
  const id = await slide.getAttribute('data-video');
  const author = await slide.getAttribute('data-author');
  await slide.getByRole('button', { name: 'Share' }).click();
  await page.getByText('Link copied.').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(link, `${BASE}/#/u/${author}/v/${id}`);

  const other = await openPage(browser, PHONE);
  await other.goto(link);
  await waitPlaying(activeSlide(other));
  assert.equal(await activeSlide(other).getAttribute('data-video'), id);
  assertNoProblems(page);
  assertNoProblems(other);
  await page.context().close();
  await other.context().close();
});
