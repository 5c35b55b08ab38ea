/**
 * Test cases that policy staff write next to the rules (`rules/testgevallen/*.json`), in Dutch field
 * names: given these facts, expect this decision (or these rules to fire, or none). This module
 * parses and checks the files and compares expectation with outcome; running the engine is the
 * caller's job (src/rules/testcases.ts), so this stays pure.
 */
import type { RuleProblem } from '../../errors';
import { FACTS_BY_NAME, type FactValues, type Phase } from '../facts';
import { isIsoDate } from '../dates';
import { completeFacts } from './analyse';
import { decideEscalation, decideIntake, type FiredEvent, type QueueDefaults } from './decide';
import { NOT_PICKED_UP_REASONS } from './events';
import type { RuleSet } from './ruleset';
import { jsonError, suggest, type RuleFile } from './validate';

export interface Expectation {
  besluit?: 'opgepakt' | 'niet-oppakken';
  reden?: string;
  wachtrij?: string;
  prioriteit?: number;
  termijnWerkdagen?: number;
  escalatie?: boolean;
  zorgmelding?: boolean;
  /** Exactly these rules fire (an empty list: no rule fires, no event). */
  regels?: string[];
  /** These rules must not fire. */
  nietVuren?: string[];
}

export interface TestCase {
  file: string;
  index: number;
  name: string;
  phase: Phase;
  businessDate: string;
  /** The facts as the engine gets them (omitted facts filled in, derived ones computed). */
  facts: FactValues;
  /** Escalation: the case's queue before the rules run. */
  current: { queue: string; priority: number };
  expect: Expectation;
}

/** Business date used when a case gives none: every rule with a `geldigVanaf` is in force. */
export const ALL_RULES_DATE = '9999-12-31';

const CASE_KEYS = ['naam', 'fase', 'datum', 'feiten', 'huidig', 'verwacht', 'toelichting'];
const FILE_KEYS = ['omschrijving', 'gevallen'];
const EXPECT_KEYS: Record<Phase, string[]> = {
  intake: ['besluit', 'reden', 'wachtrij', 'prioriteit', 'termijnWerkdagen', 'regels', 'nietVuren'],
  escalatie: ['escalatie', 'zorgmelding', 'wachtrij', 'prioriteit', 'regels', 'nietVuren'],
};

function typeProblem(name: string, v: unknown): string | null {
  const fact = FACTS_BY_NAME.get(name)!;
  if (v === null) return fact.nullable ? null : `${name} kan niet onbekend (null) zijn`;
  if (fact.type === 'bedrag' || fact.type === 'getal') {
    return typeof v === 'number' && Number.isFinite(v) ? null : `${name} moet een getal zijn (zonder aanhalingstekens${fact.type === 'bedrag' ? ', euro met een punt: 1250.50' : ''}), niet ${JSON.stringify(v)}`;
  }
  if (fact.type === 'jaNee') return typeof v === 'boolean' ? null : `${name} moet true of false zijn, niet ${JSON.stringify(v)}`;
  return typeof v === 'string' && fact.values?.includes(v) ? null : `${name} ${JSON.stringify(v)} is niet toegestaan; kies uit: ${fact.values?.map((x) => `"${x}"`).join(', ')}`;
}

/**
 * Derived facts a policy officer should not have to compute: months of arrears from amount and
 * rent, and "kinderen" from the number of children, exactly as the intake derives them.
 */
function deriveMissing(given: FactValues): FactValues {
  const out = { ...given };
  if (!('achterstandInMaanden' in out) && typeof out.maandhuur === 'number' && typeof out.achterstandBedrag === 'number') {
    out.achterstandInMaanden = out.maandhuur > 0 ? Math.round((Math.round(out.achterstandBedrag * 100) / Math.round(out.maandhuur * 100)) * 100) / 100 : null;
  }
  if (!('kinderen' in out) && 'minderjarigeKinderen' in out) {
    const n = out.minderjarigeKinderen;
    out.kinderen = n === null ? 'onbekend' : (n as number) > 0 ? 'ja' : 'nee';
  }
  return out;
}

