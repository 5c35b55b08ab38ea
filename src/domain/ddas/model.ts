/**
 * One version-neutral model of a DDAS vroegsignalering delivery, and its translation to and from the
 * field names of v1.2 and v0.9. Pure. Import parses a (validated) file into this model; export
 * builds this model from the database and writes it in the version asked for.
 *
 * v0.9 uses historical names (`aanleverende_organisatie`, `contactpersoonen`,
 * `startdatum_matchtingperiode` — sic —, `datum_opgepakt`, capitalised client fields with names);
 * v1.2 renamed them and minimised the client to either the BSN alone, or postcode + house number
 * (+ addition, birth date, gender), without names.
 */
import type { DdasVersion } from './codes';

export interface DdasClient {
  bsn?: string;
  gender?: string;
  birthDate?: string;
  postcode?: string;
  houseNumber?: string;
  houseNumberAddition?: string;
  /** v0.9 only. */
  initials?: string;
  prefix?: string;
  lastName?: string;
  street?: string;
  city?: string;
}

export interface DdasSignal {
  id: string;
  crisis?: boolean;
  warmHandover?: boolean;
  amountEuros?: number;
  originDate?: string;
  signalDate?: string;
  status?: string;
  partnerType?: string;
  client: DdasClient;
}

export interface DdasContactAttempt {
  kind?: string;
  reached?: boolean;
  date?: string;
  dayPart?: string;
}

export interface DdasCase {
  result?: string;
  matchingDate?: string;
  matchingStart?: string;
  pickedUpDate?: string;
  matchingEnd?: string;
  signalIds: string[];
  attempts?: DdasContactAttempt[];
}

export interface DdasContactPerson {
  name?: string;
  phone?: string;
  email?: string;
  title?: string;
}

export interface DdasLevering {
  counter: number;
  gemeenteCode: string;
  organisation: { name?: string; kvk?: string; contacts?: DdasContactPerson[] };
  signals?: DdasSignal[];
  cases?: DdasCase[];
}

export interface DdasDeliveryModel {
  start: string;
  end: string;
  deliveredAt: string;
  supplierCode: string;
  leveringen?: DdasLevering[];
}

/** Field names per version: neutral key → [v1.2 name, v0.9 name]. */
export const LEVERING_FIELDS = { organisation: ['aanleverendeOrganisatie', 'aanleverende_organisatie'] } as const;
export const ORGANISATION_FIELDS = { contacts: ['contactpersonen', 'contactpersoonen'] } as const;
export const CASE_FIELDS = {
  result: ['resultaat', 'resultaat'],
  matchingDate: ['matchingsdatum', 'matchingsdatum'],
  matchingStart: ['startdatumMatchingperiode', 'startdatum_matchtingperiode'],
  pickedUpDate: ['datumOpgepakt', 'datum_opgepakt'],
  matchingEnd: ['einddatumMatchingperiode', 'einddatum_matchingperiode'],
} as const;
/** Client fields; null = not in that version. */
export const CLIENT_FIELDS: Record<keyof DdasClient, [string | null, string | null]> = {
  bsn: ['burgerservicenummer', 'Burgerservicenummer'],
  initials: [null, 'Voorletters'],
  prefix: [null, 'Voorvoegsel'],
  lastName: [null, 'Achternaam'],
  gender: ['geslachtsaanduiding', null],
  birthDate: ['geboortedatum', 'Geboortedatum'],
  street: [null, 'Straatnaam'],
  postcode: ['postcode', 'Postcode'],
  houseNumber: ['huisnummer', 'Huisnummer'],
  houseNumberAddition: ['huisnummertoevoeging', 'Huisnummertoevoeging'],
  city: [null, 'Plaatsnaam'],
};
export const SIGNAL_FIELDS = {
  id: 'ID',
  crisis: 'crisissignaal',
  warmHandover: 'warmeOverdracht',
  amountEuros: 'bedrag',
  originDate: 'ontstaansdatum',
  signalDate: 'signaaldatum',
  status: 'status',
} as const;

const vi = (v: DdasVersion) => (v === '1.2' ? 0 : 1);

type Json = Record<string, unknown>;

function put(target: Json, key: string | null, value: unknown): void {
  if (key !== null && value !== undefined && value !== null) target[key] = value;
}

