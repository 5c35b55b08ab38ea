/**
 * Validates rule files without running anything. Every problem is reported at once with the file,
 * the rule's name, the JSON path and a Dutch explanation. json-rules-engine itself only fails when a
 * rule runs (or silently compares strings): this is where mistakes are caught, before 02:00.
 */
import { createHash } from 'node:crypto';
import type { RuleProblem } from '../../errors';
import { FACTS_BY_NAME, OPERATORS_BY_TYPE, type FactDefinition, type Phase } from '../facts';
import { isIsoDate } from '../dates';
import { EVENTS_BY_TYPE } from './events';
import type { Condition, RuleDefinition, RuleSet } from './ruleset';
import { analyseRuleSet } from './analyse';

export interface RuleFile {
  file: string;
  text: string;
}

const TOP_KEYS = ['naam', 'titel', 'omschrijving', 'eigenaar', 'geldigVanaf', 'fase', 'prioriteit', 'voorwaarden', 'gebeurtenis'];
const PHASES: Phase[] = ['intake', 'escalatie'];

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return dp[a.length][b.length];
}

export function suggest(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

/** Line and column (1-based) of a character offset. */
function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The most common JSON.parse complaints, in Dutch (the original English follows in brackets). */
function dutchJsonMessage(msg: string): string {
  const core = msg.replace(/ in JSON at .*$/, '');
  const known: Array<[RegExp, string]> = [
    [/Expected ',' or '}' after property value/, 'komma of } verwacht na een waarde (vergeten komma?)'],
    [/Expected ',' or ']' after array element/, 'komma of ] verwacht na een element van een lijst'],
    [/Expected double-quoted property name/, 'sleutel tussen dubbele aanhalingstekens verwacht (komma te veel?)'],
    [/Unexpected end of JSON input/, 'bestand houdt onverwacht op (ontbreekt een } of ]?)'],
    [/Unterminated string/, 'tekst zonder afsluitend aanhalingsteken'],
    [/Unexpected token/, 'onverwacht teken'],
    [/Bad control character/, 'ongeldig teken in tekst'],
  ];
  const hit = known.find(([re]) => re.test(core));
  return hit ? `${hit[1]} [${core}]` : core;
}

/** A JSON.parse failure as a Dutch message with line and column. */
export function jsonError(text: string, e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  const msg = raw.replace(/^[^]*?(?=(Expected|Unexpected|Unterminated|Bad control))/, '');
  if (/Unexpected end of JSON input/.test(msg)) {
    const { line, column } = lineCol(text, text.length);
    return `ongeldige JSON op regel ${line}, kolom ${column}: ${dutchJsonMessage(msg)}`;
  }
  const m = /position (\d+)/.exec(msg);
  if (m) {
    const { line, column } = lineCol(text, Number(m[1]));
    return `ongeldige JSON op regel ${line}, kolom ${column}: ${dutchJsonMessage(msg)}`;
  }
  const lc = /line (\d+) column (\d+)/.exec(msg);
  if (lc) return `ongeldige JSON op regel ${lc[1]}, kolom ${lc[2]}: ${dutchJsonMessage(msg)}`;
  return `ongeldige JSON: ${dutchJsonMessage(msg)}`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'een lijst';
  if (typeof v === 'string') return `"${v}" (tekst)`;
  return `${typeof v === 'number' ? 'het getal' : typeof v === 'boolean' ? 'de waarde' : typeof v} ${JSON.stringify(v)}`;
}

/** Checks a condition's value against the fact's type; returns a Dutch message or null. */
function valueProblem(fact: FactDefinition, operator: string, value: unknown): string | null {
  const numeric = fact.type === 'bedrag' || fact.type === 'getal';
  if (numeric) {
    if (value === null && (operator === 'equal' || operator === 'notEqual')) {
      return fact.nullable ? null : `"${fact.name}" is nooit onbekend; vergelijken met null heeft geen zin`;
    }
    if (typeof value === 'number' && Number.isFinite(value)) return null;
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$|^\d{1,2}-\d{1,2}-\d{4}$/.test(value.trim())) {
      return `waarde "${value}" is een datum, maar ${fact.name} is een getal${fact.unit ? ` (${fact.unit})` : ''}; datums kunnen niet worden vergeleken — schrijf een getal zonder aanhalingstekens`;
    }
    if (typeof value === 'string' && /\d/.test(value)) {
      return `waarde "${value}" is tekst; schrijf een getal zonder aanhalingstekens${fact.type === 'bedrag' ? ' in euro met een punt als decimaalteken (bijv. 1250.50)' : ''}`;
    }
    return `waarde ${describe(value)} is geen getal (${fact.label} is ${fact.type === 'bedrag' ? 'een bedrag in euro' : 'een getal'})`;
  }
  if (fact.type === 'jaNee') {
    if (typeof value === 'boolean') return null;
    return `waarde ${describe(value)} is geen true of false (${fact.label} is ja/nee)`;
  }
  // keuze
  const allowed = fact.values ?? [];
  const check = (v: unknown) =>
    typeof v === 'string' && allowed.includes(v)
      ? null
      : `waarde ${describe(v)} is niet toegestaan voor ${fact.name}; kies uit: ${allowed.map((a) => `"${a}"`).join(', ')}`;
  if (operator === 'in' || operator === 'notIn') {
    if (!Array.isArray(value) || value.length === 0) return `bij "${operator}" hoort een lijst met waarden`;
    for (const v of value) {
      const p = check(v);
      if (p) return p;
    }
    return null;
  }
  return check(value);
}

