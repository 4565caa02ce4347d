// Comments, follows and chat between two people, each in a browser context of their own.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DESKTOP, PHONE, activeSlide, assertNoProblems, launch, openPage, screenshot, signUp, uniqueName, waitPlaying } from '../lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

const heading = (n) => `${n} ${n === 1 ? 'comment' : 'comments'}`;

/** Opens the comment sheet of the video on screen and waits for its list. */
async function openComments(page) {
  await activeSlide(page).getByRole('button', { name: /^Comments/ }).click();
  const sheet = page.getByRole('dialog');
  await page.waitForFunction(() => document.querySelector('dialog .comment-list')?.textContent.trim() !== 'Loading…');
  return sheet;
}

test('a comment appears in the list and in the count, and its author can delete it', async () => {
  const page = await openPage(browser, PHONE);
  await signUp(page, uniqueName('commenter'));
  await waitPlaying(activeSlide(page));
  const countBefore = Number(await activeSlide(page).locator('.comments .count').textContent());
  const sheet = await openComments(page);
  const text = `Lovely colours ${Date.now()} 🌅`;
  await sheet.getByLabel('Your comment').fill(text);
  await sheet.getByRole('button', { name: 'Post comment' }).click();
  const mine = sheet.locator('.comment').first();
  await mine.locator('.content', { hasText: text }).waitFor();
  assert.equal(await sheet.locator('h2').textContent(), heading(countBefore + 1));
  await screenshot(page, 'comment-posted-390x844');
  await sheet.getByRole('button', { name: 'Close comments' }).click();
  assert.equal(await activeSlide(page).locator('.comments .count').textContent(), String(countBefore + 1));

  // From the server, after a reload: newest first, with a Delete only on the viewer's own.
  await page.reload();
  await waitPlaying(activeSlide(page));
  const again = await openComments(page);
  assert.equal(await again.locator('.comment .content').first().textContent(), text);
  assert.equal(await again.getByRole('button', { name: 'Delete comment' }).count(), 1, 'only the own comment can be deleted');
  await again.getByRole('button', { name: 'Delete comment' }).click();
  await page.waitForFunction((t) => ![...document.querySelectorAll('dialog .comment .content')].some((p) => p.textContent === t), text);
  assert.equal(await again.locator('h2').textContent(), heading(countBefore));
  assertNoProblems(page);
  await page.context().close();
});

test('hostile text in names and comments is shown as text and runs nothing', async () => {
  const page = await openPage(browser, DESKTOP);
  const name = `<img src=x onerror=alert(1)>${Math.random().toString(36).slice(2, 6)}`;
  const id = await signUp(page, name);
  await waitPlaying(activeSlide(page));
  const sheet = await openComments(page);
  const comment = `<script>window.pwned=1</script><b onmouseover="window.pwned=2">bold</b> ' " & </textarea> ${Date.now()}`;
  await sheet.getByLabel('Your comment').fill(comment);
  await sheet.getByRole('button', { name: 'Post comment' }).click();
  await page.waitForFunction((t) => document.querySelector('dialog .comment .content')?.textContent === t, comment);
  const posted = sheet.locator('.comment').first();
  assert.equal(await posted.locator('.name').textContent(), name);
  assert.equal(await posted.locator('.content b, .content script').count(), 0);
  await screenshot(page, 'hostile-comment-1440x900');
  await sheet.getByRole('button', { name: 'Close comments' }).click();

  await page.goto(`${BASE}/#/u/${id}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), name);
  assert.equal(await page.title(), `${name} · Vertok`);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assertNoProblems(page);
  await page.context().close();
});

test('following an author from the feed shows on their profile', async () => {
  const page = await openPage(browser, PHONE);
  await signUp(page, uniqueName('fan'));
  const slide = activeSlide(page);
  await waitPlaying(slide);
  const author = Number(await slide.getAttribute('data-author'));
  const { user } = await (await page.request.get(`${BASE}/douyin/user/?user_id=${author}`)).json();
  await slide.locator('button.follow').click();
  await page.getByText(`You follow ${user.name} now.`).waitFor();
  assert.equal(await slide.locator('button.follow').isHidden(), true);

  await slide.locator('.caption .author').click();
  await page.getByRole('heading', { level: 1, name: user.name }).waitFor();
  assert.equal(await page.getByRole('button', { name: `Unfollow ${user.name}` }).textContent(), 'Following');
  assert.equal(await page.locator('.stats li').nth(1).locator('b').textContent(), String(user.follower_count + 1));
  await screenshot(page, 'profile-followed-390x844');
  assertNoProblems(page);
  await page.context().close();
});

test('two people who follow each other are friends and chat live', async () => {
  const ana = await openPage(browser, PHONE);
  const ben = await openPage(browser, DESKTOP);
  const anaName = uniqueName('ana');
  const benName = uniqueName('ben');
  const anaId = await signUp(ana, anaName);
  const benId = await signUp(ben, benName);

  for (const [page, other, name] of [[ana, benId, benName], [ben, anaId, anaName]]) {
    await page.goto(`${BASE}/#/u/${other}`);
    await page.getByRole('button', { name: `Follow ${name}` }).click();
    await page.getByRole('button', { name: `Unfollow ${name}` }).waitFor();
  }

  await ana.goto(`${BASE}/#/friends`);
  await ana.getByRole('link', { name: new RegExp(benName) }).click();
  await ana.getByRole('heading', { name: benName }).waitFor();
  await ben.goto(`${BASE}/#/chat/${anaId}`);
  await ben.getByRole('heading', { name: anaName }).waitFor();

  const hello = `Hello Ben, it is ${new Date().toISOString()} <b>here</b>`;
  await ana.getByRole('textbox', { name: 'Message' }).fill(hello);
  await ana.getByRole('button', { name: 'Send' }).click();
  await ana.locator('.message.mine p', { hasText: hello }).waitFor();
  await ben.locator('.message:not(.mine) p', { hasText: hello }).waitFor({ timeout: 10_000 });

  const reply = 'Hi Ana! 👋';
  await ben.getByRole('textbox', { name: 'Message' }).fill(reply);
  await ben.keyboard.press('Enter');
  await ana.locator('.message:not(.mine) p', { hasText: reply }).waitFor({ timeout: 10_000 });
  assert.deepEqual(await ana.locator('.message p').allTextContents(), [hello, reply], 'each message once, oldest first');
  await screenshot(ben, 'chat-1440x900');
  await screenshot(ana, 'chat-390x844');

  await ana.goto(`${BASE}/#/friends`);
  await ana.getByText(reply).waitFor();
  await screenshot(ana, 'friends-390x844');
  assertNoProblems(ana);
  assertNoProblems(ben);
  await ana.context().close();
  await ben.context().close();
});
