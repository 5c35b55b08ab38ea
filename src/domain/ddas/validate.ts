/**
 * Our own validator of DDAS vroegsignalering deliveries (v1.2 and v0.9), written from the standard:
 * a small description of each version (objects, required fields, whether other fields are allowed,
 * types, formats, code lists) walked over the file, listing EVERY problem with its JSON path and a
 * Dutch message. Pure; no schema files are read. Tests check that it agrees with a JSON Schema
 * validator run against the official schemas.
 *
 * Where v0.9's schema leaves an object open (organisation, contact persons, signal partner, client,
 * case, contact attempt), other fields are allowed: they are reported as warnings (they would be
 * ignored), not as errors. In v1.2 every object is closed.
 */
import { isIsoDate } from '../dates';
import { CONTACT_KINDS, DAY_PARTS, FINAL_RESULTS, GENDERS, SIGNAL_PARTNER_TYPES, SIGNAL_STATUSES, type DdasVersion } from './codes';
import { CASE_FIELDS, CLIENT_FIELDS, LEVERING_FIELDS, ORGANISATION_FIELDS } from './model';

export interface DdasProblem {
  /** JSON path in the file, e.g. `$.leveringen[0].vroegsignalen[2].client.postcode`. */
  path: string;
  message: string;
  severity: 'fout' | 'waarschuwing';
}

type Spec =
  | { kind: 'object'; props: Record<string, Spec>; required?: string[]; closed: boolean; check?: (v: Record<string, unknown>, path: string, out: DdasProblem[]) => void }
  | { kind: 'array'; items: Spec; minItems?: number; unique?: boolean }
  | { kind: 'string'; format?: 'date' | 'date-time' | 'email'; enumOf?: readonly string[]; label?: string }
  | { kind: 'integer'; label?: string }
  | { kind: 'boolean' };

const text = (label?: string): Spec => ({ kind: 'string', label });
const date: Spec = { kind: 'string', format: 'date' };
const dateTime: Spec = { kind: 'string', format: 'date-time' };
const email: Spec = { kind: 'string', format: 'email' };
const codes = (list: readonly string[], label: string): Spec => ({ kind: 'string', enumOf: list, label });

function specFor(version: DdasVersion): Spec {
  const i = version === '1.2' ? 0 : 1;
  const closed = version === '1.2';
  const contact: Spec = {
    kind: 'object', closed,
    props: { naam: text(), telefoonnummer: text(), email, functietitel: text() },
  };
  const organisation: Spec = {
    kind: 'object', closed,
    props: {
      naam: text(), 'kvk-nummer': text(),
      [ORGANISATION_FIELDS.contacts[i]]: { kind: 'array', items: contact, minItems: 1, unique: true },
    },
  };
  const clientProps: Record<string, Spec> = {};
  for (const [key, names] of Object.entries(CLIENT_FIELDS)) {
    const name = names[i];
    if (name === null) continue;
    clientProps[name] = key === 'birthDate' ? date : key === 'gender' ? codes(GENDERS, 'geslachtsaanduiding') : text();
  }
  const client: Spec = {
    kind: 'object', closed, props: clientProps,
    check: version === '1.2' ? checkMinimisedClient : undefined,
  };
  const signal: Spec = {
    kind: 'object', closed: true, required: ['ID', 'client', 'signaalpartner'],
    props: {
      ID: text(), crisissignaal: { kind: 'boolean' }, warmeOverdracht: { kind: 'boolean' },
      bedrag: { kind: 'integer', label: "hele euro's" }, ontstaansdatum: date, signaaldatum: date,
      status: codes(SIGNAL_STATUSES[version], `signaalstatus (v${version})`),
      signaalpartner: { kind: 'object', closed, props: { type: codes(SIGNAL_PARTNER_TYPES, 'soort signaalpartner') } },
      client,
    },
  };
  const attempt: Spec = {
    kind: 'object', closed,
    props: {
      soort: codes(CONTACT_KINDS[version], `contactsoort (v${version})`), bereikt: { kind: 'boolean' }, datum: date,
      dagdeel: codes(DAY_PARTS, 'dagdeel'),
    },
  };
  const caseProps: Record<string, Spec> = {
    [CASE_FIELDS.result[i]]: codes(FINAL_RESULTS[version], `eindresultaat (v${version})`),
    [CASE_FIELDS.matchingDate[i]]: date,
    [CASE_FIELDS.matchingStart[i]]: date,
    [CASE_FIELDS.pickedUpDate[i]]: date,
    [CASE_FIELDS.matchingEnd[i]]: date,
    vroegsignalen: {
      kind: 'array', minItems: 1, unique: true,
      items: { kind: 'object', closed: true, required: ['ID'], props: { ID: text() } },
    },
    contactpogingen: { kind: 'array', items: attempt },
  };
  const levering: Spec = {
    kind: 'object', closed: true, required: [LEVERING_FIELDS.organisation[i], 'gemeentecode', 'teller'],
    props: {
      teller: { kind: 'integer' }, gemeentecode: text(),
      [LEVERING_FIELDS.organisation[i]]: organisation,
      vroegsignalen: { kind: 'array', items: signal },
      vroegsignaalzaken: { kind: 'array', items: { kind: 'object', closed, props: caseProps } },
    },
  };
  return {
    kind: 'object', closed: true,
    required: ['aanleverdatumEnTijd', 'codeGegevensleverancier', 'einddatumLevering', 'startdatumLevering'],
    props: {
      startdatumLevering: date, einddatumLevering: date, aanleverdatumEnTijd: dateTime,
      codeGegevensleverancier: text(),
      leveringen: { kind: 'array', items: levering, minItems: 1, unique: true },
    },
  };
}

