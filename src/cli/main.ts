/**
 * The `wuerror` command: one query, a stream of queries, an interactive
 * prompt, or a knowledge check. I/O is injected so tests run it in-process.
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { pino } from 'pino';
import { explainReply } from '../core/build-replies.js';
import { createConversation } from '../core/create-conversation.js';
import { isWuerrorError } from '../errors.js';
import { defaultLintOptions, lintKnowledge } from '../knowledge/lint-knowledge.js';
import { DEFAULT_KNOWLEDGE_DIR, loadKnowledge } from '../knowledge/load-knowledge.js';
import { TERMINAL_WELCOME_LINES } from '../layout/words.js';
import { terminalWidth, toTerminalText, wrapText } from '../renderers/terminal.js';
import { createResolver, type Resolver } from '../resolver/create-resolver.js';
import { createMemoryStore } from '../storage/memory-store.js';
import { checkKnowledge } from './check-knowledge.js';
import { type CliCommand, parseCliArgs, USAGE } from './parse-cli-args.js';
import { toJson } from './to-json.js';

export interface CliIo {
  argv: string[];
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { columns?: number; isTTY?: boolean };
  stderr: Writable;
  knowledgeDir?: string;
}

const VERSION = '0.1.0';

export async function runCli(io: CliIo): Promise<number> {
  const print = (text: string) => io.stdout.write(`${text}\n`);
  let command: CliCommand;
  try {
    command = parseCliArgs(io.argv, io.stdin.isTTY === true);
  } catch (error) {
    if (!isWuerrorError(error)) throw error;
    io.stderr.write(`wuerror: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.kind === 'help' || command.kind === 'version') {
    print(command.kind === 'help' ? USAGE : VERSION);
    return 0;
  }

  let resolver: Resolver;
  let knowledge: ReturnType<typeof loadKnowledge>;
  try {
    knowledge = loadKnowledge(io.knowledgeDir);
    resolver = createResolver(knowledge);
  } catch (error) {
    io.stderr.write(`wuerror: ${(error as Error).message}\n`);
    return 1;
  }

  switch (command.kind) {
    case 'check-knowledge': {
      const lint = lintKnowledge(
        knowledge,
        defaultLintOptions(io.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR),
      );
      const report = checkKnowledge(knowledge, resolver, lint);
      print(report.text);
      return report.ok ? 0 : 1;
    }
    case 'query':
      print(answer(resolver, command.text, command.json));
      return 0;
    case 'stdin':
      for await (const line of createInterface({
        input: io.stdin,
        crlfDelay: Number.POSITIVE_INFINITY,
      })) {
        print(answer(resolver, line, command.json));
        if (!command.json) print('');
      }
      return 0;
    case 'jsonl':
      for await (const line of createInterface({
        input: io.stdin,
        crlfDelay: Number.POSITIVE_INFINITY,
      })) {
        if (!line.trim()) continue;
        print(answerJsonLine(resolver, line));
      }
      return 0;
    case 'interactive':
      return runInteractive(io, resolver);
    default: {
      const unreachable: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unreachable)}`);
    }
  }
}

function answer(resolver: Resolver, text: string, json: boolean): string {
  const resolution = resolver.resolve(text);
  return json ? JSON.stringify(toJson(resolution)) : toTerminalText(explainReply(resolution));
}

/**
 * One `{"text": "..."}` line -> one JSON answer line. A line that is not such
 * an object gets `{"error": ...}` in its place, so output lines still pair
 * with input lines.
 */
function answerJsonLine(resolver: Resolver, line: string): string {
  let text: unknown;
  try {
    text = (JSON.parse(line) as { text?: unknown } | null)?.text;
  } catch {
    return JSON.stringify({ error: 'not a JSON object' });
  }
  if (typeof text !== 'string') return JSON.stringify({ error: 'no "text" string' });
  return JSON.stringify(toJson(resolver.resolve(text)));
}

/**
 * The terminal as a chat channel: the same conversation as Teams and Slack,
 * with typed answers instead of buttons.
 */
async function runInteractive(io: CliIo, resolver: Resolver): Promise<number> {
  const conversation = createConversation({
    resolver,
    store: createMemoryStore(),
    handoff: { deliver: async () => ({ delivered: 'not-configured' }) },
    logger: pino({ level: 'silent' }),
  });
  const width = terminalWidth(io.stdout);
  const show = (text: string) => wrapText(text, width);
  io.stdout.write(`${show(TERMINAL_WELCOME_LINES.join('\n'))}\nCtrl+D or "exit" to quit.\n\n`);
  const rl = createInterface({ input: io.stdin, output: io.stdout, prompt: 'you> ' });
  rl.prompt();
  let count = 0;
  for await (const line of rl) {
    const text = line.trim();
    if (text === 'exit' || text === 'quit') break;
    if (text) {
      const result = await conversation.handle({
        id: `cli-${++count}`,
        conversationId: 'cli',
        user: { id: userInfo().username, name: userInfo().username },
        where: { platform: 'cli', kind: 'personal', label: 'terminal' },
        addressed: true,
        input: { kind: 'text', text },
        at: new Date(),
      });
      for (const reply of result.replies) io.stdout.write(`\n${show(toTerminalText(reply))}\n\n`);
    }
    rl.prompt();
  }
  rl.close();
  return 0;
}

export async function runFromProcess(): Promise<void> {
  // `wuerror --json --stdin < queries | head -1`: the reader has gone, so stop quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  process.exitCode = await runCli({
    argv: process.argv.slice(2),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}
