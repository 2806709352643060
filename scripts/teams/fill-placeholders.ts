/**
 * Fills `${{NAME}}` placeholders (the Teams Toolkit / Agents Toolkit syntax)
 * in every string of a parsed JSON value. It works on the parsed value, not
 * the text, so a value can never break the JSON around it.
 */
import { TeamsPackageError } from './teams-package-error.js';

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export type PlaceholderValues = Readonly<Record<string, string>>;

/** The distinct placeholder names in the strings of a JSON value, in order of first use. */
export function listPlaceholders(value: unknown): string[] {
  const names = new Set<string>();
  visitStrings(value, (text) => {
    for (const match of text.matchAll(PLACEHOLDER)) {
      if (match[1]) names.add(match[1]);
    }
  });
  return [...names];
}

/** A deep copy of the value with every placeholder filled; throws if any has no value. */
export function fillPlaceholders(value: unknown, values: PlaceholderValues): unknown {
  const unfilled = listPlaceholders(value).filter((name) => !Object.hasOwn(values, name));
  if (unfilled.length > 0) {
    throw new TeamsPackageError(
      'PLACEHOLDER_UNFILLED',
      `The manifest uses placeholders with no value: ${unfilled.map((name) => `\${{${name}}}`).join(', ')}`,
    );
  }
  return mapStrings(value, (text) =>
    text.replace(PLACEHOLDER, (_whole, name: string) => values[name] ?? ''),
  );
}

function visitStrings(value: unknown, visit: (text: string) => void): void {
  mapStrings(value, (text) => {
    visit(text);
    return text;
  });
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)]),
    );
  }
  return value;
}