/**
 * v1.2 data minimisation: either the BSN alone (exactly 9 characters, nothing else), or no BSN and
 * at least postcode and house number.
 */
function checkMinimisedClient(c: Record<string, unknown>, path: string, out: DdasProblem[]): void {
  if ('burgerservicenummer' in c) {
    const bsn = c.burgerservicenummer;
    if (typeof bsn === 'string' && bsn.length !== 9) {
      out.push({ path: `${path}.burgerservicenummer`, message: `burgerservicenummer moet precies 9 tekens lang zijn (nu ${bsn.length})`, severity: 'fout' });
    }
    const others = Object.keys(c).filter((k) => k !== 'burgerservicenummer');
    if (others.length) {
      out.push({
        path,
        message: `een client met burgerservicenummer mag in v1.2 geen andere gegevens bevatten (dataminimalisatie); ook aanwezig: ${others.join(', ')}`,
        severity: 'fout',
      });
    }
  } else {
    const missing = ['postcode', 'huisnummer'].filter((k) => !(k in c));
    if (missing.length) {
      out.push({ path, message: `een client zonder burgerservicenummer moet postcode en huisnummer hebben; ontbreekt: ${missing.join(', ')}`, severity: 'fout' });
    }
  }
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

function validDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m || !isIsoDate(m[1])) return false;
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (h > 23 || min > 59 || sec > 60) return false;
  const tz = m[6];
  if (/^[+-]/.test(tz)) {
    const digits = tz.slice(1).replace(':', '');
    if (Number(digits.slice(0, 2)) > 23 || (digits.length === 4 && Number(digits.slice(2, 4)) > 59)) return false;
  }
  return true;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'een lijst';
  if (typeof v === 'object') return 'een object';
  if (typeof v === 'string') return `tekst "${v.length > 40 ? v.slice(0, 40) + '…' : v}"`;
  if (typeof v === 'number') return `het getal ${v}`;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return typeof v;
}

/** JSON equality in the sense of JSON Schema's uniqueItems (key order does not matter). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v as object).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

function walk(spec: Spec, v: unknown, path: string, version: DdasVersion, out: DdasProblem[]): void {
  const err = (message: string, p = path): void => {
    out.push({ path: p, message, severity: 'fout' });
  };
  switch (spec.kind) {
    case 'object': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return err(`moet een object zijn, maar is ${typeName(v)}`);
      const o = v as Record<string, unknown>;
      for (const r of spec.required ?? []) if (!(r in o)) err(`verplicht veld "${r}" ontbreekt`);
      for (const [k, val] of Object.entries(o)) {
        const child = spec.props[k];
        const p = `${path}.${k}`;
        if (child) walk(child, val, p, version, out);
        else if (spec.closed) err(`veld "${k}" is niet toegestaan in DDAS v${version} (toegestaan: ${Object.keys(spec.props).join(', ')})`, p);
        else out.push({ path: p, message: `onbekend veld "${k}" wordt genegeerd`, severity: 'waarschuwing' });
      }
      spec.check?.(o, path, out);
      return;
    }
    case 'array': {
      if (!Array.isArray(v)) return err(`moet een lijst zijn, maar is ${typeName(v)}`);
      if (spec.minItems !== undefined && v.length < spec.minItems) err(`moet minstens ${spec.minItems} element(en) bevatten`);
      if (spec.unique) {
        const seen = new Map<string, number>();
        v.forEach((item, idx) => {
          const key = canonical(item);
          const first = seen.get(key);
          if (first !== undefined) err(`element [${idx}] is gelijk aan element [${first}]; dubbele elementen zijn niet toegestaan`, `${path}[${idx}]`);
          else seen.set(key, idx);
        });
      }
      v.forEach((item, idx) => walk(spec.items, item, `${path}[${idx}]`, version, out));
      return;
    }
    case 'string': {
      if (typeof v !== 'string') return err(`moet tekst zijn, maar is ${typeName(v)}`);
      if (spec.format === 'date' && !isIsoDate(v)) err(`"${v}" is geen geldige datum (jjjj-mm-dd)`);
      if (spec.format === 'date-time' && !validDateTime(v)) err(`"${v}" is geen geldig tijdstip (jjjj-mm-ddTuu:mm:ssZ of met tijdzone)`);
      if (spec.format === 'email' && !EMAIL.test(v)) err(`"${v}" is geen geldig e-mailadres`);
      if (spec.enumOf && !spec.enumOf.includes(v)) {
        err(`"${v}" is geen toegestane waarde voor ${spec.label ?? 'dit veld'}; toegestaan: ${spec.enumOf.map((e) => `"${e}"`).join(', ')}`);
      }
      return;
    }
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) err(`moet een geheel getal zijn${spec.label ? ` (${spec.label})` : ''}, maar is ${typeName(v)}`);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') err(`moet true of false zijn, maar is ${typeName(v)}`);
      return;
  }
}

/** Every problem of a delivery against the rules of `version` (errors and warnings). */
export function validateDdas(file: unknown, version: DdasVersion): DdasProblem[] {
  const out: DdasProblem[] = [];
  walk(specFor(version), file, '$', version, out);
  return out;
}

