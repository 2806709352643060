#!/usr/bin/env node
// Thin launcher so `npx wuerror` works from any directory: the compiled CLI
// finds the knowledge folder relative to its own file, never the cwd.
import '../dist/cli/bin.js';
