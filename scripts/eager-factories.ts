/**
 * Build step after bundling (scripts/bundle-server.ts): makes V8 compile
 * every bundled module's body when the chunk is compiled, so Node's compile
 * cache (which stores what was compiled with the chunk, not what ran later)
 * holds them and the next start does not compile them again.
 *
 * esbuild wraps each CommonJS module (and each ES module that one of them
 * requires) in an arrow function, `var x = helper((exports, module) => {...})`,
 * which V8 compiles lazily, when the module is first required: about a
 * third of the time spent loading the server. V8 compiles a function at once
 * when it reads `(function`: this rewrites each such top-level factory to
 * `helper((function(exports, module) {...}))`. An arrow and a function
 * differ only in `this`, `arguments`, `super` and `new.target`: a factory
 * that reads `this` (TypeScript's helpers, `this && this.__awaiter`, in
 * most of botbuilder's modules) becomes `(function ...).bind(this)`, which
 * sees the same `this`; one that uses any of the others is left as it is.
 */
import ts from 'typescript';

export interface Edit {
  at: number;
  /** Characters replaced from `at`. */
  remove: number;
  insert: string;
}

/** The edits that turn every top-level `helper(arrow)` factory into `helper((function ...))`. */
export function eagerFactoryEdits(code: string): Edit[] {
  const file = ts.createSourceFile(
    'chunk.js',
    code,
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.JS,
  );
  const edits: Edit[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const call = declaration.initializer;
      if (!call || !ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) continue;
      if (call.arguments.length !== 1) continue;
      const factory = call.arguments[0];
      if (!factory || !ts.isArrowFunction(factory) || !ts.isBlock(factory.body)) continue;
      if (factory.modifiers?.length) continue;
      const bindings = arrowBindings(factory.body);
      if (bindings === 'other') continue;
      const params = factory.parameters.map((p) => p.getText(file)).join(',');
      const start = factory.getStart(file);
      edits.push({
        at: start,
        remove: factory.body.getStart(file) - start,
        insert: `(function(${params})`,
      });
      // An arrow's `this` is its scope's: the function is bound to that same `this`.
      edits.push({
        at: factory.end,
        remove: 0,
        insert: bindings === 'this' ? ').bind(this)' : ')',
      });
    }
  }
  return edits;
}

/**
 * What of its scope an arrow's body uses outside nested (non-arrow)
 * functions: `this` (kept by binding the function to the same `this`), or
 * `arguments`, `super` or `new.target` (then it stays an arrow).
 */
function arrowBindings(body: ts.Node): 'none' | 'this' | 'other' {
  let usesThis = false;
  let other = false;
  const visit = (node: ts.Node): void => {
    if (other) return;
    if (ts.isClassDeclaration(node) || ts.isClassExpression(node)) {
      // A class's methods have their own `this` and `super`, but its computed keys,
      // heritage and static blocks may read the outer `this`: bind whenever one appears.
      if (mentions(node, [ts.SyntaxKind.ThisKeyword, ts.SyntaxKind.SuperKeyword])) usesThis = true;
      return;
    }
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isFunctionExpression(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isGetAccessor(node) ||
      ts.isSetAccessor(node) ||
      ts.isConstructorDeclaration(node)
    ) {
      return;
    }
    if (node.kind === ts.SyntaxKind.ThisKeyword) usesThis = true;
    else if (
      node.kind === ts.SyntaxKind.SuperKeyword ||
      ts.isMetaProperty(node) ||
      (ts.isIdentifier(node) && node.text === 'arguments')
    ) {
      other = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return other ? 'other' : usesThis ? 'this' : 'none';
}

function mentions(node: ts.Node, kinds: ts.SyntaxKind[]): boolean {
  let found = false;
  const visit = (child: ts.Node): void => {
    if (found) return;
    if (kinds.includes(child.kind)) {
      found = true;
      return;
    }
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(node, visit);
  return found;
}

export function applyEdits(code: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.at - b.at);
  let out = '';
  let from = 0;
  for (const edit of sorted) {
    out += code.slice(from, edit.at) + edit.insert;
    from = edit.at + edit.remove;
  }
  return out + code.slice(from);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) throw new Error(`not a source map digit: ${char}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeVlq(values: number[]): string {
  let out = '';
  for (const value of values) {
    let rest = value < 0 ? (-value << 1) | 1 : value << 1;
    do {
      let digit = rest & 31;
      rest >>>= 5;
      if (rest > 0) digit |= 32;
      out += BASE64[digit];
    } while (rest > 0);
  }
  return out;
}

/**
 * Source map `mappings` for the edited code: every generated column after an
 * edit on its line moves by what the edit inserted minus what it removed
 * (the other fields of a segment are relative to the previous segment, not
 * to the generated column, and stay as they are).
 */
export function shiftMappings(mappings: string, code: string, edits: Edit[]): string {
  const lineStarts = [0];
  for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const byLine = new Map<number, Edit[]>();
  for (const edit of [...edits].sort((a, b) => a.at - b.at)) {
    let line = 0;
    let high = lineStarts.length - 1;
    while (line < high) {
      const mid = (line + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= edit.at) line = mid;
      else high = mid - 1;
    }
    const column = edit.at - (lineStarts[line] ?? 0);
    const list = byLine.get(line) ?? [];
    list.push({ ...edit, at: column });
    byLine.set(line, list);
  }
  return mappings
    .split(';')
    .map((line, index) => {
      const lineEdits = byLine.get(index);
      if (!lineEdits || line === '') return line;
      let column = 0;
      let previousNew = 0;
      return line
        .split(',')
        .map((segment) => {
          const values = decodeVlq(segment);
          column += values[0] ?? 0;
          let moved = column;
          for (const edit of lineEdits) {
            if (edit.at + edit.remove <= column) moved += edit.insert.length - edit.remove;
            else if (edit.at < column) moved = moved - (column - edit.at);
          }
          values[0] = moved - previousNew;
          previousNew = moved;
          return encodeVlq(values);
        })
        .join(',');
    })
    .join(';');
}
