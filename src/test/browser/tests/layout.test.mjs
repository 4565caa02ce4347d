// The main screens on a phone (390×844) and a desktop window (1440×900): nothing spills out
// sideways, the controls are on screen, and a screenshot of each is kept.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DESKTOP, PHONE, activeSlide, assertNoProblems, demoUserId, launch, openPage, screenshot, signUp, uniqueName, waitPlaying } from '../lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(() => browser.close());

async function assertFits(page, what) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: innerWidth }));
  assert.ok(scroll <= width, `${what}: ${scroll}px wide in a ${width}px window`);
}

async function assertOnScreen(page, locator, what) {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  assert.ok(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height,
    `${what} is on screen: ${JSON.stringify(box)}`);
}

for (const viewport of [PHONE, DESKTOP]) {
  const size = `${viewport.width}x${viewport.height}`;
  test(`the main screens fit a ${size} window`, async () => {
    const page = await openPage(browser, viewport);
    await signUp(page, uniqueName('viewer'));
    const slide = activeSlide(page);
    await waitPlaying(slide);
    for (const control of ['button.like', 'button.comments', 'button.share', '.caption .title']) {
      await assertOnScreen(page, slide.locator(control), control);
    }
    await assertOnScreen(page, page.getByRole('navigation', { name: 'Main' }), 'the navigation');
    await assertFits(page, 'feed');
    await screenshot(page, `feed-${size}`);
    await slide.getByRole('button', { name: /^Comments/ }).click();
    await page.locator('dialog .comment').first().waitFor();
    await assertOnScreen(page, page.getByRole('dialog').getByLabel('Your comment'), 'the comment box');
    await screenshot(page, `comments-${size}`);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    const mia = await demoUserId('mia');
    await page.goto(`${BASE}/#/u/${mia}`);
    await page.locator('.grid').waitFor();
    await assertFits(page, 'profile');
    await screenshot(page, `profile-${size}`);

    await page.goto(`${BASE}/#/u/${mia}/followers`);
    await page.locator('.people').waitFor();
    await assertFits(page, 'followers');
    await screenshot(page, `followers-${size}`);

    await page.goto(`${BASE}/#/publish`);
    await page.getByRole('heading', { name: 'Publish a video' }).waitFor();
    await assertFits(page, 'publish');

    await page.goto(`${BASE}/#/friends`);
    await page.getByRole('heading', { name: 'Friends' }).waitFor();
    await assertFits(page, 'friends');

    await page.getByRole('link', { name: /Me/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${BASE}/#/login`);
    await page.getByRole('heading', { name: 'Sign in to Vertok' }).waitFor();
    await assertFits(page, 'sign in');
    await screenshot(page, `sign-in-${size}`);
    assertNoProblems(page);
    await page.context().close();
  });
}
