// Second floor for the Slack path: Bolt's own minimal answering bot. Like
// wuerror's /wuerror it verifies the signature, acknowledges, then answers
// with one chat.postMessage through the app's own Web API client. The token
// is checked once at start-up (auth.test), as Bolt does by default.
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
app.command('/wuerror', async ({ command, ack, client }) => {
  await ack();
  await client.chat.postMessage({
    channel: command.channel_id,
    text: `You asked: ${command.text}`,
  });
});
receiver.app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
const server = receiver.app.listen(Number(process.env.PORT ?? 3981), '127.0.0.1', () => {
  process.send?.({ ready: server.address().port });
});
