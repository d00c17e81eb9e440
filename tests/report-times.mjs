// A node:test reporter that `cargo xtask test` runs beside the spec reporter:
// the seconds each test file's top-level tests took, a line per file
// (`12.3<TAB>tests/x.test.mjs`, the path relative to where node runs). The
// next run balances its groups of files by them (write_test_groups in
// xtask/src/test/groups.rs): a file's count of tests and page loads says less.

import path from 'node:path';

/** @param {AsyncIterable<{ type: string, data: any }>} source */
export default async function* reportTimes(source) {
  /** @type {Map<string, number>} */
  const seconds = new Map();
  for await (const { type, data } of source) {
    if ((type === 'test:pass' || type === 'test:fail') && data.nesting === 0 && data.file) {
      const file = path.relative(process.cwd(), data.file).split(path.sep).join('/');
      seconds.set(file, (seconds.get(file) ?? 0) + (data.details?.duration_ms ?? 0) / 1000);
    }
  }
  for (const [file, s] of seconds) yield `${s.toFixed(1)}\t${file}\n`;
}