/** Parses and checks test case files against the rule set; every problem at once. */
export function parseTestCaseFiles(files: RuleFile[], ruleSet: RuleSet): { cases: TestCase[]; problems: RuleProblem[] } {
  const cases: TestCase[] = [];
  const problems: RuleProblem[] = [];
  const ruleNames = new Set(ruleSet.rules.map((r) => r.name));
  for (const f of [...files].sort((a, b) => a.file.localeCompare(b.file))) {
    const fileProblem = (path: string, message: string, rule?: string) => problems.push({ file: f.file, rule, path, message, severity: 'error' });
    let doc: unknown;
    try {
      doc = JSON.parse(f.text.replace(/^\ufeff/, ''));
    } catch (e) {
      fileProblem('', jsonError(f.text, e));
      continue;
    }
    const d = doc as Record<string, unknown>;
    if (typeof d !== 'object' || d === null || !Array.isArray(d.gevallen)) {
      fileProblem('gevallen', 'een testbestand is een object met een lijst "gevallen"');
      continue;
    }
    for (const k of Object.keys(d)) if (!FILE_KEYS.includes(k)) fileProblem(k, `onbekende sleutel "${k}"`);
    d.gevallen.forEach((raw, index) => {
      const base = `gevallen[${index}]`;
      const c = (raw ?? {}) as Record<string, unknown>;
      const name = typeof c.naam === 'string' && c.naam.trim() ? c.naam : `geval ${index + 1}`;
      const before = problems.length;
      const problem = (path: string, message: string) => fileProblem(`${base}${path ? `.${path}` : ''}`, message, name);
      for (const k of Object.keys(c)) {
        if (!CASE_KEYS.includes(k)) {
          const hint = suggest(k, CASE_KEYS);
          problem(k, `onbekende sleutel "${k}"${hint ? ` — bedoelt u "${hint}"?` : ''}`);
        }
      }
      if (typeof c.naam !== 'string' || !c.naam.trim()) problem('naam', 'elk geval heeft een naam');
      const phase = (c.fase ?? 'intake') as Phase;
      if (phase !== 'intake' && phase !== 'escalatie') problem('fase', `fase "${String(c.fase)}" is onbekend; kies "intake" of "escalatie"`);
      const businessDate = c.datum === undefined ? ALL_RULES_DATE : String(c.datum);
      if (!isIsoDate(businessDate)) problem('datum', `datum "${String(c.datum)}" is geen datum in de vorm jjjj-mm-dd`);
      const given = (c.feiten ?? {}) as Record<string, unknown>;
      if (typeof given !== 'object' || Array.isArray(given)) problem('feiten', '"feiten" is een object: { "feitnaam": waarde }');
      for (const [k, v] of Object.entries(given)) {
        const fact = FACTS_BY_NAME.get(k);
        if (!fact) {
          const hint = suggest(k, FACTS_BY_NAME.keys());
          problem(`feiten.${k}`, `onbekend feit "${k}"${hint ? ` — bedoelt u "${hint}"?` : ''}`);
        } else if (!fact.phases.includes(phase)) {
          problem(`feiten.${k}`, `feit "${k}" bestaat niet in fase "${phase}"`);
        } else {
          const tp = typeProblem(k, v);
          if (tp) problem(`feiten.${k}`, tp);
        }
      }
      if (!('achterstandBedrag' in given)) problem('feiten', 'geef altijd "achterstandBedrag" op (in euro)');
      const cur = (c.huidig ?? {}) as Record<string, unknown>;
      if (c.huidig !== undefined && phase !== 'escalatie') problem('huidig', '"huidig" (huidige werkvoorraad) hoort alleen bij fase "escalatie"');
      if (cur.prioriteit !== undefined && !(Number.isInteger(cur.prioriteit) && (cur.prioriteit as number) > 0)) problem('huidig.prioriteit', 'prioriteit is een positief geheel getal');
      const ex = c.verwacht as Record<string, unknown> | undefined;
      if (typeof ex !== 'object' || ex === null || Array.isArray(ex) || Object.keys(ex).length === 0) {
        problem('verwacht', `"verwacht" ontbreekt of is leeg; gebruik: ${EXPECT_KEYS[phase === 'escalatie' ? 'escalatie' : 'intake'].join(', ')}`);
      } else {
        const allowed = EXPECT_KEYS[phase === 'escalatie' ? 'escalatie' : 'intake'];
        for (const [k, v] of Object.entries(ex)) {
          if (!allowed.includes(k)) {
            const hint = suggest(k, allowed);
            problem(`verwacht.${k}`, `"${k}" kan in fase "${phase}" niet worden verwacht${hint ? ` — bedoelt u "${hint}"?` : ''}; gebruik: ${allowed.join(', ')}`);
            continue;
          }
          if (k === 'regels' || k === 'nietVuren') {
            if (!Array.isArray(v)) problem(`verwacht.${k}`, `"${k}" is een lijst met regelnamen`);
            else v.forEach((n, i) => {
              if (!ruleNames.has(String(n))) {
                const hint = suggest(String(n), ruleNames);
                problem(`verwacht.${k}[${i}]`, `regel "${String(n)}" bestaat niet${hint ? ` — bedoelt u "${hint}"?` : ''}`);
              }
            });
          } else if (k === 'besluit' && v !== 'opgepakt' && v !== 'niet-oppakken') {
            problem('verwacht.besluit', 'besluit is "opgepakt" of "niet-oppakken"');
          } else if (k === 'reden' && !NOT_PICKED_UP_REASONS.includes(v as never)) {
            problem('verwacht.reden', `reden "${String(v)}" bestaat niet; kies uit: ${NOT_PICKED_UP_REASONS.join(', ')}`);
          } else if ((k === 'prioriteit' || k === 'termijnWerkdagen') && !(Number.isInteger(v) && (v as number) > 0)) {
            problem(`verwacht.${k}`, `${k} is een positief geheel getal`);
          } else if ((k === 'escalatie' || k === 'zorgmelding') && typeof v !== 'boolean') {
            problem(`verwacht.${k}`, `${k} is true of false`);
          } else if (k === 'wachtrij' && typeof v !== 'string') {
            problem('verwacht.wachtrij', 'wachtrij is een naam');
          }
        }
      }
      if (problems.length > before) return;
      cases.push({
        file: f.file,
        index,
        name,
        phase,
        businessDate,
        facts: completeFacts(phase, deriveMissing(given as FactValues)),
        current: { queue: typeof cur.wachtrij === 'string' ? cur.wachtrij : 'regulier', priority: typeof cur.prioriteit === 'number' ? cur.prioriteit : 4 },
        expect: ex as Expectation,
      });
    });
  }
  return { cases, problems };
}

