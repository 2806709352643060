/**
 * Build step (`npm run build`, after tsc): validates knowledge/ and writes
 * dist/knowledge.json for a fast start. An invalid knowledge base fails the
 * build with every problem listed, as `wuerror --check-knowledge` does.
 */
import { COMPILED_KNOWLEDGE_FILE, writeCompiledKnowledge } from './compiled-knowledge.js';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from './load-knowledge.js';

try {
  writeCompiledKnowledge(
    loadKnowledge(DEFAULT_KNOWLEDGE_DIR),
    DEFAULT_KNOWLEDGE_DIR,
    COMPILED_KNOWLEDGE_FILE,
  );
} catch (error) {
  process.stderr.write(`wuerror: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
