import type { HouseholdIdentity } from '../domain/households';
import type { IntakeReport } from '../domain/intake';
import { foldKey } from '../domain/text';
import { insertReturningId, selectWhereIn, toInt, toStrOrNull, type Db } from './rows';

export interface HouseholdRecord {
  id: number;
  identity: HouseholdIdentity;
  initials: string | null;
  firstName: string | null;
  prefix: string | null;
  lastName: string;
  birthDate: string | null;
  street: string | null;
  houseNumber: number;
  houseNumberAddition: string | null;
  postcode: string;
  city: string | null;
  /** Keyed hash of a BSN delivered in a DDAS import (never the number itself). */
  bsnHash: string | null;
}

export function householdFromRow(r: Record<string, unknown>): HouseholdRecord {
  return fromRow(r);
}

function fromRow(r: Record<string, unknown>): HouseholdRecord {
  const addition = toStrOrNull(r.house_number_addition);
  const initials = toStrOrNull(r.initials);
  return {
    id: toInt(r.id),
    identity: {
      nameKey: String(r.name_key),
      initial: initials ? initials.slice(0, 1) : null,
      birthDate: toStrOrNull(r.birth_date),
      postcode: String(r.postcode),
      houseNumber: toInt(r.house_number),
      houseNumberAddition: addition ? foldKey(addition) : null,
    },
    initials,
    firstName: toStrOrNull(r.first_name),
    prefix: toStrOrNull(r.prefix),
    lastName: String(r.last_name),
    birthDate: toStrOrNull(r.birth_date),
    street: toStrOrNull(r.street),
    houseNumber: toInt(r.house_number),
    houseNumberAddition: addition,
    postcode: String(r.postcode),
    city: toStrOrNull(r.city),
    bsnHash: toStrOrNull(r.bsn_hash),
  };
}

/** Households at an address (the candidates for matching). */
export async function householdsAtAddress(db: Db, postcode: string, houseNumber: number): Promise<HouseholdRecord[]> {
  const rows = await db('households')
    .where({ postcode, house_number: houseNumber })
    .whereNull('anonymised_at')
    .orderBy('id');
  return rows.map(fromRow);
}

export async function getHousehold(db: Db, id: number): Promise<HouseholdRecord | null> {
  const row = await db('households').where({ id }).first();
  return row ? fromRow(row) : null;
}

export async function createHousehold(db: Db, report: IntakeReport, now: Date): Promise<number> {
  const p = report.person;
  const a = report.address;
  return insertReturningId(db, 'households', {
    name_key: foldKey(p.lastName),
    initials: p.initials,
    first_name: p.firstName,
    prefix: p.prefix,
    last_name: p.lastName,
    birth_date: p.birthDate,
    street: a.street,
    house_number: a.houseNumber,
    house_number_addition: a.houseNumberAddition,
    postcode: a.postcode,
    city: a.city,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  });
}

/**
 * Fills in what an earlier report left unknown (birth date, initials, street, city). Returns the
 * fields that changed, for the audit trail; known values are never overwritten by a new report.
 */
export async function completeHousehold(
  db: Db,
  h: HouseholdRecord,
  report: IntakeReport,
  now: Date,
): Promise<Record<string, { old: unknown; new: unknown }>> {
  const changes: Record<string, { old: unknown; new: unknown }> = {};
  const fill = (column: string, current: unknown, next: unknown) => {
    if ((current === null || current === undefined) && next !== null && next !== undefined) {
      changes[column] = { old: current ?? null, new: next };
    }
  };
  // A household imported without a name (DDAS v1.2) gets the name of the first real signal.
  if (h.lastName.trim() === '' && report.person.lastName.trim() !== '') {
    changes.last_name = { old: '', new: report.person.lastName };
    changes.name_key = { old: h.identity.nameKey, new: foldKey(report.person.lastName) };
    fill('prefix', h.prefix, report.person.prefix);
  }
  fill('birth_date', h.birthDate, report.person.birthDate);
  fill('initials', h.initials, report.person.initials);
  fill('first_name', h.firstName, report.person.firstName);
  fill('street', h.street, report.address.street);
  fill('city', h.city, report.address.city);
  if (Object.keys(changes).length) {
    await db('households')
      .where({ id: h.id })
      .update({
        ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.new])),
        updated_at: now.toISOString(),
      });
  }
  return changes;
}


/** Birth dates of households (for age facts), in one query per chunk. */
export async function birthDatesOf(db: Db, ids: number[]): Promise<Map<number, string | null>> {
  const rows = await selectWhereIn(ids, (part) => db('households').select('id', 'birth_date').whereIn('id', part));
  return new Map(rows.map((r) => [toInt(r.id), toStrOrNull(r.birth_date)]));
}
