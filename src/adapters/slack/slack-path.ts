/** Where Slack sends everything; its own file so the app can name it without loading Bolt. */
export const SLACK_PATH = '/slack/events';
