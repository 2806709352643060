/** argv -> what the user asked for, or a usage error with a clear message. */
import { parseArgs } from 'node:util';
import { WuerrorError } from '../errors.js';

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check-knowledge' }
  | { kind: 'interactive' }
  | { kind: 'query'; text: string; json: boolean }
  | { kind: 'stdin'; json: boolean };

export const USAGE = `Usage:
  wuerror <text>                  explain an error code, symbolic name, log line or symptom
  wuerror --json <text>           the same, as one JSON object
  wuerror --json --stdin          one query per input line, one JSON object per output line
  wuerror --stdin                 one readable answer per input line
  wuerror --check-knowledge       validate the knowledge files and report coverage
  wuerror                         interactive mode (in a terminal)
  wuerror --help | --version

Examples:
  wuerror 0x8024001E
  wuerror "updates fail behind our proxy"
  echo "hr=0x8024401b" | wuerror --json --stdin

Exit codes: 0 answered (even with no match), 1 knowledge or internal error, 2 bad arguments.`;

/**
 * A negative decimal (`-2145124322`, how some tools print an HRESULT) is a
 * query, not an option: every word that is not an option goes after `--`,
 * in its order, so parseArgs reads it as text.
 */
function withQueriesLast(argv: string[]): string[] {
  const end = argv.indexOf('--');
  const head = end === -1 ? argv : argv.slice(0, end);
  const tail = end === -1 ? [] : argv.slice(end + 1);
  const isOption = (arg: string) => arg.startsWith('-') && !/^-\d+$/.test(arg);
  return [...head.filter(isOption), '--', ...head.filter((a) => !isOption(a)), ...tail];
}

export function parseCliArgs(argv: string[], stdinIsTty: boolean): CliCommand {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: withQueriesLast(argv),
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean' },
        stdin: { type: 'boolean' },
        'check-knowledge': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new WuerrorError('USAGE', (error as Error).message);
  }
  const { values, positionals } = parsed;
  const text = positionals.join(' ').trim();
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (values['check-knowledge']) {
    if (text || values.stdin || values.json)
      throw new WuerrorError('USAGE', '--check-knowledge takes no other arguments');
    return { kind: 'check-knowledge' };
  }
  const json = values.json === true;
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
