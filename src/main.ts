/** `npm start`: configuration from the environment (and `.env`), then the server. */
import { existsSync } from 'node:fs';
import { isPoolPrimary, startWorkerPool } from './cluster/worker-pool.js';
import { loadConfig } from './config/load-config.js';
import { isWuerrorError } from './errors.js';
import { createLogger } from './logging/create-logger.js';
import { routeConsole } from './logging/route-console.js';

/**
 * `.env` in the working folder, when there is one. Variables already in the
 * environment win (process.loadEnvFile never overwrites them). Not Node's
 * --env-file flag: the start script must also run on Node versions without it.
 */
function loadDotEnv(path = '.env'): void {
  if (existsSync(path) && typeof process.loadEnvFile === 'function') process.loadEnvFile(path);
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    loadDotEnv();
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`wuerror: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger(config.logLevel);
  // Libraries' console output (botbuilder's) goes into the one JSON log.
  routeConsole(logger.child({ part: 'console' }));
  if (isPoolPrimary(config.workers)) {
    // WEB_CONCURRENCY > 1: this process only keeps the workers running; each runs main() too.
    const pool = startWorkerPool({
      workers: config.workers,
      logger,
      // Each worker drains within SHUTDOWN_TIMEOUT_MS; only then is it killed.
      stopTimeoutMs: config.shutdownTimeoutMs + 2000,
    });
    const stop = async (signal: string) => {
      logger.info({ signal }, 'shutting down the workers');
      await pool.stop();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  try {
    // Loaded here, not above: a pool's primary never needs the server's modules.
    const { startApp } = await import('./app.js');
    const app = await startApp({ config, logger });
    if (!config.teams.appId) {
      logger.info(
        `Teams: anonymous local mode. Try it with: npm run playground (endpoint ${app.url}/api/messages)`,
      );
    }
    // Graceful stop: finish in-flight turns and queued Slack work (at most
    // SHUTDOWN_TIMEOUT_MS), then close the store. A second signal stops at once.
    const stop = async (signal: string) => {
      logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down');
      process.once(signal, () => process.exit(1));
      const finished = await app.close();
      logger.info({ finished }, 'stopped');
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    // Our own errors say what to do in one line; anything else keeps its stack.
    if (isWuerrorError(error))
      logger.fatal({ code: error.code }, `could not start: ${error.message}`);
    else logger.fatal({ err: error, code: 'STARTUP_FAILED' }, 'could not start');
    process.exitCode = 1;
  }
}

await main();
