import { expect } from 'chai';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { openApp } from '../../src/cli/app';
import { run as runNightly } from '../../jobs/nightly';
import { REPO_ROOT, tempDir } from '../support/config';
import { memorySource, report, traits } from '../support/factories';

/** Runs the CLI in-process and captures what it prints. */
async function cli(user: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const w1 = process.stdout.write.bind(process.stdout);
  const w2 = process.stderr.write.bind(process.stderr);
  process.env.VS_USER = user;
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    const code = await main(['node', 'vroegsignaal', ...args]);
    return { code, out, err };
  } finally {
    process.stdout.write = w1;
    process.stderr.write = w2;
    process.exitCode = 0;
  }
}

describe('CLI: vroegsignaal case … and audit [sqlite]', function () {
  const saved = { ...process.env };
  before(async () => {
    const dir = tempDir();
    Object.assign(process.env, {
      VS_DATA_DIR: dir, VS_RULES_DIR: path.join(REPO_ROOT, 'rules'), VS_LOG_FILE: path.join(dir, 'log.jsonl'), VS_LOG_LEVEL: 'silent',
    });
    const app = await openApp();
    const src = await memorySource([report(traits.gezinMetKinderen)]);
    await runNightly(app.ctx({ now: () => new Date('2026-03-02T23:00:00Z') }), { businessDate: '2026-03-02', source: src.reader });
    await src.db.destroy();
    await app.close();
  });
  after(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('lets one caseworker claim, refuses the second, and names the missing consent', async () => {
    expect(await cli('anna', 'case', 'claim', 'VS-000001', '--versie', '1')).to.include({ code: 0, out: 'Zaak VS-000001 is toegewezen aan anna (versie 2).\n' });
    const second = await cli('bram', 'case', 'claim', '1', '--versie', '1');
    expect(second.code).to.equal(1);
    expect(second.err).to.match(/^Fout \(VERSIE_CONFLICT\): Zaak VS-000001 is intussen door iemand anders gewijzigd/);
    expect((await cli('bram', 'case', 'claim', '1')).err).to.equal('Fout (STAP_GEWEIGERD): De zaak is al opgepakt door anna\n');

    expect((await cli('anna', 'case', 'contact', '1', '--soort', 'telefoon', '--bereikt', 'ja', '--datum', '2026-03-03', '--dagdeel', 'middag')).out)
      .to.match(/contactpoging \d+ vastgelegd \(bereikt\)\. Status: in-contact\./);
    const finding = await cli('anna', 'case', 'finding', '1', '--schuldregeling', 'nee', '--eigen-kracht', 'nee', '--eigen-netwerk', 'nee', '--vrijwilligers', 'ja', '--afgestemd', 'ja');
    expect(finding.out).to.include('Vrijwilliger (bijv. Humanitas): mogelijk (nodig: schriftelijke toestemming voor vrijwilliger)');
    const refused = await cli('anna', 'case', 'route', '1', 'vrijwilliger', '--ontvanger', 'Humanitas');
    expect([refused.code, refused.err]).to.deep.equal([1, 'Fout (STAP_GEWEIGERD): Geen schriftelijke toestemming voor doorverwijzing naar Humanitas\n']);
    expect((await cli('anna', 'case', 'consent', '1', '--ontvanger', 'vrijwilliger', '--naam', 'Humanitas', '--gegevens', 'naw,huur,achterstand', '--getekend-door', 'J. van den Bërg', '--document', 'DMS-1')).code).to.equal(0);
    expect((await cli('anna', 'case', 'route', '1', 'vrijwilliger', '--ontvanger', 'Humanitas')).out).to.equal('Zaak VS-000001: route Vrijwilliger (bijv. Humanitas) gestart.\n');
    const close = await cli('anna', 'case', 'close', '1', '--resultaat', 'geen-contact');
    expect(close.err).to.match(/past niet bij route vrijwilliger/);
    expect((await cli('anna', 'case', 'close', '1', '--resultaat', 'financieel')).out).to.equal(
      'Zaak VS-000001 afgesloten: "Vervolghulp en/of verwijzing financieel". Terugkoppeling aan de partner: Opgepakt.\n',
    );
  });

  it('shows the person only to caseworkers and audits the view; audit shows who did what and what was passed on', async () => {
    const show = await cli('anna', 'case', 'show', '1');
    expect(show.out).to.include('J. (Jeroen) van den Bërg, geboren 14-05-1980');
    expect(show.out).to.include('Ouddiemerlaan 12 A, 1111 AB Diemen');
    expect((await cli('gem', 'case', 'show', '1', '--rol', 'gemeente')).err).to.match(/Rol gemeente mag niet: zaak bekijken/);
    const trail = await cli('coco', 'audit', 'VS-000001', '--rol', 'coordinator');
    expect(trail.code).to.equal(0);
    for (const a of ['zaak.opgepakt', 'zaak.contactpoging', 'toestemming.vastgelegd', 'route.gestart', 'zaak.afgesloten', 'zaak.bekeken']) expect(trail.out).to.include(a);
    expect(trail.out).to.match(/doorgegeven\s+vrijwilliger:Humanitas\s+achterstand\s+1\s+\d+\s+Schriftelijke toestemming/);
  });
});
