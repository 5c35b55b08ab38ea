import { expect } from 'chai';
import { detectDdasVersion, errorsOf, validateDdas } from '../../../src/domain/ddas/validate';
import { resultForFile, resultFromFile, statusForDdas, statusFromDdas, contactKindForDdas } from '../../../src/domain/ddas/codes';
import { ajvValidate, officialExample, requireShared, sharedDdasAvailable, v09Delivery, v12Delivery } from '../../support/ddas';
import type { DdasVersion } from '../../../src/domain/ddas/codes';

type Json = Record<string, any>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Mutations of a valid delivery, each with the path our validator must name. */
const MALFORMED_V12: Array<{ name: string; path: string; mutate: (f: Json) => void }> = [
  { name: 'missing supplier code', path: '$', mutate: (f) => delete f.codeGegevensleverancier },
  { name: 'impossible date', path: '$.startdatumLevering', mutate: (f) => (f.startdatumLevering = '2026-02-30') },
  { name: 'timestamp without zone', path: '$.aanleverdatumEnTijd', mutate: (f) => (f.aanleverdatumEnTijd = '2026-03-03T08:00:00') },
  { name: 'extra top-level field', path: '$.versie', mutate: (f) => (f.versie = '1.2') },
  { name: 'amount in cents as decimal', path: '$.leveringen[0].vroegsignalen[0].bedrag', mutate: (f) => (f.leveringen[0].vroegsignalen[0].bedrag = 1700.5) },
  { name: 'amount as Dutch text', path: '$.leveringen[0].vroegsignalen[0].bedrag', mutate: (f) => (f.leveringen[0].vroegsignalen[0].bedrag = '1.700,00') },
  { name: 'unknown status', path: '$.leveringen[0].vroegsignalen[1].status', mutate: (f) => (f.leveringen[0].vroegsignalen[1].status = 'Afgewezen') },
  { name: 'unknown partner type', path: '$.leveringen[0].vroegsignalen[0].signaalpartner.type', mutate: (f) => (f.leveringen[0].vroegsignalen[0].signaalpartner.type = 'Woningcorporatie') },
  { name: 'name in a v1.2 client', path: '$.leveringen[0].vroegsignalen[0].client.Achternaam', mutate: (f) => (f.leveringen[0].vroegsignalen[0].client.Achternaam = 'Bërg') },
  { name: 'BSN plus address', path: '$.leveringen[0].vroegsignalen[2].client', mutate: (f) => (f.leveringen[0].vroegsignalen[2].client.postcode = '1111AB') },
  { name: 'BSN of 8 characters', path: '$.leveringen[0].vroegsignalen[2].client.burgerservicenummer', mutate: (f) => (f.leveringen[0].vroegsignalen[2].client.burgerservicenummer = '11122233') },
  { name: 'client without BSN or house number', path: '$.leveringen[0].vroegsignalen[1].client', mutate: (f) => delete f.leveringen[0].vroegsignalen[1].client.huisnummer },
  { name: 'signal without ID', path: '$.leveringen[0].vroegsignalen[1]', mutate: (f) => delete f.leveringen[0].vroegsignalen[1].ID },
  { name: 'v0.9 case field in v1.2', path: '$.leveringen[0].vroegsignaalzaken[0].datum_opgepakt', mutate: (f) => (f.leveringen[0].vroegsignaalzaken[0].datum_opgepakt = '2026-02-03') },
  { name: 'v0.9-only result', path: '$.leveringen[0].vroegsignaalzaken[0].resultaat', mutate: (f) => (f.leveringen[0].vroegsignaalzaken[0].resultaat = 'Verwijzing zonder contact') },
  { name: 'case without signals', path: '$.leveringen[0].vroegsignaalzaken[1].vroegsignalen', mutate: (f) => (f.leveringen[0].vroegsignaalzaken[1].vroegsignalen = []) },
  { name: 'duplicate signal reference', path: '$.leveringen[0].vroegsignaalzaken[0].vroegsignalen[1]', mutate: (f) => f.leveringen[0].vroegsignaalzaken[0].vroegsignalen.push({ ID: 'OUD-1' }) },
  { name: 'unknown contact kind', path: '$.leveringen[0].vroegsignaalzaken[0].contactpogingen[0].soort', mutate: (f) => (f.leveringen[0].vroegsignaalzaken[0].contactpogingen[0].soort = 'Fax') },
  { name: 'reached as text', path: '$.leveringen[0].vroegsignaalzaken[0].contactpogingen[2].bereikt', mutate: (f) => (f.leveringen[0].vroegsignaalzaken[0].contactpogingen[2].bereikt = 'ja') },
  { name: 'bad e-mail address', path: '$.leveringen[0].aanleverendeOrganisatie.contactpersonen[0].email', mutate: (f) => (f.leveringen[0].aanleverendeOrganisatie.contactpersonen[0].email = 'geen-adres') },
  { name: 'levering without counter', path: '$.leveringen[0]', mutate: (f) => delete f.leveringen[0].teller },
  { name: 'empty leveringen', path: '$.leveringen', mutate: (f) => (f.leveringen = []) },
];

