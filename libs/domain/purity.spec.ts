import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

/**
 * The domain core is pure: no I/O, no clock, no randomness, no globals. Every service and the
 * embedded pipeline share it, and a replay must give the same money, so these rules are checked on
 * its source rather than trusted: imports stay inside libs/domain (no node:*, kafkajs, ioredis, pino,
 * avsc); no Date.now(), new Date() without an argument, Math.random(), process, console, globalThis
 * or require; no module-level `let`/`var`, and module-level collections are typed read-only (or
 * frozen, or `as const`) so that the compiler refuses to mutate them. Specs and fixtures are exempt.
 */
const DOMAIN = __dirname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.ts$/.test(entry.name) && !/\.(spec|fixture)\.ts$/.test(entry.name) ? [path] : [];
  });
}

const FORBIDDEN_CALLS = new Set(['Date.now', 'Math.random']);
const FORBIDDEN_NAMES = new Set(['process', 'console', 'globalThis', 'require']);
const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet']);

function problemsOf(path: string, text = readFileSync(path, 'utf8')): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const problems: string[] = [];
  const at = (node: ts.Node, what: string) =>
    problems.push(`${relative(DOMAIN, path)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);

  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) {
      const specifier = statement.moduleSpecifier;
      if (specifier && ts.isStringLiteral(specifier) && !insideDomain(path, specifier.text)) at(statement, `imports '${specifier.text}'`);
    }
    if (ts.isVariableStatement(statement)) moduleState(statement, at);
  }
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && FORBIDDEN_CALLS.has(node.getText(source))) at(node, `uses ${node.getText(source)}`);
    if (ts.isIdentifier(node) && FORBIDDEN_NAMES.has(node.text) && !isPropertyName(node)) at(node, `uses ${node.text}`);
    if (ts.isNewExpression(node) && node.expression.getText(source) === 'Date' && (node.arguments?.length ?? 0) === 0) at(node, 'reads the clock (new Date())');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

function insideDomain(from: string, specifier: string): boolean {
  if (!specifier.startsWith('.')) return false;
  const target = resolve(dirname(from), specifier);
  return target === DOMAIN || target.startsWith(`${DOMAIN}/`);
}

/** `x.process` or `{ process: … }` names a property, not the global. */
function isPropertyName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
}

function moduleState(statement: ts.VariableStatement, at: (node: ts.Node, what: string) => void): void {
  if (!(statement.declarationList.flags & ts.NodeFlags.Const)) return at(statement, 'declares module-level mutable state (let/var)');
  for (const declaration of statement.declarationList.declarations) {
    const init = declaration.initializer;
    if (init === undefined || !isCollection(init)) continue;
    const typed = declaration.type !== undefined && /\b(readonly|Readonly\w*)\b/.test(declaration.type.getText());
    if (!typed && !isFrozen(init)) at(declaration, `module-level collection ${declaration.name.getText()} is not typed read-only`);
  }
}

function isCollection(init: ts.Expression): boolean {
  if (ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init)) return true;
  return ts.isNewExpression(init) && COLLECTIONS.has(init.expression.getText());
}

function isFrozen(init: ts.Expression): boolean {
  return ts.isAsExpression(init) && init.type.getText() === 'const';
}

describe('the domain core', () => {
  const files = sources(DOMAIN);

  it('is found where the check looks for it', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.some((f) => f.endsWith(join('rating', 'compiled-tariff.ts')))).toBe(true);
  });

  it('does no I/O, reads no clock, draws no random numbers and keeps no mutable module state', () => {
    expect(files.flatMap((file) => problemsOf(file))).toEqual([]);
  });

  it('would catch each kind of impurity', () => {
    const probe = join(DOMAIN, 'rating', 'probe.ts'); // never written: its text is given
    const impure = [
      "import { Kafka } from 'kafkajs';",
      "import { readFileSync } from 'node:fs';",
      "import { RedisLimitStore } from '../../redis/limit-store';",
      'let calls = 0;',
      'const seen = new Map<string, number>();',
      'export const now = () => Date.now() + Math.random() + new Date().getTime();',
      'export const env = () => process.env.TZ ?? globalThis.name;',
      "const FIXED: ReadonlyMap<string, number> = new Map([['a', 1]]);",
      "const NAMES = ['a', 'b'] as const;",
      'export const use = () => [calls, seen, FIXED, NAMES, new Date(0)];',
    ].join('\n');
    const problems = problemsOf(probe, impure).map((p) => p.replace(/^[^:]+:\d+: /, ''));
    expect(problems).toEqual([
      "imports 'kafkajs'",
      "imports 'node:fs'",
      "imports '../../redis/limit-store'",
      'declares module-level mutable state (let/var)',
      'module-level collection seen is not typed read-only',
      'uses Date.now',
      'uses Math.random',
      'reads the clock (new Date())',
      'uses process',
      'uses globalThis',
    ]);
  });
});
