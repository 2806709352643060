#!/usr/bin/env node
// Thin launcher so `npx wuerror` works from any directory: the compiled CLI
// resolves the knowledge folder relative to its own file, never the cwd.
import { runFromProcess } from '../dist/cli/main.js';

await runFromProcess();
