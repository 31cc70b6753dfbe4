import fc from 'fast-check';

/**
 * Property tests run on a fixed seed, so that a run of `npm test` (and CI) is repeatable: the
 * same generated cases every time, and a failure that reproduces. `WENJI_PROPERTY_SEED=random`
 * explores new cases (the seed is printed on failure; `WENJI_PROPERTY_SEED=<n>` replays it), and
 * `WENJI_PROPERTY_RUNS` sets how many. A property stops after a minute (shrinking included), so
 * that a failure reports instead of searching for the smallest case for ever.
 */
const setting = process.env.WENJI_PROPERTY_SEED;
const seed = setting === 'random' ? undefined : Number.isInteger(Number(setting)) && setting !== undefined && setting !== '' ? Number(setting) : 20261201;

fc.configureGlobal({ ...(seed === undefined ? {} : { seed }), skipAllAfterTimeLimit: 60_000 });

export { fc };