export interface Difference {
  field: string;
  expected: string;
  actual: string;
}

/** What happened to a case, in the vocabulary of the expectation. */
export interface CaseOutcome {
  fired: string[];
  besluit?: 'opgepakt' | 'niet-oppakken';
  reden?: string | null;
  wachtrij: string | null;
  prioriteit: number | null;
  termijnWerkdagen?: number | null;
  escalatie?: boolean;
  zorgmelding?: boolean;
  decidedBy: string | null;
}

export function outcomeOf(tc: TestCase, events: FiredEvent[], defaults: QueueDefaults): CaseOutcome {
  const fired = events.map((e) => e.rule).sort();
  if (tc.phase === 'intake') {
    const o = decideIntake(events, defaults);
    return o.pickedUp
      ? { fired, besluit: 'opgepakt', reden: null, wachtrij: o.queue, prioriteit: o.priority, termijnWerkdagen: o.termWorkdays, decidedBy: o.rule }
      : { fired, besluit: 'niet-oppakken', reden: o.reason, wachtrij: null, prioriteit: null, termijnWerkdagen: null, decidedBy: o.rule };
  }
  const o = decideEscalation(events, tc.current);
  return {
    fired,
    escalatie: o.escalation !== null,
    zorgmelding: o.zorgmelding !== null,
    wachtrij: o.escalation?.queue ?? tc.current.queue,
    prioriteit: o.escalation?.priority ?? tc.current.priority,
    decidedBy: o.escalation?.rule ?? o.zorgmelding?.rule ?? null,
  };
}

const show = (v: unknown): string =>
  v === null || v === undefined ? '(geen)' : Array.isArray(v) ? (v.length ? v.join(', ') : '(geen enkele regel)') : typeof v === 'boolean' ? (v ? 'ja' : 'nee') : String(v);

/** Every expectation that did not come true, as expected-versus-actual pairs. */
export function compareOutcome(expect: Expectation, actual: CaseOutcome): Difference[] {
  const diffs: Difference[] = [];
  for (const key of ['besluit', 'reden', 'wachtrij', 'prioriteit', 'termijnWerkdagen', 'escalatie', 'zorgmelding'] as const) {
    if (expect[key] === undefined) continue;
    const a = actual[key];
    if (expect[key] !== a) diffs.push({ field: key, expected: show(expect[key]), actual: show(a) });
  }
  if (expect.regels) {
    const want = [...expect.regels].sort();
    if (want.join(',') !== actual.fired.join(',')) diffs.push({ field: 'regels', expected: show(want), actual: show(actual.fired) });
  }
  for (const n of expect.nietVuren ?? []) {
    if (actual.fired.includes(n)) diffs.push({ field: 'nietVuren', expected: `"${n}" vuurt niet`, actual: `"${n}" vuurde` });
  }
  return diffs;
}
