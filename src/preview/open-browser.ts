import { spawn } from 'node:child_process';

/**
 * Opens a URL in the default browser (open on macOS, start on Windows, xdg-open elsewhere).
 * Never throws: without a browser the preview still runs, and `onFailure` says so.
 */
export function openBrowser(url: string, onFailure: (reason: string) => void): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', (error) => onFailure(`${command}: ${error.message}`));
    child.on('exit', (code) => {
      if (code) onFailure(`${command} exited with code ${code}`);
    });
    child.unref();
  } catch (error) {
    onFailure(String(error));
  }
}
