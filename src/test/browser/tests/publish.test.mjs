// Publishing from the browser: the progress bar reaches 100 %, the video is in the profile and
// plays; files the server would refuse get a clear reason.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, PHONE, DESKTOP, activeSlide, assertNoProblems, launch, openPage, screenshot, signUp, uniqueName, waitPlaying } from '../lib.mjs';

let browser;
let clip;
let limitMb;
before(async () => {
  browser = await launch();
  // A clip to upload: one of the demo videos, as a file picked from disk would be.
  const feed = await (await fetch(`${BASE}/douyin/feed/`)).json();
  clip = Buffer.from(await (await fetch(feed.video_list[0].play_url)).arrayBuffer());
  limitMb = (await (await fetch(`${BASE}/app/features.json`)).json()).upload_limit_mb;
});
after(() => browser.close());

/** Records every value the percentage label shows, for the test to read. */
function recordProgress(page) {
  return page.evaluate(() => {
    window.progressSeen = [];
    const label = document.querySelector('.percent');
    new MutationObserver(() => window.progressSeen.push(label.textContent)).observe(label, { childList: true, characterData: true, subtree: true });
  });
}

test('publishing shows the upload progress up to 100 % and the video appears in the profile', async () => {
  const page = await openPage(browser, PHONE);
  const id = await signUp(page, uniqueName('creator'));
  await page.goto(`${BASE}/#/publish`);
  await page.getByRole('heading', { name: 'Publish a video' }).waitFor();
  // A slow uplink, so that the upload takes long enough to show its progress.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1,
    uploadThroughput: Math.ceil(clip.length / 2) });
  await page.getByLabel('Video file').setInputFiles({ name: 'my first clip.mp4', mimeType: 'video/mp4', buffer: clip });
  assert.equal(await page.getByLabel('Title').inputValue(), 'my first clip', 'the title defaults to the file name');
  const title = `Made in a browser ${Date.now()}`;
  await page.getByLabel('Title').fill(title);
  await recordProgress(page);
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.waitForFunction(() => window.progressSeen.some((p) => p !== '0 %' && p !== '100 %'));
  await screenshot(page, 'publish-390x844');
  await page.waitForFunction((me) => location.hash === `#/u/${me}`, id);
  const seen = await page.evaluate(() => window.progressSeen.map((p) => Number.parseInt(p, 10)));
  assert.equal(seen.at(-1), 100);
  assert.deepEqual([...seen].sort((a, b) => a - b), seen, `progress only grows: ${seen}`);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  const work = page.getByRole('link', { name: title });
  await work.waitFor();
  assert.equal(await page.locator('.tabs a').first().textContent(), 'Works 1');
  await work.click();
  await waitPlaying(activeSlide(page));
  assert.equal(await activeSlide(page).locator('.title').textContent(), title);
  await page.goto(BASE);
  await waitPlaying(activeSlide(page));
  assert.equal(await activeSlide(page).locator('.title').textContent(), title, 'the new video tops the feed');
  assertNoProblems(page);
  await page.context().close();
});

test('files that are not videos, too large, or refused for load get a clear reason', async () => {
  const page = await openPage(browser, DESKTOP);
  await signUp(page, uniqueName('uploader'));
  await page.goto(`${BASE}/#/publish`);
  const file = page.getByLabel('Video file');
  const error = page.getByRole('alert');
  await page.getByLabel('Title').fill('not really a video');

  await file.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await page.getByText('This file is not a video (text/plain).').waitFor();

  await file.setInputFiles({ name: 'big.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(limitMb * 1024 * 1024 + 1) });
  await page.getByText(`the limit is ${limitMb} MB.`).waitFor();

  // The server decodes what claims to be a video, and explains why it is not.
  await file.setInputFiles({ name: 'fake.mp4', mimeType: 'video/mp4', buffer: Buffer.from('this is not an mp4 at all') });
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText(/data is not a video this server can decode/).waitFor();
  assert.match(await error.textContent(), /not a video/);
  await screenshot(page, 'publish-error-1440x900');

  // Past the limit on a server that claims a larger one: the server's 413 becomes "too large".
  await page.route('**/app/features.json', (route) => route.fulfill({ contentType: 'application/json',
    body: JSON.stringify({ feeds: ['latest'], upload_limit_mb: limitMb * 4 }) }));
  await page.reload();
  await page.getByLabel('Title').fill('too big');
  await page.getByLabel('Video file').setInputFiles({ name: 'big.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc((limitMb + 1) * 1024 * 1024) });
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('This file is too large').waitFor();

  // When the server sheds uploads (HTTP 429 with Retry-After), the page says when to retry.
  await page.route('**/douyin/publish/action/', (route) => route.fulfill({ status: 429, contentType: 'application/json',
    headers: { 'Retry-After': '30' }, body: JSON.stringify({ status_code: 429, status_msg: 'too many requests' }) }));
  await page.getByLabel('Video file').setInputFiles({ name: 'clip.mp4', mimeType: 'video/mp4', buffer: clip });
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Too many uploads right now. Try again in 30 s.').waitFor();
  // The refused large upload is reported by Chromium as a failed resource load; nothing else may fail.
  assertNoProblems(page, (p) => /status of (413|429)/.test(p));
  await page.context().close();
});