/** A named condition in `voorwaarden/*.json`, referenced from rules as `{ "condition": "naam" }`. */
export interface SharedCondition {
  file: string;
  name: string;
  title: string;
  conditions: unknown;
}

interface ConditionContext {
  /** null: checked on its own (a shared condition), facts of any phase allowed. */
  phase: Phase | null;
  shared: ReadonlyMap<string, SharedCondition>;
}

/** The names of every fact a condition uses, following references (each shared condition once). */
function factsUsed(c: unknown, shared: ReadonlyMap<string, SharedCondition>, seen = new Set<string>()): string[] {
  if (typeof c !== 'object' || c === null) return [];
  const o = c as Record<string, unknown>;
  if (typeof o.condition === 'string') {
    const t = shared.get(o.condition);
    if (!t || seen.has(t.name)) return [];
    seen.add(t.name);
    return factsUsed(t.conditions, shared, seen);
  }
  if (Array.isArray(o.all)) return o.all.flatMap((x) => factsUsed(x, shared, seen));
  if (Array.isArray(o.any)) return o.any.flatMap((x) => factsUsed(x, shared, seen));
  if (o.not) return factsUsed(o.not, shared, seen);
  return typeof o.fact === 'string' ? [o.fact] : [];
}

/** The chain of references from `name` back to itself, or null when there is no cycle. */
function referenceCycle(name: string, shared: ReadonlyMap<string, SharedCondition>): string[] | null {
  const refs = (c: unknown): string[] => {
    if (typeof c !== 'object' || c === null) return [];
    const o = c as Record<string, unknown>;
    if (typeof o.condition === 'string') return [o.condition];
    if (Array.isArray(o.all)) return o.all.flatMap(refs);
    if (Array.isArray(o.any)) return o.any.flatMap(refs);
    return o.not ? refs(o.not) : [];
  };
  const walk = (current: string, chain: string[], visited: Set<string>): string[] | null => {
    for (const next of refs(shared.get(current)?.conditions)) {
      if (next === name) return [...chain, next];
      if (visited.has(next) || !shared.has(next)) continue;
      visited.add(next);
      const found = walk(next, [...chain, next], visited);
      if (found) return found;
    }
    return null;
  };
  return walk(name, [name], new Set());
}

