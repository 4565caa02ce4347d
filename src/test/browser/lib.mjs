// What every browser test needs: Chromium as this machine runs it, pages that record script
// errors and CSP refusals, sign-up, screenshots and waiting for conditions.

import assert from 'node:assert/strict';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = process.env.VERTOK_URL;
const SCREENSHOTS = process.env.SCREENSHOTS;
/** As root on these machines Chromium needs no sandbox; the rest keeps it off the network. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

if (!BASE) throw new Error('VERTOK_URL is not set: run the tests with node run.mjs');

/** A browser with a fresh profile (Playwright gives every launch its own user data directory). */
export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: FLAGS });
}

/**
 * A page in a new context (its own storage: another person). page.problems lists uncaught
 * errors and console errors (CSP refusals among them).
 */
export async function openPage(browser, viewport = PHONE) {
  const context = await browser.newContext({ viewport, hasTouch: viewport === PHONE, isMobile: false });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.push(`console error: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    page.problems.push(`unexpected dialog: ${d.message()}`);
    d.dismiss();
  });
  return page;
}

/** Fails the test when the page had script errors (an expected refusal can be filtered out). */
export function assertNoProblems(page, allowed = () => false) {
  assert.deepEqual(page.problems.filter((p) => !allowed(p)), []);
}

let serial = 0;
/** A fresh username (at most 32 characters). */
export function uniqueName(prefix) {
  serial += 1;
  return `${prefix}_${Date.now().toString(36)}${serial}${Math.random().toString(36).slice(2, 5)}`.slice(0, 32);
}

/** Signs up through the page and answers the new user's id. */
export async function signUp(page, name, password = 'browser-secret-1') {
  await page.goto(`${BASE}/#/signup`);
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForFunction(() => location.hash === '#/' && localStorage.getItem('vertok.session'));
  return page.evaluate(() => JSON.parse(localStorage.getItem('vertok.session')).userId);
}

export function screenshot(page, name) {
  return page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Waits until the video in {slide} has frames to show and is playing. */
export async function waitPlaying(slide) {
  await slide.locator('video').evaluate((video) => new Promise((resolve, reject) => {
    const deadline = Date.now() + 20_000;
    const check = () => {
      if (video.readyState >= 2 && !video.paused && video.currentTime > 0) resolve();
      else if (Date.now() > deadline) reject(new Error(`video not playing: readyState ${video.readyState}, paused ${video.paused}, error ${video.error?.message}`));
      else setTimeout(check, 50);
    };
    check();
  }));
}

/** The slide on screen. */
export function activeSlide(page) {
  return page.locator('.slide.active');
}

/** Moves to the next video with the keyboard and waits until it is the one on screen. */
export async function nextVideo(page) {
  const current = await activeSlide(page).getAttribute('data-video');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction((id) => document.querySelector('.slide.active')?.dataset.video !== id, current);
}

/** The id of a demo user, found through the API as any client would. */
export async function demoUserId(name) {
  const feed = await (await fetch(`${BASE}/douyin/feed/`)).json();
  const author = feed.video_list.map((v) => v.author).find((a) => a.name === name);
  if (!author) throw new Error(`no video by the demo user ${name} in the feed`);
  return author.id;
}
