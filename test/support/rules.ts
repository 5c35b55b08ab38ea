/** Copies of the shipped rule directory that tests may change (plant mistakes, move thresholds). */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, tempDir } from './config';

export const SHIPPED_RULES = path.join(REPO_ROOT, 'rules');

/** A fresh copy of `rules/` (with its test cases) in a temp dir. */
export function copyRules(): string {
  const dir = path.join(tempDir('vs-rules-'), 'rules');
  fs.cpSync(SHIPPED_RULES, dir, { recursive: true });
  return dir;
}

/** Edits one rule file of a copy as JSON. */
export function editRule(dir: string, file: string, edit: (rule: Record<string, any>) => void): void {
  const p = path.join(dir, file);
  const rule = JSON.parse(fs.readFileSync(p, 'utf8'));
  edit(rule);
  fs.writeFileSync(p, JSON.stringify(rule, null, 2));
}

/** A valid intake rule file's content with overrides. */
export function ruleJson(overrides: Record<string, unknown>): string {
  return JSON.stringify(
    {
      naam: 'extra',
      titel: 'Extra regel',
      fase: 'intake',
      prioriteit: 20,
      voorwaarden: { all: [{ fact: 'achterstandBedrag', operator: 'greaterThan', value: 1000 }] },
      gebeurtenis: { type: 'werkvoorraad', params: { wachtrij: 'extra', prioriteit: 2, termijnWerkdagen: 5 } },
      ...overrides,
    },
    null,
    2,
  );
}

/** One planted mistake per file: every kind the issue lists. */
export const PLANTED: Record<string, { text: string; path: string; message: RegExp }> = {
  'a-json.json': {
    text: '{\n  "naam": "kapot",\n  "titel": "Kapot"\n  "fase": "intake"\n}\n',
    path: '',
    message: /^ongeldige JSON op regel 4, kolom 3: komma of \} verwacht/,
  },
  'b-feit.json': {
    text: ruleJson({ naam: 'b-feit', voorwaarden: { all: [{ fact: 'achterstandbedrag', operator: 'greaterThan', value: 10 }] } }),
    path: 'voorwaarden.all[0].fact',
    message: /onbekend feit "achterstandbedrag" — bedoelt u "achterstandBedrag"\?/,
  },
  'c-operator.json': {
    text: ruleJson({ naam: 'c-operator', voorwaarden: { all: [{ fact: 'ontruimingDreigt', operator: 'greaterThan', value: true }] } }),
    path: 'voorwaarden.all[0].operator',
    message: /operator "greaterThan" is niet toegestaan bij "ontruimingDreigt" \(jaNee\); toegestaan: equal, notEqual/,
  },
  'd-datum.json': {
    text: ruleJson({ naam: 'd-datum', voorwaarden: { all: [{ fact: 'dagenAchterstand', operator: 'greaterThan', value: '2026-01-01' }] } }),
    path: 'voorwaarden.all[0].value',
    message: /waarde "2026-01-01" is een datum, maar dagenAchterstand is een getal \(dagen\); datums kunnen niet worden vergeleken/,
  },
  'e-bedrag.json': {
    text: ruleJson({ naam: 'e-bedrag', voorwaarden: { all: [{ fact: 'achterstandBedrag', operator: 'lessThan', value: '1.250,50' }] } }),
    path: 'voorwaarden.all[0].value',
    message: /^waarde "1\.250,50" is tekst; schrijf een getal zonder aanhalingstekens in euro met een punt als decimaalteken \(bijv\. 1250\.50\)$/,
  },
  'f-prioriteit.json': {
    text: ruleJson({ naam: 'f-prioriteit', prioriteit: 1.5 }),
    path: 'prioriteit',
    message: /prioriteit moet een positief geheel getal zijn \(1 of hoger\), niet het getal 1\.5/,
  },
  'g-gebeurtenis.json': {
    text: ruleJson({ naam: 'g-gebeurtenis', gebeurtenis: { type: 'werkvoorrad', params: {} } }),
    path: 'gebeurtenis.type',
    message: /onbekend gebeurtenistype "werkvoorrad".* — bedoelt u "werkvoorraad"\?/,
  },
  'h-parameter.json': {
    text: ruleJson({ naam: 'h-parameter', gebeurtenis: { type: 'werkvoorraad', params: { wachtrij: 'extra', prioriteit: 2 } } }),
    path: 'gebeurtenis.params.termijnWerkdagen',
    message: /parameter "termijnWerkdagen" \(termijn eerste contact in werkdagen\) ontbreekt bij "werkvoorraad"/,
  },
  'i-verwijzing.json': {
    text: ruleJson({ naam: 'i-verwijzing', voorwaarden: { all: [{ condition: 'gezinMetKinderen' }] } }),
    path: 'voorwaarden.all[0].condition',
    message: /^verwijzing naar voorwaarde "gezinMetKinderen" bestaat niet: geen bestand in voorwaarden\/ heeft die naam \(er zijn geen gedeelde voorwaarden\)$/,
  },
  'z-dubbel.json': {
    text: ruleJson({ naam: 'regulier' }),
    path: 'naam',
    message: /naam "regulier" komt ook voor in regulier\.json; namen moeten uniek zijn/,
  },
};

/** Writes every planted mistake into a rules directory (one file each). */
export function plantMistakes(dir: string): string {
  for (const [file, p] of Object.entries(PLANTED)) fs.writeFileSync(path.join(dir, file), p.text);
  return dir;
}
