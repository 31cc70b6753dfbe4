// Runs the CLI in this process and reports its peak memory (maxRSS) on exit.
import { cliEntry } from '../test/helpers/paths.js';

process.on('exit', () => {
  process.stderr.write(`\nbench-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
process.argv = [process.argv[0]!, cliEntry, ...process.argv.slice(2)];
await import(cliEntry);