/** Replaces every reference by the shared condition it names (only for a validated set). */
function expandReferences(c: unknown, shared: ReadonlyMap<string, SharedCondition>): Condition {
  const o = c as Record<string, unknown>;
  if (typeof o.condition === 'string') return expandReferences(shared.get(o.condition)!.conditions, shared);
  if (Array.isArray(o.all)) return { all: o.all.map((x) => expandReferences(x, shared)) };
  if (Array.isArray(o.any)) return { any: o.any.map((x) => expandReferences(x, shared)) };
  if (o.not) return { not: expandReferences(o.not, shared) };
  return c as Condition;
}

function checkCondition(
  c: unknown,
  path: string,
  ctx: ConditionContext,
  problem: (path: string, message: string) => void,
): void {
  const phase = ctx.phase;
  if (typeof c !== 'object' || c === null || Array.isArray(c)) {
    problem(path, 'een voorwaarde moet een object zijn met "all", "any", "not" of "fact"');
    return;
  }
  const o = c as Record<string, unknown>;
  const keys = Object.keys(o);
  if ('condition' in o) {
    const extra = keys.filter((k) => k !== 'condition');
    if (extra.length) problem(path, `naast "condition" horen geen andere sleutels: ${extra.join(', ')}`);
    const ref = o.condition;
    const target = typeof ref === 'string' ? ctx.shared.get(ref) : undefined;
    if (!target) {
      const hint = typeof ref === 'string' ? suggest(ref, ctx.shared.keys()) : null;
      const known = [...ctx.shared.keys()].sort();
      problem(
        `${path}.condition`,
        `verwijzing naar voorwaarde "${String(ref)}" bestaat niet: geen bestand in voorwaarden/ heeft die naam` +
          (hint ? ` — bedoelt u "${hint}"?` : known.length ? ` (wel: ${known.join(', ')})` : ' (er zijn geen gedeelde voorwaarden)'),
      );
      return;
    }
    if (phase !== null) {
      const wrong = [...new Set(factsUsed(target.conditions, ctx.shared))].filter((f) => {
        const def = FACTS_BY_NAME.get(f);
        return def !== undefined && !def.phases.includes(phase);
      });
      if (wrong.length) {
        problem(`${path}.condition`, `voorwaarde "${target.name}" (${target.file}) gebruikt ${wrong.map((w) => `"${w}"`).join(', ')}, dat niet bestaat in fase "${phase}"`);
      }
    }
    return;
  }
  for (const group of ['all', 'any'] as const) {
    if (group in o) {
      const list = o[group];
      if (!Array.isArray(list) || list.length === 0) {
        problem(`${path}.${group}`, `"${group}" moet een niet-lege lijst voorwaarden zijn`);
        return;
      }
      const extra = keys.filter((k) => k !== group && k !== 'naam');
      if (extra.length) problem(path, `onbekende sleutel(s) naast "${group}": ${extra.join(', ')}`);
      list.forEach((sub, i) => checkCondition(sub, `${path}.${group}[${i}]`, ctx, problem));
      return;
    }
  }
  if ('not' in o) {
    checkCondition(o.not, `${path}.not`, ctx, problem);
    return;
  }
  if (!('fact' in o)) {
    problem(path, 'voorwaarde zonder "fact" (of "all"/"any"/"not"/"condition")');
    return;
  }
  const allowedKeys = ['fact', 'operator', 'value', 'naam'];
  const extra = keys.filter((k) => !allowedKeys.includes(k));
  if (extra.length) problem(path, `onbekende sleutel(s): ${extra.join(', ')} (toegestaan: fact, operator, value)`);
  const factName = o.fact;
  const fact = typeof factName === 'string' ? FACTS_BY_NAME.get(factName) : undefined;
  if (!fact) {
    const hint = typeof factName === 'string' ? suggest(factName, FACTS_BY_NAME.keys()) : null;
    problem(`${path}.fact`, `onbekend feit "${String(factName)}"${hint ? ` — bedoelt u "${hint}"?` : ''}`);
    return;
  }
  if (phase !== null && !fact.phases.includes(phase)) {
    problem(`${path}.fact`, `feit "${fact.name}" bestaat niet in fase "${phase}" (wel in: ${fact.phases.join(', ')})`);
    return;
  }
  const operator = o.operator;
  const ops = OPERATORS_BY_TYPE[fact.type];
  if (typeof operator !== 'string' || !ops.includes(operator)) {
    const hint = typeof operator === 'string' ? suggest(operator, ops) : null;
    problem(
      `${path}.operator`,
      `operator "${String(operator)}" is niet toegestaan bij "${fact.name}" (${fact.type}); toegestaan: ${ops.join(', ')}${hint ? ` — bedoelt u "${hint}"?` : ''}`,
    );
    return;
  }
  if (!('value' in o)) {
    problem(`${path}.value`, 'waarde ("value") ontbreekt');
    return;
  }
  const vp = valueProblem(fact, operator, o.value);
  if (vp) problem(`${path}.value`, vp);
}

