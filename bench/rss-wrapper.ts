// Runs the CLI in this process and reports its peak memory (maxRSS) on exit.
import { cliEntry } from '../test/helpers/paths.js';

process.on('exit', () => {
  const usage = process.resourceUsage();
  // CPU time (user + system) is steadier than wall time on a busy machine.
  process.stderr.write(`\nbench-max-rss-kb ${usage.maxRSS}\nbench-cpu-us ${usage.userCPUTime + usage.systemCPUTime}\n`);
});
process.argv = [process.argv[0]!, cliEntry, ...process.argv.slice(2)];
await import(cliEntry);
