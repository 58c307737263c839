#!/usr/bin/env node
// The flexcast command. The TypeScript sources are compiled to dist/ by `npm ci` (the prepare script).
import { main, processIo } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2), processIo());