function checkEvent(
  ev: unknown,
  phase: Phase,
  problem: (path: string, message: string) => void,
): void {
  if (typeof ev !== 'object' || ev === null || Array.isArray(ev)) {
    problem('gebeurtenis', 'gebeurtenis ontbreekt of is geen object met "type" en "params"');
    return;
  }
  const e = ev as Record<string, unknown>;
  const def = typeof e.type === 'string' ? EVENTS_BY_TYPE.get(e.type) : undefined;
  if (!def) {
    const hint = typeof e.type === 'string' ? suggest(e.type, EVENTS_BY_TYPE.keys()) : null;
    problem('gebeurtenis.type', `onbekend gebeurtenistype "${String(e.type)}"; toegestaan: ${[...EVENTS_BY_TYPE.keys()].join(', ')}${hint ? ` — bedoelt u "${hint}"?` : ''}`);
    return;
  }
  if (!def.phases.includes(phase)) {
    problem('gebeurtenis.type', `gebeurtenis "${def.type}" hoort niet bij fase "${phase}" (wel bij: ${def.phases.join(', ')})`);
  }
  const params = (e.params ?? {}) as Record<string, unknown>;
  if (typeof params !== 'object' || Array.isArray(params)) {
    problem('gebeurtenis.params', 'params moet een object zijn');
    return;
  }
  for (const [name, p] of Object.entries(def.params)) {
    const v = params[name];
    const path = `gebeurtenis.params.${name}`;
    if (v === undefined || v === null || v === '') {
      if (p.required) problem(path, `parameter "${name}" (${p.label}) ontbreekt bij "${def.type}"`);
      continue;
    }
    if (p.type === 'positiefGeheel' && !(typeof v === 'number' && Number.isInteger(v) && v > 0)) {
      problem(path, `${p.label} moet een positief geheel getal zijn, niet ${describe(v)}`);
    } else if (p.type === 'naam' && !(typeof v === 'string' && /^[a-z0-9][a-z0-9-]{0,39}$/.test(v))) {
      problem(path, `${p.label} moet een naam zijn van kleine letters, cijfers en streepjes, niet ${describe(v)}`);
    } else if (p.type === 'tekst' && typeof v !== 'string') {
      problem(path, `${p.label} moet tekst zijn`);
    } else if (p.type === 'keuze' && !(typeof v === 'string' && p.values?.includes(v))) {
      problem(path, `${p.label} ${describe(v)} is niet toegestaan; kies uit: ${(p.values ?? []).join(', ')}`);
    }
  }
  for (const name of Object.keys(params)) {
    if (!(name in def.params)) {
      const hint = suggest(name, Object.keys(def.params));
      problem(`gebeurtenis.params.${name}`, `onbekende parameter "${name}" bij "${def.type}"${hint ? ` — bedoelt u "${hint}"?` : ''}`);
    }
  }
}

