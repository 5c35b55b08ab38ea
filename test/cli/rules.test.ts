import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { buildProgram, main } from '../../src/cli/main';
import { copyRules, editRule, ruleJson, SHIPPED_RULES } from '../support/rules';

/** Runs the CLI in-process and captures what it prints. */
async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((c: string | Uint8Array) => (chunks.push(String(c)), true)) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => (chunks.push(String(c)), true)) as typeof process.stderr.write;
  process.exitCode = undefined;
  try {
    const code = await main(['node', 'vroegsignaal', ...args]);
    return { code, out: chunks.join('') };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
    process.exitCode = undefined;
  }
}

describe('vroegsignaal rules (CLI)', () => {
  it('has Dutch help for every rules command', async () => {
    // helpInformation(): `--help` itself exits the process.
    const rules = buildProgram().commands.find((c) => c.name() === 'rules')!;
    const out = rules.helpInformation();
    for (const c of ['check', 'test', 'explain', 'simulate', 'history']) expect(out).to.match(new RegExp(`\\n  ${c}\\b`));
    expect(out).to.contain('Regels voor beleidsmedewerkers');
    const sub = (n: string) => rules.commands.find((c) => c.name() === n)!.helpInformation();
    expect(sub('simulate')).to.contain('wijzigt niets');
    expect(sub('simulate')).to.contain('eerste verwerkingsdatum (jjjj-mm-dd)');
    expect(sub('explain')).to.contain('zaaknummer: VS-000123 of 123');
  });

  it('rules check: exit 0 on the shipped rules, 1 with one line per planted mistake', async () => {
    const ok = await cli('rules', 'check', '--rules', SHIPPED_RULES);
    expect(ok.code).to.equal(0);
    expect(ok.out).to.match(/^Regelset in orde: 8 regels, versie [0-9a-f]{12}\.\n$/);
    const dir = copyRules();
    fs.writeFileSync(path.join(dir, 'fout.json'), ruleJson({ naam: 'fout', prioriteit: 'hoog' }));
    editRule(dir, 'regulier.json', (r) => {
      r.gebeurtenis.type = 'werkvoorrad';
    });
    const bad = await cli('rules', 'check', '--rules', dir);
    expect(bad.code).to.equal(1);
    expect(bad.out.split('\n').filter((l) => l.startsWith('FOUT'))).to.deep.equal([
      'FOUT  fout.json [fout] prioriteit: prioriteit moet een positief geheel getal zijn (1 of hoger), niet "hoog" (tekst)',
      'FOUT  regulier.json [regulier] gebeurtenis.type: onbekend gebeurtenistype "werkvoorrad"; toegestaan: niet-oppakken, werkvoorraad, escalatie, zorgmelding — bedoelt u "werkvoorraad"?',
    ]);
    expect(bad.out).to.contain('is ONGELDIG: 2 fout(en). De nachtelijke verwerking start hier niet mee.');
  });

  it('rules test: exit 0 when all cases pass, 1 with the diff when a rule changed', async () => {
    const ok = await cli('rules', 'test', '--rules', SHIPPED_RULES);
    expect(ok.code).to.equal(0);
    expect(ok.out).to.contain('Alle 30 testgevallen geslaagd.');
    const dir = copyRules();
    editRule(dir, 'gezin-met-kinderen.json', (r) => {
      r.gebeurtenis.params.termijnWerkdagen = 10;
    });
    const bad = await cli('rules', 'test', '--rules', dir);
    expect(bad.code).to.equal(1);
    expect(bad.out).to.contain('✗ "twee minderjarige kinderen" (testgevallen/gezin-met-kinderen.json gevallen[0])');
    expect(bad.out).to.contain('termijnWerkdagen: verwacht 5, maar was 10');
    expect(bad.out).to.contain('beslist door regel "gezin-met-kinderen"');
  });
});
