#!/usr/bin/env node
// Runs the rvemu command line inside this Node process and, when the process exits, writes its peak
// resident set size in KiB (process.resourceUsage().maxRSS) to a file, so the bench can report memory
// without an external tool. Usage: node bench/rss.mjs OUT_FILE path/to/dist/cli/main.js [rvemu args...]
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [out, cli] = process.argv.splice(2, 2);
process.argv[1] = cli;
process.on('exit', () => writeFileSync(out, `${process.resourceUsage().maxRSS}\n`));
await import(pathToFileURL(cli).href);
