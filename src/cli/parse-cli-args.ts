/** argv -> what the user asked for, or a usage error with a clear message. */
import { parseArgs } from 'node:util';
import { WuerrorError } from '../errors.js';

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check-knowledge' }
  | { kind: 'interactive' }
  | { kind: 'query'; text: string; json: boolean }
  | { kind: 'stdin'; json: boolean }
  | { kind: 'jsonl' };

export const USAGE = `Usage:
  wuerror <text>                  explain an error code, symbolic name, log line or symptom
  wuerror --json <text>           the same, as one JSON object
  wuerror --json --stdin          one query per input line, one JSON object per output line
  wuerror --json --jsonl          JSON lines {"text": "..."} in (multi-line texts), one JSON object out per line
  wuerror --stdin                 one readable answer per input line
  wuerror --check-knowledge       validate the knowledge files and report coverage
  wuerror                         interactive mode (in a terminal)
  wuerror --help | --version

Examples:
  wuerror 0x8024001E
  wuerror "updates fail behind our proxy"
  echo "hr=0x8024401b" | wuerror --json --stdin
  wuerror -2145124322             a negative decimal HRESULT is a query, not an option

Exit codes: 0 answered (even with no match), 1 knowledge or internal error, 2 bad arguments.`;

/** Stands in for the minus of a negative decimal query while options are parsed. */
const NEGATIVE = '\u0000-';

export function parseCliArgs(argv: string[], stdinIsTty: boolean): CliCommand {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      // "-2145124322" is a signed HRESULT, not a cluster of short options.
      args: argv.map((arg) => (/^-\d+$/.test(arg) ? `${NEGATIVE}${arg.slice(1)}` : arg)),
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        stdin: { type: 'boolean' },
        jsonl: { type: 'boolean' },
        'check-knowledge': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new WuerrorError('USAGE', (error as Error).message);
  }
  const { values } = parsed;
  const positionals = parsed.positionals.map((p) =>
    p.startsWith(NEGATIVE) ? `-${p.slice(NEGATIVE.length)}` : p,
  );
  const text = positionals.join(' ').trim();
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (values['check-knowledge']) {
    if (text || values.stdin || values.json || values.jsonl)
      throw new WuerrorError('USAGE', '--check-knowledge takes no other arguments');
    return { kind: 'check-knowledge' };
  }
  const json = values.json === true;
  if (values.jsonl) {
    if (text || values.stdin)
      throw new WuerrorError(
        'USAGE',
        '--jsonl reads JSON lines from standard input; give neither text nor --stdin as well',
      );
    return { kind: 'jsonl' };
  }
  if (values.stdin) {
    if (text)
      throw new WuerrorError(
        'USAGE',
        '--stdin reads the queries from standard input; give no text as well',
      );
    return { kind: 'stdin', json };
  }
  if (text) return { kind: 'query', text, json };
  if (positionals.length > 0) throw new WuerrorError('USAGE', 'the text to look up is empty');
  if (json) throw new WuerrorError('USAGE', '--json needs the text to look up, or --stdin');
  // Piped input without --stdin is what people mean by `cat log | wuerror`.
  return stdinIsTty ? { kind: 'interactive' } : { kind: 'stdin', json: false };
}
