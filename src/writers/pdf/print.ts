import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, HTTPRequest } from 'puppeteer-core';
import { WenjiError, describeError } from '../../errors.js';
import { onExitCleanup } from '../../exit-cleanup.js';
import { findChromium, launchArgs, type ChromiumLocation } from './browser.js';

export interface PrintOptions {
  /** The assembled HTML file to print. */
  htmlPath: string;
  /** Page size in millimetres. */
  width: number;
  height: number;
  /** Generate Chromium's tagged structure (the body's, for screen readers and reflow). */
  tagged: boolean;
}

/**
 * The only module that touches puppeteer. One browser per build, one page per print; the page
 * runs no JavaScript and may read only files inside the allowed folders — every other request
 * (network, other local files) is refused.
 */
export class Printer {
  private constructor(
    private readonly browser: Browser,
    private readonly allowed: string[],
    readonly location: ChromiumLocation,
    private readonly onBlocked: (url: string) => void,
    private readonly forgetKill: () => void,
  ) {}

  /**
   * Chromium with its profile in `profileDir` (by default inside the first allowed folder, the
   * print's work folder, so that it goes with it), on a pipe rather than a port: when wenji dies, even by SIGKILL, the pipe closes and
   * Chromium ends. However wenji exits otherwise, the browser's process group is killed first.
   */
  static async open(allowedDirs: string[], onBlocked: (url: string) => void = () => {}, profileDir = path.join(allowedDirs[0] ?? '.', '.chromium-profile')): Promise<Printer> {
    const location = await findChromium();
    const { default: puppeteer } = await import('puppeteer-core');
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath: location.executablePath,
        headless: 'shell',
        args: launchArgs(location),
        protocolTimeout: 0,
        pipe: true,
        userDataDir: profileDir,
        // Its own temporary files (org.chromium.Chromium.*) in the work folder too, so that none outlives a killed browser.
        env: { ...process.env, TMPDIR: path.dirname(profileDir) },
        // wenji's own handlers (cli/signals.ts) end the run; the exit cleanup kills the browser.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      throw new WenjiError('browser', `Chromium (${location.executablePath}, from ${location.source}) did not start: ${describeError(error)}`);
    }
    const forgetKill = onExitCleanup(() => killTree(browser.process()?.pid));
    const allowed = allowedDirs.map((dir) => realpathOrSelf(path.resolve(dir)));
    return new Printer(browser, allowed, location, onBlocked, forgetKill);
  }

  async print(options: PrintOptions): Promise<Uint8Array> {
    const page = await this.browser.newPage();
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request: HTTPRequest) => {
        if (this.permits(request.url())) void request.continue();
        else {
          this.onBlocked(request.url());
          void request.abort('blockedbyclient');
        }
      });
      await page.goto(pathToFileURL(options.htmlPath).href, { waitUntil: 'load', timeout: 0 });
      const pdf = await page.pdf({
        width: `${options.width}mm`,
        height: `${options.height}mm`,
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: false,
        tagged: options.tagged,
        // wenji writes its own bookmarks; headings are located by named destinations.
        outline: false,
        waitForFonts: true,
        timeout: 0,
      });
      return pdf;
    } catch (error) {
      if (error instanceof WenjiError) throw error;
      throw new WenjiError('render', `Chromium could not print the book: ${describeError(error)}`, { cause: error });
    } finally {
      await page.close().catch(() => {});
    }
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => {});
    killTree(this.browser.process()?.pid);
    this.forgetKill();
  }

  /** file:// URLs inside the allowed folders; nothing else (no http, no other files). */
  private permits(url: string): boolean {
    if (url.startsWith('data:')) return true;
    if (!url.startsWith('file:')) return false;
    let file: string;
    try {
      file = realpathOrSelf(fileURLToPath(url));
    } catch {
      return false;
    }
    return this.allowed.some((dir) => {
      const relative = path.relative(dir, file);
      return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
    });
  }
}

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** Chromium and its helpers: puppeteer starts it as the leader of its own process group. */
function killTree(pid: number | undefined): void {
  if (!pid) return;
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
