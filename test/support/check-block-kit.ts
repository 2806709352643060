/**
 * Slack's Block Kit limits, checked on every message a test sees, so a reply
 * that Slack would refuse (`invalid_blocks`) fails here first.
 */
// biome-ignore lint/suspicious/noExplicitAny: messages are JSON under test.
type Json = any;

export const MAX_MESSAGE_CHARS = 12_000;

export function blockKitProblems(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  const fail = (what: string) => problems.push(what);
  if (typeof message.text !== 'string' || message.text.trim() === '') fail('no top-level text');
  const blocks: Json[] = Array.isArray(message.blocks) ? message.blocks : [];
  if (!Array.isArray(message.blocks)) fail('no blocks');
  if (blocks.length > 50) fail(`${blocks.length} blocks (max 50)`);
  if (JSON.stringify(blocks).length > MAX_MESSAGE_CHARS)
    fail(`blocks are ${JSON.stringify(blocks).length} characters (max ${MAX_MESSAGE_CHARS})`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  const text = (t: Json, max: number, where: string) => {
    if (!t || typeof t.text !== 'string' || t.text.length === 0) fail(`${where}: empty text`);
    else if (t.text.length > max) fail(`${where}: ${t.text.length} characters (max ${max})`);
    if (t && !['plain_text', 'mrkdwn'].includes(t.type)) fail(`${where}: text type ${t.type}`);
  };
  blocks.forEach((block, i) => {
    const where = `block ${i} (${block.type})`;
    if (block.block_id !== undefined) {
      if (blockIds.has(block.block_id)) fail(`${where}: duplicate block_id`);
      if (String(block.block_id).length > 255) fail(`${where}: block_id too long`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        text(block.text, 150, where);
        if (block.text?.type !== 'plain_text') fail(`${where}: header must be plain_text`);
        break;
      case 'section':
        if (block.text) text(block.text, 3000, where);
        if (!block.text && !block.fields) fail(`${where}: neither text nor fields`);
        if (block.fields && block.fields.length > 10) fail(`${where}: more than 10 fields`);
        for (const field of block.fields ?? []) text(field, 2000, `${where} field`);
        break;
      case 'context':
        if (!block.elements?.length || block.elements.length > 10)
          fail(`${where}: ${block.elements?.length} elements`);
        for (const element of block.elements ?? []) text(element, 3000, `${where} element`);
        break;
      case 'actions':
        if (!block.elements?.length || block.elements.length > 25)
          fail(`${where}: ${block.elements?.length} elements`);
        for (const button of block.elements ?? []) {
          if (button.type !== 'button') fail(`${where}: ${button.type} element`);
          text(button.text, 75, `${where} button`);
          if (button.text?.type !== 'plain_text') fail(`${where}: button text must be plain_text`);
          if (typeof button.value !== 'string' || button.value.length > 2000)
            fail(`${where}: button value missing or over 2000 characters`);
          if (!button.action_id || button.action_id.length > 255) fail(`${where}: bad action_id`);
          if (actionIds.has(button.action_id)) fail(`${where}: duplicate action_id`);
          actionIds.add(button.action_id);
          if (button.style && !['primary', 'danger'].includes(button.style))
            fail(`${where}: style ${button.style}`);
        }
        break;
      case 'divider':
        break;
      default:
        fail(`${where}: unexpected block type`);
    }
  });
  return problems;
}

/** Everything a person reads in a message, one piece a line. */
export function textOf(message: { blocks?: Json[]; text?: string }): string {
  const parts: string[] = [];
  const walk = (node: Json) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      if (typeof node.text === 'string') parts.push(node.text);
      for (const [key, value] of Object.entries(node))
        if (key !== 'value' && typeof value === 'object') walk(value);
    }
  };
  walk(message.blocks ?? []);
  return parts.join('\n');
}

/** The labels of a message's buttons, in order. */
export function buttonsOf(message: { blocks?: Json[] }): string[] {
  return (message.blocks ?? [])
    .filter((b: Json) => b.type === 'actions')
    .flatMap((b: Json) => b.elements.map((e: Json) => e.text.text));
}
