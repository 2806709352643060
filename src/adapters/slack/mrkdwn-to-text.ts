/**
 * Slack's encoded message text -> the words a person sees: `<@U1>` -> `@U1`,
 * `<https://x|label>` -> `label`, entities decoded. The bot's own mention goes.
 */
export function toPlainText(text: string, botUserId?: string): string {
  const withoutBot = botUserId ? text.split(`<@${botUserId}>`).join(' ') : text;
  return withoutBot
    .replace(/<([^>|]*)(?:\|([^>]*))?>/g, (_all, target: string, label?: string) => {
      if (label) return label;
      if (target.startsWith('!')) return `@${target.slice(1).split('^')[0]}`;
      return target.replace(/^mailto:/, '');
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}