describe('domain/ddas/validate', () => {
  it('accepts our own synthetic v1.2 and v0.9 deliveries', () => {
    expect(validateDdas(v12Delivery(), '1.2')).to.deep.equal([]);
    expect(validateDdas(v09Delivery(), '0.9')).to.deep.equal([]);
  });

  for (const m of MALFORMED_V12) {
    it(`v1.2 refuses: ${m.name}, naming ${m.path}`, () => {
      const f = clone(v12Delivery()) as Json;
      m.mutate(f);
      const errors = errorsOf(validateDdas(f, '1.2'));
      expect(errors.map((e) => e.path)).to.include(m.path);
      for (const e of errors) expect(e.message).to.be.a('string').and.not.equal('');
      if (sharedDdasAvailable()) expect(ajvValidate('1.2', f).ok, `ajv agrees that "${m.name}" is invalid`).to.equal(false);
    });
  }

  it('lists every problem of a file at once', () => {
    const f = clone(v12Delivery()) as Json;
    for (const m of MALFORMED_V12.slice(0, 8)) m.mutate(f);
    const errors = errorsOf(validateDdas(f, '1.2'));
    const paths = new Set(errors.map((e) => e.path));
    for (const m of MALFORMED_V12.slice(0, 8)) expect(paths.has(m.path), m.name).to.equal(true);
  });

  it('gives Dutch messages with the allowed values', () => {
    const f = clone(v12Delivery()) as Json;
    f.leveringen[0].vroegsignalen[1].status = 'Afgewezen';
    const [e] = errorsOf(validateDdas(f, '1.2'));
    expect(e.message).to.contain('"Afgewezen" is geen toegestane waarde voor signaalstatus (v1.2)');
    expect(e.message).to.contain('"Opgepakt"');
  });

  it('v0.9 leaves some objects open: unknown fields there are warnings, not errors', () => {
    const f = clone(v09Delivery()) as Json;
    f.leveringen[0].vroegsignalen[0].client.Telefoon = '06-12345678';
    const problems = validateDdas(f, '0.9');
    expect(errorsOf(problems)).to.deep.equal([]);
    expect(problems).to.deep.equal([{ path: '$.leveringen[0].vroegsignalen[0].client.Telefoon', message: 'onbekend veld "Telefoon" wordt genegeerd', severity: 'waarschuwing' }]);
    if (sharedDdasAvailable()) expect(ajvValidate('0.9', f).ok).to.equal(true);
  });

  it('v0.9 has no status "Opgepakt" and its own results', () => {
    const f = clone(v09Delivery()) as Json;
    f.leveringen[0].vroegsignalen[0].status = 'Opgepakt';
    f.leveringen[0].vroegsignaalzaken[0].resultaat = 'Verwijzing zonder tussenkomst inwoner';
    const paths = errorsOf(validateDdas(f, '0.9')).map((e) => e.path);
    expect(paths).to.deep.equal(['$.leveringen[0].vroegsignalen[0].status', '$.leveringen[0].vroegsignaalzaken[0].resultaat']);
  });

  it('agrees with the official JSON Schemas on our own files', function () {
    requireShared(this);
    expect(ajvValidate('1.2', v12Delivery()).ok).to.equal(true);
    expect(ajvValidate('0.9', v09Delivery()).ok).to.equal(true);
    // Cross-version: each file is invalid in the other version, for both validators.
    expect(ajvValidate('0.9', v12Delivery()).ok).to.equal(false);
    expect(errorsOf(validateDdas(v12Delivery(), '0.9')).length).to.be.greaterThan(0);
    expect(ajvValidate('1.2', v09Delivery()).ok).to.equal(false);
    expect(errorsOf(validateDdas(v09Delivery(), '1.2')).length).to.be.greaterThan(0);
  });

  it('accepts the official v0.9 examples (VNG) as they are', function () {
    requireShared(this);
    for (const name of ['enkelvoudigVoorbeeld.json', 'meervoudigVoorbeeld.json'] as const) {
      const f = JSON.parse(officialExample(name).content) as unknown;
      expect(detectDdasVersion(f)).to.include({ ok: true, version: '0.9' });
      expect(validateDdas(f, '0.9'), name).to.deep.equal([]);
      expect(ajvValidate('0.9', f).ok).to.equal(true);
    }
  });
});

