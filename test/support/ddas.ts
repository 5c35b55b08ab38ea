/**
 * Test helpers for DDAS: the official schemas and examples in ../shared/ddas (reference data of the
 * workspace, read at test time and never copied into the project), an ajv validator on them, and
 * builders for our own synthetic deliveries.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { REPO_ROOT } from './config';
import type { DdasVersion } from '../../src/domain/ddas/codes';

export const SHARED_DDAS_DIR = path.resolve(REPO_ROOT, '../shared/ddas');

export function sharedDdasAvailable(): boolean {
  return fs.existsSync(path.join(SHARED_DDAS_DIR, 'v1.2', 'json_schema_Uitwisselmodel.json'));
}

/** Skips the test (visibly) when the shared reference folder is absent. */
export function requireShared(ctx: Mocha.Context): void {
  if (!sharedDdasAvailable()) {
    // eslint-disable-next-line no-console
    console.log(`      (overgeslagen: ${SHARED_DDAS_DIR} ontbreekt; officiële DDAS-schema's en voorbeelden niet beschikbaar)`);
    ctx.skip();
  }
}

const validators = new Map<DdasVersion, (data: unknown) => { ok: boolean; errors: string[] }>();

/** Validates against the official JSON Schema of the version (draft 2020-12, formats checked). */
export function ajvValidate(version: DdasVersion, data: unknown): { ok: boolean; errors: string[] } {
  let v = validators.get(version);
  if (!v) {
    const schema = JSON.parse(fs.readFileSync(path.join(SHARED_DDAS_DIR, `v${version}`, 'json_schema_Uitwisselmodel.json'), 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const compiled = ajv.compile(schema);
    v = (data: unknown) => {
      const ok = compiled(data) as boolean;
      return { ok, errors: (compiled.errors ?? []).map((e) => `${e.instancePath} ${e.message}`) };
    };
    validators.set(version, v);
  }
  return v(data);
}

export function officialExample(name: 'enkelvoudigVoorbeeld.json' | 'meervoudigVoorbeeld.json'): { file: string; content: string } {
  const file = path.join(SHARED_DDAS_DIR, 'v0.9', name);
  return { file, content: fs.readFileSync(file, 'utf8') };
}

/** A synthetic v1.2 delivery (made-up data) for Diemen, February 2026. */
export function v12Delivery(overrides: { signals?: unknown[]; cases?: unknown[]; supplier?: string; start?: string; end?: string } = {}): Record<string, unknown> {
  return {
    codeGegevensleverancier: overrides.supplier ?? 'OUDSYS',
    startdatumLevering: overrides.start ?? '2026-02-01',
    einddatumLevering: overrides.end ?? '2026-02-28',
    aanleverdatumEnTijd: '2026-03-03T08:00:00Z',
    leveringen: [
      {
        teller: 1,
        gemeentecode: '0384',
        aanleverendeOrganisatie: { naam: 'Gemeente Diemen', 'kvk-nummer': '12345678', contactpersonen: [{ naam: 'Ä. Tester', email: 'a.tester@diemen.example' }] },
        vroegsignalen: overrides.signals ?? [
          {
            ID: 'OUD-1', crisissignaal: false, warmeOverdracht: false, bedrag: 1700, ontstaansdatum: '2026-01-01',
            signaaldatum: '2026-02-02', status: 'Opgepakt', signaalpartner: { type: 'Huur' },
            client: { postcode: '1111AB', huisnummer: '12', huisnummertoevoeging: 'A', geboortedatum: '1980-05-14' },
          },
          {
            ID: 'OUD-2', bedrag: 240, signaaldatum: '2026-02-10', status: 'Niet opgepakt: andere reden',
            signaalpartner: { type: 'Energie' }, client: { postcode: '1112 CD', huisnummer: '7' },
          },
          {
            ID: 'OUD-3', bedrag: 95, signaaldatum: '2026-02-20', status: 'Opgepakt', signaalpartner: { type: 'Zorg' },
            client: { burgerservicenummer: '111222333' },
          },
        ],
        vroegsignaalzaken: overrides.cases ?? [
          {
            resultaat: 'Vervolghulp en/of verwijzing financieel', matchingsdatum: '2026-02-03', startdatumMatchingperiode: '2026-02-03',
            datumOpgepakt: '2026-02-03', einddatumMatchingperiode: '2026-02-27', vroegsignalen: [{ ID: 'OUD-1' }],
            contactpogingen: [
              { soort: 'Telefoon', bereikt: false, datum: '2026-02-04', dagdeel: 'Ochtend' },
              { soort: 'Telefoon', bereikt: false, datum: '2026-02-04', dagdeel: 'Ochtend' },
              { soort: 'Huisbezoek', bereikt: true, datum: '2026-02-06' },
            ],
          },
          { datumOpgepakt: '2026-02-21', vroegsignalen: [{ ID: 'OUD-3' }], contactpogingen: [{ soort: 'Brief', bereikt: false, datum: '2026-02-22' }] },
        ],
      },
    ],
  };
}

/** The same history as a v0.9 delivery (historical field names, names in the client). */
export function v09Delivery(): Record<string, unknown> {
  return {
    codeGegevensleverancier: 'OUDSYS09',
    startdatumLevering: '2026-01-01',
    einddatumLevering: '2026-01-31',
    aanleverdatumEnTijd: '2026-02-02T07:30:00+01:00',
    leveringen: [
      {
        teller: 1,
        gemeentecode: '0384',
        aanleverende_organisatie: { naam: 'Gemeente Diemen', contactpersoonen: [{ naam: 'B. Müller' }] },
        vroegsignalen: [
          {
            ID: 'A-100', crisissignaal: false, warmeOverdracht: true, bedrag: 1250, ontstaansdatum: '2025-12-01', signaaldatum: '2026-01-12',
            status: 'Nog niet opgepakt', signaalpartner: { type: 'Huur' },
            client: { Voorletters: 'J.', Voorvoegsel: 'van den', Achternaam: 'Bërg', Geboortedatum: '1980-05-14', Straatnaam: 'Ouddiemerlaan', Postcode: '1111AB', Huisnummer: '12', Huisnummertoevoeging: 'A', Plaatsnaam: 'Diemen' },
          },
        ],
        vroegsignaalzaken: [
          {
            resultaat: 'Verwijzing zonder contact', matchingsdatum: '2026-01-13', startdatum_matchtingperiode: '2026-01-13',
            datum_opgepakt: '2026-01-13', einddatum_matchingperiode: '2026-01-30', vroegsignalen: [{ ID: 'A-100' }],
            contactpogingen: [{ soort: 'Kaartje', bereikt: false, datum: '2026-01-14', dagdeel: 'Avond' }],
          },
        ],
      },
    ],
  };
}
