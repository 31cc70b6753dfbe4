import { writeFileSync } from 'node:fs';

/**
 * Loaded with `node --import`: as the process exits it writes its peak resident memory (KB, worker
 * threads included) to the file named by `WENJI_TEST_PEAK_FILE`.
 */
const report = process.env.WENJI_TEST_PEAK_FILE;
if (report) process.on('exit', () => writeFileSync(report, String(process.resourceUsage().maxRSS)));
