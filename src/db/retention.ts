/**
 * Retention in the database: find what passed its period and anonymise it in place. Rows stay
 * (signals with amounts, dates, statuses and partners; cases; queue entries), only personal data
 * goes, so the monthly counts do not change.
 */
import type { FieldProblem, RawReport } from '../domain/intake';
import {
  ANONYMISED, anonymiseMessage, anonymiseRaw, postcodeArea, selectExpired,
  type RetentionCutoffs, type RetentionSelection,
} from '../domain/retention';
import { chunk, MAX_PARAMS, selectWhereIn, toInt, toStrOrNull, type Db } from './rows';

export interface RetentionPlan extends RetentionSelection {
  /** Of the selected households, those with a birth date (category 'geboortedatum'). */
  householdsWithBirthDate: number[];
  quarantineIds: number[];
  consentIds: number[];
  contactNoteIds: number[];
  auditIds: number[];
}

/** What the retention job would remove today. Reads ids and dates only, no personal data. */
export async function planRetention(db: Db, c: RetentionCutoffs): Promise<RetentionPlan> {
  const households = (await db('households').select('id').whereNull('anonymised_at')).map((r) => toInt(r.id));
  const signals = (await db('signals').select('id', 'household_id', 'case_id', 'business_date', 'anonymised_at')).map((r) => ({
    id: toInt(r.id),
    householdId: toInt(r.household_id),
    caseId: r.case_id === null || r.case_id === undefined ? null : toInt(r.case_id),
    businessDate: String(r.business_date),
    anonymised: r.anonymised_at !== null && r.anonymised_at !== undefined,
  }));
  const cases = (await db('cases').select('id', 'household_id', 'closed_date')).map((r) => ({
    id: toInt(r.id),
    householdId: toInt(r.household_id),
    closedDate: toStrOrNull(r.closed_date),
  }));
  const sel = selectExpired(households, signals, cases, c);
  const householdsWithBirthDate = (
    await selectWhereIn(sel.householdIds, (part) => db('households').select('id').whereIn('id', part).whereNotNull('birth_date'))
  ).map((r) => toInt(r.id));
  const quarantineIds = (
    await db('quarantine').select('id').whereNull('anonymised_at').where('business_date', '<', c.quarantineBefore).orderBy('id')
  ).map((r) => toInt(r.id));
  const consentIds = (
    await selectWhereIn(sel.caseIds, (part) => db('consents').select('id').whereIn('case_id', part).whereNot('signed_by', ANONYMISED.signedBy))
  ).map((r) => toInt(r.id));
  const contactNoteIds = (
    await selectWhereIn(sel.caseIds, (part) => db('contact_attempts').select('id').whereIn('case_id', part).whereNotNull('note'))
  ).map((r) => toInt(r.id));
  const auditIds = new Set<number>();
  const withValues = () => db('audit_log').select('id').where((q) => q.whereNotNull('old_json').orWhereNotNull('new_json'));
  const add = (rows: Array<Record<string, unknown>>) => rows.forEach((r) => auditIds.add(toInt(r.id)));
  add(await selectWhereIn(sel.caseIds, (part) => withValues().whereIn('case_id', part)));
  for (const [entity, ids] of [['household', sel.householdIds], ['signal', sel.signalIds], ['quarantine', quarantineIds]] as const) {
    add(await selectWhereIn(ids, (part) => withValues().where({ entity }).whereIn('entity_id', part.map(String))));
  }
  return {
    ...sel,
    householdsWithBirthDate,
    quarantineIds,
    consentIds,
    contactNoteIds,
    auditIds: [...auditIds].sort((a, b) => a - b),
  };
}

async function updateIn(db: Db, table: string, ids: number[], values: Record<string, unknown>): Promise<void> {
  for (const part of chunk(ids, MAX_PARAMS - 20)) await db(table).whereIn('id', part).update(values);
}

/** Applies a plan (inside the caller's transaction). */
export async function applyRetention(db: Db, plan: RetentionPlan, now: Date): Promise<void> {
  const at = now.toISOString();
  for (const part of chunk(plan.householdIds, MAX_PARAMS - 20)) {
    // Postcodes differ per household: keep each one's 4-digit area.
    const rows = await db('households').select('id', 'postcode').whereIn('id', part);
    for (const r of rows) {
      await db('households').where({ id: toInt(r.id) }).update({
        name_key: '',
        initials: null,
        first_name: null,
        prefix: null,
        last_name: ANONYMISED.lastName,
        birth_date: null,
        street: null,
        house_number: 0,
        house_number_addition: null,
        postcode: postcodeArea(String(r.postcode)),
        city: null,
        updated_at: at,
        anonymised_at: at,
      });
    }
  }
  await updateIn(db, 'signals', plan.signalIds, { partner_reference: ANONYMISED.partnerReference, anonymised_at: at });
  for (const part of chunk(plan.quarantineIds, MAX_PARAMS - 20)) {
    const rows = await db('quarantine').select('id', 'raw_json', 'problems_json').whereIn('id', part);
    for (const r of rows) {
      const raw = JSON.parse(String(r.raw_json)) as RawReport;
      const problems = JSON.parse(String(r.problems_json)) as FieldProblem[];
      await db('quarantine')
        .where({ id: toInt(r.id) })
        .update({
          raw_json: JSON.stringify(anonymiseRaw(raw)),
          problems_json: JSON.stringify(problems.map((p) => ({ ...p, message: anonymiseMessage(p.message) }))),
          anonymised_at: at,
        });
    }
  }
  await updateIn(db, 'consents', plan.consentIds, { signed_by: ANONYMISED.signedBy });
  await updateIn(db, 'contact_attempts', plan.contactNoteIds, { note: null });
  await updateIn(db, 'audit_log', plan.auditIds, { old_json: null, new_json: null });
}
