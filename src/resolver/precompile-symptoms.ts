/**
 * Build step (`npm run build`, after the knowledge's precompile): writes the
 * symptom index's tables for dist/knowledge.json (prepared-symptoms.ts).
 */
import {
  BUNDLED_KNOWLEDGE_DIR,
  COMPILED_KNOWLEDGE_FILE,
  readCompiled,
} from '../knowledge/compiled-knowledge.js';
import { SYMPTOM_TABLES_FILE, writeSymptomTables } from './prepared-symptoms.js';

const compiled = readCompiled(BUNDLED_KNOWLEDGE_DIR, COMPILED_KNOWLEDGE_FILE);
if (compiled) {
  writeSymptomTables(compiled.knowledge, compiled.fingerprint, SYMPTOM_TABLES_FILE);
} else {
  process.stderr.write(`wuerror: ${COMPILED_KNOWLEDGE_FILE} is missing or out of date\n`);
  process.exitCode = 1;
}