/** The model as a file object of `version` (absent values are left out, never written as null). */
export function toFileObject(m: DdasDeliveryModel, version: DdasVersion): Json {
  const i = vi(version);
  const out: Json = {
    codeGegevensleverancier: m.supplierCode,
    startdatumLevering: m.start,
    einddatumLevering: m.end,
    aanleverdatumEnTijd: m.deliveredAt,
  };
  if (m.leveringen) {
    out.leveringen = m.leveringen.map((l) => {
      const org: Json = {};
      put(org, 'naam', l.organisation.name);
      put(org, 'kvk-nummer', l.organisation.kvk);
      if (l.organisation.contacts && l.organisation.contacts.length) {
        org[ORGANISATION_FIELDS.contacts[i]] = l.organisation.contacts.map((c) => {
          const o: Json = {};
          put(o, 'naam', c.name);
          put(o, 'telefoonnummer', c.phone);
          put(o, 'email', c.email);
          put(o, 'functietitel', c.title);
          return o;
        });
      }
      const lev: Json = { teller: l.counter, gemeentecode: l.gemeenteCode, [LEVERING_FIELDS.organisation[i]]: org };
      if (l.signals) {
        lev.vroegsignalen = l.signals.map((s) => {
          const o: Json = { ID: s.id };
          put(o, SIGNAL_FIELDS.crisis, s.crisis);
          put(o, SIGNAL_FIELDS.warmHandover, s.warmHandover);
          put(o, SIGNAL_FIELDS.amountEuros, s.amountEuros);
          put(o, SIGNAL_FIELDS.originDate, s.originDate);
          put(o, SIGNAL_FIELDS.signalDate, s.signalDate);
          put(o, SIGNAL_FIELDS.status, s.status);
          o.signaalpartner = s.partnerType !== undefined ? { type: s.partnerType } : {};
          const client: Json = {};
          for (const [k, names] of Object.entries(CLIENT_FIELDS) as Array<[keyof DdasClient, [string | null, string | null]]>) {
            put(client, names[i], s.client[k]);
          }
          o.client = client;
          return o;
        });
      }
      if (l.cases) {
        lev.vroegsignaalzaken = l.cases.map((c) => {
          const o: Json = {};
          for (const [k, names] of Object.entries(CASE_FIELDS) as Array<[keyof typeof CASE_FIELDS, readonly [string, string]]>) {
            put(o, names[i], c[k]);
          }
          o.vroegsignalen = c.signalIds.map((id) => ({ ID: id }));
          if (c.attempts) {
            o.contactpogingen = c.attempts.map((a) => {
              const p: Json = {};
              put(p, 'soort', a.kind);
              put(p, 'bereikt', a.reached);
              put(p, 'datum', a.date);
              put(p, 'dagdeel', a.dayPart);
              return p;
            });
          }
          return o;
        });
      }
      return lev;
    });
  }
  return out;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Reads a file object of `version` (validate it first) into the model. */
export function fromFileObject(file: unknown, version: DdasVersion): DdasDeliveryModel {
  const i = vi(version);
  const f = obj(file);
  const leveringen = arr(f.leveringen)?.map((lv): DdasLevering => {
    const l = obj(lv);
    const org = obj(l[LEVERING_FIELDS.organisation[i]]);
    const contacts = arr(org[ORGANISATION_FIELDS.contacts[i]])?.map((c) => {
      const p = obj(c);
      return compact({ name: str(p.naam), phone: str(p.telefoonnummer), email: str(p.email), title: str(p.functietitel) });
    });
    return {
      counter: int(l.teller) ?? 0,
      gemeenteCode: str(l.gemeentecode) ?? '',
      organisation: compact({ name: str(org.naam), kvk: str(org['kvk-nummer']), contacts }),
      signals: arr(l.vroegsignalen)?.map((sv) => {
        const s = obj(sv);
        const c = obj(s.client);
        const client: DdasClient = {};
        for (const [k, names] of Object.entries(CLIENT_FIELDS) as Array<[keyof DdasClient, [string | null, string | null]]>) {
          const name = names[i];
          if (name !== null && typeof c[name] === 'string') client[k] = c[name] as string;
        }
        return compact({
          id: str(s.ID) ?? '',
          crisis: bool(s.crisissignaal),
          warmHandover: bool(s.warmeOverdracht),
          amountEuros: int(s.bedrag),
          originDate: str(s.ontstaansdatum),
          signalDate: str(s.signaaldatum),
          status: str(s.status),
          partnerType: str(obj(s.signaalpartner).type),
          client,
        });
      }),
      cases: arr(l.vroegsignaalzaken)?.map((cv) => {
        const c = obj(cv);
        const out: DdasCase = {
          signalIds: (arr(c.vroegsignalen) ?? []).map((r) => str(obj(r).ID) ?? ''),
          attempts: arr(c.contactpogingen)?.map((av) => {
            const a = obj(av);
            return compact({ kind: str(a.soort), reached: bool(a.bereikt), date: str(a.datum), dayPart: str(a.dagdeel) });
          }),
        };
        for (const [k, names] of Object.entries(CASE_FIELDS) as Array<[keyof typeof CASE_FIELDS, readonly [string, string]]>) {
          const v = str(c[names[i]]);
          if (v !== undefined) out[k] = v;
        }
        return compact(out);
      }),
    };
  });
  return compact({
    start: str(f.startdatumLevering) ?? '',
    end: str(f.einddatumLevering) ?? '',
    deliveredAt: str(f.aanleverdatumEnTijd) ?? '',
    supplierCode: str(f.codeGegevensleverancier) ?? '',
    leveringen,
  });
}