describe('domain/ddas version detection', () => {
  it('recognises each version by its field names', () => {
    expect(detectDdasVersion(v12Delivery())).to.deep.include({ ok: true, version: '1.2' });
    expect(detectDdasVersion(v09Delivery())).to.deep.include({ ok: true, version: '0.9' });
  });
  it('cannot decide a file without leveringen', () => {
    const d = detectDdasVersion({ codeGegevensleverancier: 'X' });
    expect(d.ok).to.equal(false);
    if (!d.ok) expect(d.problem.message).to.contain('niet te herkennen');
  });
  it('a mixed file is taken as the majority version and the foreign names are reported', () => {
    const f = clone(v12Delivery()) as Json;
    f.leveringen[0].vroegsignaalzaken[0].datum_opgepakt = f.leveringen[0].vroegsignaalzaken[0].datumOpgepakt;
    const d = detectDdasVersion(f);
    expect(d).to.deep.include({ ok: true, version: '1.2' });
    expect(errorsOf(validateDdas(f, '1.2')).map((e) => e.path)).to.deep.equal(['$.leveringen[0].vroegsignaalzaken[0].datum_opgepakt']);
  });
});

describe('domain/ddas/codes', () => {
  it('translates renamed final results between versions', () => {
    expect(resultFromFile('Inwoner hoeft geen hulp vanuit vroegsignalering', '0.9')).to.equal('Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering');
    expect(resultFromFile('Verwijzing zonder contact', '0.9')).to.equal('Verwijzing zonder tussenkomst inwoner');
    expect(resultForFile('Verwijzing zonder tussenkomst inwoner', '0.9')).to.equal('Verwijzing zonder contact');
    expect(resultForFile('Verwijzing zonder tussenkomst inwoner', '1.2')).to.equal('Verwijzing zonder tussenkomst inwoner');
    // v1.2's generic result has no v0.9 equivalent: left out rather than guessed.
    expect(resultForFile('Vervolghulp en/of verwijzing', '0.9')).to.equal(null);
  });
  it('maps our signal status and reasons to DDAS statuses and back', () => {
    const v: DdasVersion = '1.2';
    expect(statusForDdas('opgepakt', null, v)).to.equal('Opgepakt');
    expect(statusForDdas('opgepakt', null, '0.9')).to.equal(null);
    expect(statusForDdas('niet-opgepakt', 'herhaalmelding', v)).to.equal('Niet opgepakt: herhaalde melding');
    expect(statusForDdas('niet-opgepakt', 'drempelbedrag', v)).to.equal('Niet opgepakt: andere reden');
    expect(statusForDdas('niet-opgepakt', 'al-bekend', v)).to.equal('Inwoner al bekend bij schuldhulpverlening');
    expect(statusForDdas('niet-opgepakt', 'al-bekend', '0.9')).to.equal('Niet opgepakt: andere reden');
    expect(statusFromDdas('Niet opgepakt: herhaalde melding', false)).to.deep.equal({ status: 'niet-opgepakt', reason: 'herhaalmelding' });
    expect(statusFromDdas('Nog niet opgepakt', true)).to.deep.equal({ status: 'opgepakt', reason: null });
    expect(contactKindForDdas('Afspraak op locatie', '0.9')).to.equal('Overige');
    expect(contactKindForDdas('Onbekend', '0.9')).to.equal(null);
  });
});
