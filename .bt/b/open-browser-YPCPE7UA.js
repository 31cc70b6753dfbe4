import { createRequire as __wenjiCreateRequire } from 'node:module'; const require = __wenjiCreateRequire(import.meta.url);
import "./chunk-LE77IW2N.js";

// src/preview/open-browser.ts
import { spawn } from "node:child_process";
function openBrowser(url, onFailure) {
  const [command, args] = process.platform === "darwin" ? ["open", [url]] : process.platform === "win32" ? ["cmd", ["/c", "start", '""', url]] : ["xdg-open", [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: "ignore", windowsHide: true });
    child.on("error", (error) => onFailure(`${command}: ${error.message}`));
    child.on("exit", (code) => {
      if (code) onFailure(`${command} exited with code ${code}`);
    });
    child.unref();
  } catch (error) {
    onFailure(String(error));
  }
}
export {
  openBrowser
};
