/**
 * REDIS_URL set and Redis down: the app still starts (not ready), a message
 * gets an apology rather than a crash or silence, and everything recovers by
 * itself once Redis is there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RedisServer,
  redisUnavailableReason,
  startRedisServer,
} from '../support/redis-server.js';
import { cardText, say, startTeamsHarness, type TeamsHarness } from '../support/teams-harness.js';

const skipReason = redisUnavailableReason();
if (skipReason) console.warn(`[redis-outage.test] skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('REDIS_URL with Redis down', () => {
  let redis: RedisServer;
  let teams: TeamsHarness;
  beforeAll(async () => {
    redis = await startRedisServer();
    await redis.kill();
  });
  afterAll(async () => {
    await teams?.close();
    await redis?.stop();
  });

  it('starts not ready, apologises, and recovers when Redis comes up', async () => {
    teams = await startTeamsHarness({ store: undefined, env: { REDIS_URL: redis.url } });
    const ready = () => fetch(`${teams.app.url}/readyz`).then((r) => r.status);
    expect(await ready()).toBe(503);

    await teams.post(say('0x80070422'));
    expect(cardText(teams.cards().at(-1)?.card)).toMatch(/^Sorry, something went wrong/);

    await redis.restart();
    const deadline = Date.now() + 10_000;
    while ((await ready()) !== 200) {
      if (Date.now() > deadline) throw new Error('never ready');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await teams.post(say('0x80070422'));
    expect(cardText(teams.cards().at(-1)?.card)).toMatch(/Step 1 of 3/);
  });
});
