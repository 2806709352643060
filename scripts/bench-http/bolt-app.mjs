// Floor for the Slack path: a bare Bolt app on an ExpressReceiver that
// verifies the signature and acknowledges /wuerror, doing nothing else.
import bolt from '@slack/bolt';

const receiver = new bolt.ExpressReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  endpoints: '/slack/events',
});
const app = new bolt.App({
  token: process.env.SLACK_BOT_TOKEN,
  receiver,
  tokenVerificationEnabled: false,
  clientOptions: process.env.SLACK_API_URL ? { slackApiUrl: process.env.SLACK_API_URL } : {},
});
app.command('/wuerror', async ({ ack }) => {
  await ack();
});
receiver.app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
const server = receiver.app.listen(Number(process.env.PORT ?? 3980), '127.0.0.1', () => {
  process.send?.({ ready: server.address().port });
});
