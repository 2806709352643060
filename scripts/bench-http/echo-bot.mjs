// Floor for the Teams path: botbuilder's own minimal bot (CloudAdapter in
// anonymous mode on express), answering every message with one echo, and a
// button click (an Action.Execute's adaptiveCard/action invoke) with one echo
// and a card in the invoke's answer, the way botbuilder's ActivityHandler
// hands back what onAdaptiveCardInvoke returns.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express from 'express';

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const CLICKED = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'clicked', wrap: true }],
};

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const app = express();
app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
app.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
  await adapter.process(req, res, async (context) => {
    if (context.activity.type === 'message') {
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    } else if (
      context.activity.type === 'invoke' &&
      context.activity.name === 'adaptiveCard/action'
    ) {
      await context.sendActivity(`echo: ${context.activity.value?.action?.verb ?? ''}`);
      await context.sendActivity({
        type: 'invokeResponse',
        value: { status: 200, body: { statusCode: 200, type: CARD_TYPE, value: CLICKED } },
      });
    }
  });
});
const server = app.listen(Number(process.env.PORT ?? 3979), '127.0.0.1', () => {
  process.send?.({ ready: server.address().port });
});
