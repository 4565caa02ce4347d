// Runs the browser tests: starts the built jar with demo content on a free port and a data
// directory of its own, waits until it is up, runs tests/*.test.mjs with Node's test runner in
// headless Chromium, then stops the server. Screenshots and the server log go to target/browser.
//
//   node run.mjs [feed social …]   (after ./mvnw package; ./mvnw verify -Pbrowser runs it too);
//                                  names pick test files by prefix
//   VERTOK_JAR=… CHROMIUM_PATH=… SCREENSHOTS=… override the defaults.
//   VERTOK_URL=http://127.0.0.1:8080 node run.mjs   runs them against a server already up with
//   --demo (and VERTOK_UPLOAD_LIMIT_MB=8), for a quick loop while working on the client.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const jar = process.env.VERTOK_JAR || path.join(root, 'target', 'vertok.jar');
const screenshots = process.env.SCREENSHOTS || path.join(root, 'target', 'browser');
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
/** Small enough that the tests can cross it with a generated file. */
const UPLOAD_LIMIT_MB = 8;
const STARTUP_TIMEOUT_MS = 180_000;

function fail(message) {
  console.error(`browser tests: ${message}`);
  process.exit(1);
}

if (!fs.existsSync(chromium)) fail(`no Chromium at ${chromium}: install Debian's chromium package (bash .ci/services does) or set CHROMIUM_PATH`);
if (!fs.existsSync(path.join(here, 'node_modules', 'playwright-core'))) {
  console.log('browser tests: installing playwright-core (npm ci)');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  if (npm.status !== 0) fail('npm ci failed');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** The jar with --demo; resolves once it logged that it is up. */
async function startServer(logFile) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vertok-browser-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VERTOK_')));
  Object.assign(env, {
    VERTOK_HTTP_HOST: '127.0.0.1',
    VERTOK_HTTP_PORT: String(port),
    VERTOK_DATA_DIR: dataDir,
    VERTOK_UPLOAD_LIMIT_MB: String(UPLOAD_LIMIT_MB),
    // Every browser signs up from this one address, more often than a person would.
    VERTOK_RATE_REGISTER_PER_IP_PER_MINUTE: '100',
  });
  const server = spawn(java, ['-Xmx768m', '-jar', jar, '--demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = fs.createWriteStream(logFile);
  let output = '';
  const up = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server was not up within ${STARTUP_TIMEOUT_MS / 1000} s`)), STARTUP_TIMEOUT_MS);
    const read = (chunk) => {
      log.write(chunk);
      output += chunk;
      if (output.includes('demo: seeding stopped')) reject(new Error('seeding the demo content failed'));
      if (output.includes('Vertok is up')) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => reject(new Error(`the server exited with code ${code}`)));
  });
  return { server, up, port, dataDir, output: () => output };
}

function stop({ server, dataDir }) {
  return new Promise((resolve) => {
    const done = () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve();
    };
    if (server.exitCode !== null) {
      done();
      return;
    }
    const kill = setTimeout(() => server.kill('SIGKILL'), 20_000);
    server.on('exit', () => {
      clearTimeout(kill);
      done();
    });
    server.kill('SIGTERM');
  });
}

function runTests(url) {
  const only = process.argv.slice(2);
  const tests = fs.readdirSync(path.join(here, 'tests')).filter((f) => f.endsWith('.test.mjs'))
    .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name))).sort()
    .map((f) => path.join(here, 'tests', f));
  const runner = spawn(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', ...tests], {
    cwd: here,
    stdio: 'inherit',
    env: { ...process.env, VERTOK_URL: url, SCREENSHOTS: screenshots, CHROMIUM_PATH: chromium },
  });
  return new Promise((resolve) => runner.on('exit', (code) => resolve(code ?? 1)));
}

fs.mkdirSync(screenshots, { recursive: true });
const started = Date.now();
let status = 1;
if (process.env.VERTOK_URL) {
  status = await runTests(process.env.VERTOK_URL);
} else {
  if (!fs.existsSync(jar)) fail(`${jar} is missing: build it first (./mvnw package -DskipTests)`);
  const running = await startServer(path.join(screenshots, 'server.log'));
  try {
    await running.up;
    console.log(`browser tests: server up with demo content in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    status = await runTests(`http://127.0.0.1:${running.port}`);
  } catch (e) {
    console.error(`browser tests: ${e.message}; the server's log is in ${path.join(screenshots, 'server.log')}`);
    console.error(running.output().split('\n').slice(-20).join('\n'));
  } finally {
    await stop(running);
  }
}
console.log(`browser tests: ${status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${screenshots}`);
process.exit(status);
