/**
 * Conversation state for the terminal chat: one person, one process, nothing
 * worth keeping after it ends, so a Map is the right store. The bot server
 * uses the SQLite storage instead.
 */
import type { KeyValueStorage } from '../core/conversation-state.js';

export function createMemoryStore(): KeyValueStorage {
  const items = new Map<string, string>();
  return {
    async read(keys) {
      const found: Record<string, unknown> = {};
      for (const key of keys) {
        const value = items.get(key);
        if (value !== undefined) found[key] = JSON.parse(value);
      }
      return found;
    },
    async write(changes) {
      for (const [key, value] of Object.entries(changes)) items.set(key, JSON.stringify(value));
    },
    async delete(keys) {
      for (const key of keys) items.delete(key);
    },
  };
}
