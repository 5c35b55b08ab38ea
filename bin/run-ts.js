#!/usr/bin/env node
'use strict';
// Runs a TypeScript script (e.g. scripts/bench.ts) with the same loader as the CLI.
require('tsx/cjs');
const path = require('node:path');
const script = process.argv[2];
if (!script) {
  console.error('Gebruik: node bin/run-ts.js <script.ts> [args]');
  process.exit(2);
}
process.argv.splice(1, 2, path.resolve(script));
require(path.resolve(script));
