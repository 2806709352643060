// Floor for the Teams path: botbuilder's own minimal bot (CloudAdapter in
// anonymous mode on express), answering every message with one echo.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express from 'express';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const app = express();
app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
app.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
  await adapter.process(req, res, async (context) => {
    if (context.activity.type === 'message') {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    }
  });
});
const server = app.listen(Number(process.env.PORT ?? 3979), '127.0.0.1', () => {
  process.send?.({ ready: server.address().port });
});