/** Version of a rule set: a short SHA-256 over every file name and its exact content. */
export function ruleSetVersion(files: RuleFile[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.file.localeCompare(b.file))) {
    h.update(f.file).update('\0').update(f.text).update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

/**
 * Parses and validates rule files. Returns the rule set when there are no errors; problems (errors
 * and warnings) are always returned.
 */
const CONDITION_KEYS = ['naam', 'titel', 'omschrijving', 'voorwaarden'];

/** Unknown top-level keys of a rule or condition file, each with a "did you mean". */
function checkKeys(d: Record<string, unknown>, allowed: string[], problem: (path: string, message: string) => void): void {
  for (const k of Object.keys(d)) {
    if (!allowed.includes(k)) {
      const hint = suggest(k, allowed);
      problem(k, `onbekende sleutel "${k}"${hint ? ` — bedoelt u "${hint}"?` : ''}`);
    }
  }
}

/** A rule or condition name: lower-case letters, digits and dashes. */
function validName(name: unknown, problem: (path: string, message: string) => void): name is string {
  if (typeof name === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(name)) return true;
  problem('naam', 'naam ontbreekt of is ongeldig (kleine letters, cijfers en streepjes)');
  return false;
}

/** A file's JSON (a leading BOM allowed), or undefined after reporting where it is invalid. */
function parseJsonFile(f: RuleFile, problems: RuleProblem[]): unknown {
  try {
    return JSON.parse(f.text.replace(/^\ufeff/, ''));
  } catch (e) {
    problems.push({ file: f.file, path: '', message: jsonError(f.text, e), severity: 'error' });
    return undefined;
  }
}

/** Parses and checks the shared condition files; every problem is reported on the shared file. */
function validateSharedConditions(files: RuleFile[], problems: RuleProblem[]): Map<string, SharedCondition> {
  const shared = new Map<string, SharedCondition>();
  const parsed: Array<{ file: RuleFile; doc: Record<string, unknown> }> = [];
  for (const f of [...files].sort((a, b) => a.file.localeCompare(b.file))) {
    const doc = parseJsonFile(f, problems);
    if (doc === undefined) continue;
    const d = doc as Record<string, unknown>;
    const name = typeof d?.naam === 'string' ? d.naam : undefined;
    const problem = (path: string, message: string) => problems.push({ file: f.file, rule: name, path, message, severity: 'error' });
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      problem('', 'een voorwaardebestand bevat precies één gedeelde voorwaarde: een JSON-object');
      continue;
    }
    checkKeys(d, CONDITION_KEYS, problem);
    if (!validName(d.naam, problem)) continue;
    if (shared.has(d.naam)) {
      problem('naam', `naam "${d.naam}" komt ook voor in ${shared.get(d.naam)!.file}; namen moeten uniek zijn`);
      continue;
    }
    if (typeof d.titel !== 'string' || d.titel.trim() === '') problem('titel', 'titel ontbreekt');
    if (d.voorwaarden === undefined) problem('voorwaarden', 'voorwaarden ontbreken');
    shared.set(d.naam, { file: f.file, name: d.naam, title: String(d.titel ?? ''), conditions: d.voorwaarden });
    parsed.push({ file: f, doc: d });
  }
  for (const { file, doc } of parsed) {
    if (doc.voorwaarden === undefined) continue;
    const name = doc.naam as string;
    const problem = (path: string, message: string) => problems.push({ file: file.file, rule: name, path, message, severity: 'error' });
    checkCondition(doc.voorwaarden, 'voorwaarden', { phase: null, shared }, problem);
    const cycle = referenceCycle(name, shared);
    if (cycle) problem('voorwaarden', `voorwaarde verwijst naar zichzelf: ${cycle.join(' → ')}`);
  }
  return shared;
}

/**
 * Parses and validates rule files (and the shared conditions they may reference). Returns the rule
 * set when there are no errors, with every reference replaced by the condition it names; problems
 * (errors and warnings) are always returned.
 */
