// Floor for the Slack path: a bare Bolt app on an ExpressReceiver that
// verifies the signature and acknowledges /wuerror, doing nothing else.
// The token is checked once at start-up (auth.test), Bolt's default: with
// `tokenVerificationEnabled: false` Bolt 5.1 calls auth.test on every
// request instead, so the floor made one Web API call per ack.
import bolt from '@slack/bolt';

const receiver = new bolt.ExpressReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  endpoints: '/slack/events',
});
const app = new bolt.App({
  token: process.env.SLACK_BOT_TOKEN,
  receiver,
  clientOptions: process.env.SLACK_API_URL ? { slackApiUrl: process.env.SLACK_API_URL } : {},
});
app.command('/wuerror', async ({ ack }) => {
  await ack();
});
receiver.app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
const server = receiver.app.listen(Number(process.env.PORT ?? 3980), '127.0.0.1', () => {
  process.send?.({ ready: server.address().port });
});