export function errorsOf(problems: DdasProblem[]): DdasProblem[] {
  return problems.filter((p) => p.severity === 'fout');
}

/** Field names that only one version uses. */
const MARKERS: Record<DdasVersion, { levering: string[]; organisation: string[]; client: string[]; case: string[] }> = {
  '1.2': {
    levering: ['aanleverendeOrganisatie'], organisation: ['contactpersonen'],
    client: ['burgerservicenummer', 'postcode', 'huisnummer', 'huisnummertoevoeging', 'geboortedatum', 'geslachtsaanduiding'],
    case: ['startdatumMatchingperiode', 'datumOpgepakt', 'einddatumMatchingperiode'],
  },
  '0.9': {
    levering: ['aanleverende_organisatie'], organisation: ['contactpersoonen'],
    client: ['Burgerservicenummer', 'Postcode', 'Huisnummer', 'Huisnummertoevoeging', 'Geboortedatum', 'Voorletters', 'Voorvoegsel', 'Achternaam', 'Straatnaam', 'Plaatsnaam'],
    case: ['startdatum_matchtingperiode', 'datum_opgepakt', 'einddatum_matchingperiode'],
  },
};

export type VersionDetection =
  | { ok: true; version: DdasVersion; evidence: Record<DdasVersion, number> }
  | { ok: false; problem: DdasProblem; evidence: Record<DdasVersion, number> };

/**
 * The version of a delivery, recognised by its field names (the file does not state it). The version
 * with the most version-specific names wins; field names of the other version are then reported by
 * validation. No names at all (or a tie) cannot be decided.
 */
export function detectDdasVersion(file: unknown): VersionDetection {
  const evidence: Record<DdasVersion, number> = { '1.2': 0, '0.9': 0 };
  const keys = (v: unknown): string[] => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : []);
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const f = (typeof file === 'object' && file !== null ? file : {}) as Record<string, unknown>;
  for (const lv of list(f.leveringen)) {
    const l = (lv ?? {}) as Record<string, unknown>;
    for (const version of ['1.2', '0.9'] as const) {
      const m = MARKERS[version];
      evidence[version] += keys(l).filter((k) => m.levering.includes(k)).length;
      const org = l[LEVERING_FIELDS.organisation[version === '1.2' ? 0 : 1]];
      evidence[version] += keys(org).filter((k) => m.organisation.includes(k)).length;
      for (const s of list(l.vroegsignalen)) evidence[version] += keys((s as Record<string, unknown>)?.client).filter((k) => m.client.includes(k)).length;
      for (const c of list(l.vroegsignaalzaken)) evidence[version] += keys(c).filter((k) => m.case.includes(k)).length;
    }
  }
  if (evidence['1.2'] === evidence['0.9']) {
    return {
      ok: false,
      evidence,
      problem: {
        path: '$',
        message: evidence['1.2'] === 0
          ? 'de DDAS-versie is niet te herkennen: het bestand bevat geen leveringen met "aanleverendeOrganisatie" (v1.2) of "aanleverende_organisatie" (v0.9)'
          : `de DDAS-versie is niet te herkennen: evenveel veldnamen van v1.2 als van v0.9 (${evidence['1.2']})`,
        severity: 'fout',
      },
    };
  }
  return { ok: true, version: evidence['1.2'] > evidence['0.9'] ? '1.2' : '0.9', evidence };
}