export function validateRuleFiles(files: RuleFile[], conditionFiles: RuleFile[] = []): { ruleSet: RuleSet | null; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const rules: RuleDefinition[] = [];
  const seen = new Map<string, string>();
  const shared = validateSharedConditions(conditionFiles, problems);
  if (files.length === 0) {
    problems.push({ file: '(map)', path: '', message: 'geen regelbestanden gevonden', severity: 'error' });
  }
  for (const f of [...files].sort((a, b) => a.file.localeCompare(b.file))) {
    const doc = parseJsonFile(f, problems);
    if (doc === undefined) continue;
    const before = problems.length;
    const name = typeof (doc as Record<string, unknown>)?.naam === 'string' ? ((doc as Record<string, unknown>).naam as string) : undefined;
    const problem = (path: string, message: string) =>
      problems.push({ file: f.file, rule: name, path, message, severity: 'error' });
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      problem('', 'een regelbestand bevat precies één regel: een JSON-object');
      continue;
    }
    const d = doc as Record<string, unknown>;
    checkKeys(d, TOP_KEYS, problem);
    // An invalid name is reported; the rest of the file is still checked.
    if (validName(d.naam, problem)) {
      if (seen.has(d.naam)) problem('naam', `naam "${d.naam}" komt ook voor in ${seen.get(d.naam)}; namen moeten uniek zijn`);
      else seen.set(d.naam, f.file);
    }
    if (typeof d.titel !== 'string' || d.titel.trim() === '') problem('titel', 'titel ontbreekt');
    if (d.omschrijving !== undefined && typeof d.omschrijving !== 'string') problem('omschrijving', 'omschrijving moet tekst zijn');
    if (d.eigenaar !== undefined && typeof d.eigenaar !== 'string') problem('eigenaar', 'eigenaar moet tekst zijn');
    if (d.geldigVanaf !== undefined && !(typeof d.geldigVanaf === 'string' && isIsoDate(d.geldigVanaf))) {
      problem('geldigVanaf', `geldigVanaf ${describe(d.geldigVanaf)} is geen datum in de vorm jjjj-mm-dd`);
    }
    const phase = d.fase as Phase;
    if (!PHASES.includes(phase)) {
      problem('fase', `fase ${describe(d.fase)} is onbekend; kies "intake" (nieuwe meldingen) of "escalatie" (lopende zaken)`);
    }
    if (!(typeof d.prioriteit === 'number' && Number.isInteger(d.prioriteit) && d.prioriteit >= 1)) {
      problem('prioriteit', `prioriteit moet een positief geheel getal zijn (1 of hoger), niet ${describe(d.prioriteit)}`);
    }
    if (d.voorwaarden === undefined) problem('voorwaarden', 'voorwaarden ontbreken');
    else if (PHASES.includes(phase)) checkCondition(d.voorwaarden, 'voorwaarden', { phase, shared }, problem);
    if (PHASES.includes(phase)) checkEvent(d.gebeurtenis, phase, problem);
    if (problems.length === before) {
      const ev = d.gebeurtenis as { type: string; params?: Record<string, unknown> };
      rules.push({
        file: f.file,
        name: d.naam as string,
        title: d.titel as string,
        description: (d.omschrijving as string) ?? '',
        owner: (d.eigenaar as string) ?? '',
        effectiveFrom: (d.geldigVanaf as string) ?? null,
        phase,
        priority: d.prioriteit as number,
        conditions: d.voorwaarden as Condition,
        event: { type: ev.type, params: ev.params ?? {} },
      });
    }
  }
  const hasErrors = problems.some((p) => p.severity === 'error');
  if (hasErrors) return { ruleSet: null, problems };
  for (const r of rules) r.conditions = expandReferences(r.conditions, shared);
  // Shared conditions change what rules decide, so they are part of the version.
  const ruleSet: RuleSet = { version: ruleSetVersion([...files, ...conditionFiles]), rules };
  // Warnings (overlap, gaps, rules that can never fire) are shown but never block.
  return { ruleSet, problems: [...problems, ...analyseRuleSet(ruleSet)] };
}
