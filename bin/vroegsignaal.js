#!/usr/bin/env node
'use strict';
// The CLI runs the TypeScript sources directly through tsx, so there is no build step to forget
// and migrations are always loaded as .ts (never mixed with compiled .js against one database).
require('tsx/cjs');
require('../src/cli/main.ts')
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
