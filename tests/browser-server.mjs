// One headless Chromium for every browser test file: `cargo xtask test` starts
// this script, reads the endpoint from its first line of output, hands it to
// the test files as BROWSER_WS (helpers.mjs connects to it instead of
// launching a browser of its own), and ends it by closing its standard input.

import { chromium } from 'playwright-core';
import { BROWSER_OPTIONS } from './helpers.mjs';

const server = await chromium.launchServer(BROWSER_OPTIONS);
process.stdout.write(`${server.wsEndpoint()}\n`);

const stop = () => server.close().then(() => process.exit(0));
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
