import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { WenjiError, describeError } from '../../errors.js';

/** Where a Chromium was found, for messages and reports. */
export interface ChromiumLocation {
  executablePath: string;
  source: 'environment' | 'puppeteer' | 'system' | '@sparticuz/chromium';
  /** Extra arguments this build needs (the npm-packaged shell runs without a zygote). */
  args: string[];
}

const systemPaths: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/opt/google/chrome/chrome'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    path.join(homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
  ],
  win32: [
    path.join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Google\\Chrome\\Application\\chrome.exe'),
    path.join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Google\\Chrome\\Application\\chrome.exe'),
    path.join(process.env.LOCALAPPDATA ?? '', 'Google\\Chrome\\Application\\chrome.exe'),
    path.join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Microsoft\\Edge\\Application\\msedge.exe'),
  ],
};

/**
 * A Chromium to print with, in this order: `PUPPETEER_EXECUTABLE_PATH` / `CHROME_PATH`; a browser
 * puppeteer downloaded into its cache; a system Chrome or Chromium; on Linux, the headless
 * shell inside the optional npm package `@sparticuz/chromium` (so a machine that reaches only
 * the npm registry can print).
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumLocation> {
  for (const name of ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'] as const) {
    const value = env[name];
    if (!value) continue;
    if (!existsSync(value)) throw new WenjiError('browser', `${name} points to ${value}, which does not exist; fix or unset it`);
    return { executablePath: value, source: 'environment', args: [] };
  }
  const cached = await puppeteerCache(env);
  if (cached) return { executablePath: cached, source: 'puppeteer', args: [] };
  for (const candidate of systemPaths[process.platform] ?? []) {
    if (existsSync(candidate)) return { executablePath: candidate, source: 'system', args: [] };
  }
  if (process.platform === 'linux') {
    const packaged = await sparticuzChromium();
    if (packaged) return packaged;
  }
  throw new WenjiError(
    'browser',
    'no Chromium found for printing the PDF: install Chrome or Chromium, or run `npx @puppeteer/browsers install chrome-headless-shell@stable`, or set PUPPETEER_EXECUTABLE_PATH',
  );
}

async function puppeteerCache(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const cacheDir = env.PUPPETEER_CACHE_DIR ?? path.join(homedir(), '.cache', 'puppeteer');
  if (!existsSync(cacheDir)) return undefined;
  try {
    const { getInstalledBrowsers } = await import('@puppeteer/browsers');
    const installed = await getInstalledBrowsers({ cacheDir });
    // Prefer the headless shell (made for printing), then Chrome; newest build first.
    const rank = (browser: string) => (browser === 'chrome-headless-shell' ? 0 : browser === 'chrome' ? 1 : browser === 'chromium' ? 2 : 9);
    const usable = installed
      .filter((browser) => rank(browser.browser) < 9 && existsSync(browser.executablePath))
      .sort((a, b) => rank(a.browser) - rank(b.browser) || b.buildId.localeCompare(a.buildId, 'en', { numeric: true }));
    return usable[0]?.executablePath;
  } catch {
    return undefined;
  }
}

async function sparticuzChromium(): Promise<ChromiumLocation | undefined> {
  let module: { default: { executablePath(input?: string): Promise<string> } };
  try {
    module = (await import('@sparticuz/chromium')) as typeof module;
  } catch {
    return undefined;
  }
  try {
    // Unpacks the brotli-compressed shell into the temp folder once; later runs reuse it.
    const executablePath = await module.default.executablePath();
    return { executablePath, source: '@sparticuz/chromium', args: ['--no-zygote', '--single-process'] };
  } catch (error) {
    throw new WenjiError('browser', `the Chromium in @sparticuz/chromium could not be unpacked: ${describeError(error)}`);
  }
}

/**
 * Flags for a quiet, offline print: no sandbox needs when running as root, no GPU, and none of
 * Chromium's background traffic (updates, sync, metrics), which would otherwise try the network.
 */
export function launchArgs(location: ChromiumLocation): string[] {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  return [
    ...(root || location.source === '@sparticuz/chromium' ? ['--no-sandbox'] : []),
    '--disable-gpu',
    // No name resolves (the page reads only file: URLs): none of Chromium's own background
    // lookups (Google account, update and time hosts) reaches the network. Measured with strace:
    // docs/testing.md. The loopback address, which needs no lookup, stays usable (the tests'
    // own browser opens the preview with these flags; the print refuses every http: request).
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-domain-reliability',
    '--no-pings',
    '--mute-audio',
    '--font-render-hinting=none',
    ...location.args,
  ];
}
