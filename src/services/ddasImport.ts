/**
 * Import of a DDAS vroegsignalering delivery from the municipality's previous system (xxllnc
 * Vroegsignalering, BKR VPS, …): the history of signals, cases, final results and contact attempts,
 * so repeat reports are recognised from day one and the monthly reports can cover earlier months.
 *
 * - The version is recognised by field names; the file is validated against that version's rules
 *   and our import checks. Any error refuses the whole file, listing every problem; nothing is
 *   written (the import is one transaction).
 * - Signals are keyed by supplier, municipality and DDAS signal ID (`signals.source_key`
 *   `ddas:<leverancier>:<gemeente>`, `source_row_id` = ID): importing the same file again changes
 *   nothing; an overlapping later delivery updates what changed and adds what is new.
 * - Cases have no ID in DDAS: a delivered case is the imported case that holds any of its signals.
 *   Imported cases are history: they are closed (they are never put in a caseworker's queue).
 * - Clients are matched to households on what the file has: a keyed hash of the BSN (the number
 *   itself is never stored or logged), or postcode + house number (+ addition, birth date, and the
 *   name in v0.9). A v1.2 client has no name: its household shows "naam onbekend (geïmporteerd)"
 *   until a real signal at that address brings the name.
 * - Partner types become partner records `DDAS-<type>` (DDAS names the type, not the organisation).
 */
import { DEFAULT_DDAS_SUPPLIER } from './ddasExport';
import { householdsAtAddress } from '../db/households';
import { createHash, createHmac } from 'node:crypto';
import type { Knex } from 'knex';
import { resultFromFile, statusFromDdas, importedPartnerCode, type DdasVersion } from '../domain/ddas/codes';
import { fromFileObject, type DdasCase, type DdasContactAttempt, type DdasSignal } from '../domain/ddas/model';
import { detectDdasVersion, errorsOf, validateDdas, type DdasProblem } from '../domain/ddas/validate';
import { checkForImport, importedIdentity, parseClient, type ParsedClient } from '../domain/ddas/importCheck';
import { matchHousehold, UNKNOWN_NAME_KEY } from '../domain/households';
import { foldKey } from '../domain/text';
import type { PartnerType } from '../domain/intake';
import { ensurePartner } from '../db/partners';
import {
  attemptsOfCase, changedSignalColumns, createImportedHousehold, deleteImportBatch, finishImportBatch, getCaseForImport, importedCaseWaitingFor,
  householdsByBsnHash, importBatchesByHash, importedSignalsBySourceKey, insertImportBatch,
  insertImportedAttempt, insertImportedCase, insertImportedSignal, linkSignalsToCase, updateHousehold, updateImportedCase,
  updateSignalColumns, type ImportedSignalRow,
} from '../db/ddas';
import { audit, logSharing, type SharingEntry } from '../db/logs';
import { DdasInvalidError } from './ddasExport';

export interface DdasImportOptions {
  fileName: string;
  content: string | Buffer;
  /** Secret for the keyed BSN hash. */
  bsnKey: string;
  actor: string;
  role?: string;
  now: Date;
  /** Check and count everything, then roll back. */
  dryRun?: boolean;
  /** Import only these municipalities (the other leveringen are skipped and reported). */
  gemeenten?: string[];
  /** Our own supplier code (VS_DDAS_LEVERANCIER): deliveries with it are our own exports. */
  ownSupplierCode?: string;
}

export interface DdasImportCounts {
  signalsNew: number;
  signalsUpdated: number;
  signalsUnchanged: number;
  casesNew: number;
  casesUpdated: number;
  casesUnchanged: number;
  casesSkipped: number;
  attemptsNew: number;
  householdsNew: number;
  householdsMatched: number;
  clientsWithBsn: number;
}

export interface DdasImportResult {
  version: DdasVersion;
  supplierCode: string;
  periodStart: string;
  periodEnd: string;
  deliveredAt: string;
  batchId: number | null;
  dryRun: boolean;
  changed: boolean;
  /** Earlier imports of exactly this file. */
  earlierImports: Array<{ id: number; importedAt: string; fileName: string }>;
  perGemeente: Record<string, DdasImportCounts>;
  totals: DdasImportCounts;
  skippedGemeenten: string[];
  warnings: DdasProblem[];
}

const IMPORT_LEGAL_BASIS = 'AVG art. 6 lid 1 sub e; Wgs art. 3, 5, 8 (historie vroegsignalering uit het vorige systeem)';

function emptyCounts(): DdasImportCounts {
  return {
    signalsNew: 0, signalsUpdated: 0, signalsUnchanged: 0, casesNew: 0, casesUpdated: 0, casesUnchanged: 0, casesSkipped: 0,
    attemptsNew: 0, householdsNew: 0, householdsMatched: 0, clientsWithBsn: 0,
  };
}

/** Keyed hash of a BSN: recognisable across imports with the same key, useless without it. */
export function bsnHash(bsn: string, key: string): string {
  return createHmac('sha256', key).update(bsn).digest('hex');
}

class DryRunRollback extends Error {
  constructor(readonly result: DdasImportResult) {
    super('dry run');
  }
}

/** Parses, recognises and validates a file; throws DdasInvalidError listing every problem. */
export function readDdasFile(content: string | Buffer): { file: unknown; version: DdasVersion; warnings: DdasProblem[] } {
  const textContent = (typeof content === 'string' ? content : content.toString('utf8')).replace(/^\uFEFF/, '');
  let file: unknown;
  try {
    file = JSON.parse(textContent);
  } catch (e) {
    throw new DdasInvalidError([{ path: '$', message: `geen geldige JSON: ${(e as Error).message}`, severity: 'fout' }]);
  }
  const detected = detectDdasVersion(file);
  if (!detected.ok) throw new DdasInvalidError([detected.problem, ...errorsOf(validateDdas(file, '1.2'))]);
  const problems = validateDdas(file, detected.version);
  const errors = errorsOf(problems);
  if (errors.length) throw new DdasInvalidError(errors, `Het DDAS-bestand (herkend als v${detected.version})`);
  return { file, version: detected.version, warnings: problems.filter((p) => p.severity === 'waarschuwing') };
}

export async function importDdas(db: Knex, opts: DdasImportOptions): Promise<DdasImportResult> {
  const { file, version, warnings } = readDdasFile(opts.content);
  const model = fromFileObject(file, version);
  const check = checkForImport(model);
  if (check.problems.length) throw new DdasInvalidError(check.problems, `Het DDAS-bestand (v${version})`);
  const sha = createHash('sha256').update(opts.content).digest('hex');
  const supplier = model.supplierCode.trim();
  // Our own delivery describes signals and cases that are already in this database: importing it
  // would count everything twice (and make the next export invalid with duplicate IDs).
  const ownSignal = (model.leveringen ?? []).flatMap((l) => l.signals ?? []).find((sig) => /^VSM-\d+$/.test(sig.id));
  if (supplier === (opts.ownSupplierCode ?? DEFAULT_DDAS_SUPPLIER) || ownSignal) {
    throw new DdasInvalidError(
      [{ path: '$.codeGegevensleverancier', message: `dit is een levering van Vroegsignaal zelf (leverancier "${supplier}"${ownSignal ? `, signaal ${ownSignal.id}` : ''}); die gegevens staan al in de database en worden niet nog eens ingelezen`, severity: 'fout' }],
      'Het DDAS-bestand',
    );
  }
  const leveringen = (model.leveringen ?? []).filter((l) => !opts.gemeenten || opts.gemeenten.includes(l.gemeenteCode));
  const skippedGemeenten = (model.leveringen ?? []).map((l) => l.gemeenteCode).filter((g) => opts.gemeenten && !opts.gemeenten.includes(g));
  const now = opts.now;
  const role = opts.role ?? 'systeem';
  const recordedBy = `import:ddas:${supplier}`;

  const work = async (trx: Knex.Transaction): Promise<DdasImportResult> => {
    const earlierImports = await importBatchesByHash(trx, sha);
    // A monthly delivery refers to signals of earlier months: a case reference to a signal that is
    // neither in this file nor in an earlier import is kept on the case (and linked when a delivery
    // with that signal is imported later), with a warning.
    for (const ref of check.externalRefs) {
      const found = await importedSignalsBySourceKey(trx, sourceKeyOf(supplier, ref.gemeenteCode), [ref.id]);
      if (!found.has(ref.id)) {
        warnings.push({ path: ref.path, message: `vroegsignaal "${ref.id}" staat niet in dit bestand en niet in een eerdere import: de zaak wordt zonder dit signaal geïmporteerd en wacht erop`, severity: 'waarschuwing' });
      }
    }

    const batchId = await insertImportBatch(trx, {
      fileName: opts.fileName, fileSha256: sha, version, supplierCode: supplier, deliveredAt: model.deliveredAt,
      periodStart: model.start, periodEnd: model.end, importedBy: opts.actor,
    }, now);
    const perGemeente: Record<string, DdasImportCounts> = {};
    const sharing: SharingEntry[] = [];
    for (const l of leveringen) {
      const counts = (perGemeente[l.gemeenteCode] = emptyCounts());
      const sourceKey = sourceKeyOf(supplier, l.gemeenteCode);
      const inCase = new Set((l.cases ?? []).flatMap((c) => c.signalIds));
      const existing = await importedSignalsBySourceKey(trx, sourceKey, (l.signals ?? []).map((s) => s.id));
      const received = { naw: 0, geboortedatum: 0, achterstand: 0 };
      for (const s of l.signals ?? []) {
        const client = parseClient(s.client);
        if (!client.ok) throw new Error('client checked before'); // checkForImport refused these
        if (client.client.bsn) counts.clientsWithBsn += 1;
        const partner = await ensurePartner(trx, {
          code: importedPartnerCode(s.partnerType!), name: `${s.partnerType} (geïmporteerd uit DDAS)`, type: s.partnerType as PartnerType,
        }, now);
        const columns = signalColumns(s, partner.id, inCase.has(s.id) || existing.get(s.id)?.caseId != null, model.start, model.end);
        const stored = existing.get(s.id);
        if (stored) {
          const changes = changedSignalColumns(stored.columns, columns);
          // A later delivery may lack a case the earlier one had: the link to the case stays.
          if (stored.caseId !== null) { delete changes.status; delete changes.not_picked_up_reason; }
          if (Object.keys(changes).length) {
            await updateSignalColumns(trx, stored.id, changes);
            await audit(trx, { actor: opts.actor, role, action: 'signaal.bijgewerkt-uit-import', entity: 'signal', entityId: stored.id, old: pick(stored.columns, Object.keys(changes)), new: changes }, now);
            counts.signalsUpdated += 1;
          } else {
            counts.signalsUnchanged += 1;
          }
          continue;
        }
        const householdId = await resolveHousehold(trx, client.client, opts, counts, now);
        const id = await insertImportedSignal(trx, {
          source_key: sourceKey, source_row_id: s.id, business_date: businessDateOf(s, model.start, model.end),
          received_at: null, run_id: null, partner_id: partner.id, household_id: householdId, case_id: null,
          gemeente_code: l.gemeenteCode, partner_reference: '', monthly_rent_cents: null, minor_children: null,
          eviction_threatened: false, eviction_date: null, previous_signal_id: null, import_batch_id: batchId, ...columns,
        }, now);
        existing.set(s.id, { id, caseId: null, householdId, columns });
        await audit(trx, { actor: opts.actor, role, action: 'signaal.geimporteerd', entity: 'signal', entityId: id, new: { batch: batchId, ddasId: s.id }, runId: null }, now);
        counts.signalsNew += 1;
        if (client.client.address || client.client.name) received.naw += 1;
        if (client.client.birthDate) received.geboortedatum += 1;
        if (s.amountEuros !== undefined) received.achterstand += 1;
      }
      for (const c of l.cases ?? []) {
        const refs = await importedSignalsBySourceKey(trx, sourceKey, c.signalIds.filter((id) => !existing.has(id)));
        for (const [k, v] of refs) existing.set(k, v);
        const signals = c.signalIds.filter((id) => existing.has(id)).map((id) => existing.get(id)!);
        const pending = c.signalIds.filter((id) => !existing.has(id)).map((id) => `${sourceKey}|${id}`);
        if (signals.length === 0) {
          counts.casesSkipped += 1;
          warnings.push({ path: `$.leveringen[${(model.leveringen ?? []).indexOf(l)}].vroegsignaalzaken[${(l.cases ?? []).indexOf(c)}]`, message: 'geen enkel signaal van deze zaak is bekend: de zaak is niet geïmporteerd', severity: 'waarschuwing' });
          continue;
        }
        await importCase(trx, c, signals, pending, c.signalIds.map((id) => `${sourceKey}|${id}`), { batchId, version, recordedBy, actor: opts.actor, role, now, periodEnd: model.end }, counts);
      }
      for (const [category, n] of Object.entries(received)) {
        sharing.push({
          businessDate: model.end, direction: 'ontvangen', counterparty: `ddas:${supplier}`, category, recordCount: n, legalBasis: IMPORT_LEGAL_BASIS,
        });
      }
    }
    const totals = emptyCounts();
    for (const c of Object.values(perGemeente)) for (const k of Object.keys(totals) as Array<keyof DdasImportCounts>) totals[k] += c[k];
    const changed = totals.signalsNew + totals.signalsUpdated + totals.casesNew + totals.casesUpdated + totals.attemptsNew + totals.householdsNew > 0;
    let keptBatch: number | null = batchId;
    if (changed) {
      await finishImportBatch(trx, batchId, { perGemeente, totals });
      await logSharing(trx, sharing, now);
      await audit(trx, {
        actor: opts.actor, role, action: 'ddas.geimporteerd', entity: 'ddas_import_batch', entityId: batchId,
        new: { bestand: opts.fileName, versie: version, leverancier: supplier, periode: `${model.start}/${model.end}`, ...totals },
      }, now);
    } else {
      // Nothing new: leave no trace, so importing the same file twice changes nothing.
      await deleteImportBatch(trx, batchId);
      keptBatch = null;
    }
    const result: DdasImportResult = {
      version, supplierCode: supplier, periodStart: model.start, periodEnd: model.end, deliveredAt: model.deliveredAt,
      batchId: opts.dryRun ? null : keptBatch, dryRun: !!opts.dryRun, changed, earlierImports, perGemeente, totals,
      skippedGemeenten, warnings,
    };
    if (opts.dryRun) throw new DryRunRollback(result);
    return result;
  };
  try {
    return await db.transaction(work);
  } catch (e) {
    if (e instanceof DryRunRollback) return e.result;
    throw e;
  }
}

export function sourceKeyOf(supplier: string, gemeenteCode: string): string {
  return `ddas:${supplier}:${gemeenteCode}`;
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

/** The signal's day in our books: its signal date when inside the delivered period, else the start. */
function businessDateOf(s: DdasSignal, start: string, end: string): string {
  return s.signalDate && s.signalDate >= start && s.signalDate <= end ? s.signalDate : start;
}

/** The DDAS-comparable columns of a delivered signal. */
function signalColumns(s: DdasSignal, partnerId: number, inCase: boolean, start: string, end: string): Record<string, unknown> {
  const present = (['crisis', 'warmHandover', 'amountEuros', 'originDate', 'signalDate', 'status'] as const).filter((k) => s[k] !== undefined);
  const st = statusFromDdas(s.status ?? null, inCase);
  return {
    partner_id: partnerId,
    signal_date: s.signalDate ?? businessDateOf(s, start, end),
    arrears_since: s.originDate ?? null,
    arrears_cents: (s.amountEuros ?? 0) * 100,
    crisis: s.crisis ?? false,
    warm_handover: s.warmHandover ?? false,
    status: st.status,
    not_picked_up_reason: st.reason,
    ddas_status: s.status ?? null,
    ddas_fields: JSON.stringify(present),
    is_repeat: s.status === 'Niet opgepakt: herhaalde melding',
  };
}

async function resolveHousehold(
  trx: Knex.Transaction,
  c: ParsedClient,
  opts: DdasImportOptions,
  counts: DdasImportCounts,
  now: Date,
): Promise<number> {
  const hash = c.bsn ? bsnHash(c.bsn, opts.bsnKey) : null;
  if (hash) {
    const byHash = await householdsByBsnHash(trx, hash);
    if (byHash.length) {
      const h = byHash[0];
      // Known so far by BSN only: a later delivery with an address (v0.9) completes it.
      const fill: Record<string, unknown> = {};
      if (h.postcode === '' && c.address) {
        Object.assign(fill, {
          postcode: c.address.postcode, house_number: c.address.houseNumber, house_number_addition: c.address.houseNumberAddition,
          street: h.street ?? c.street, city: h.city ?? c.city,
        });
      }
      if (h.birthDate === null && c.birthDate) fill.birth_date = c.birthDate;
      if (h.lastName.trim() === '' && c.name) Object.assign(fill, { last_name: c.name.lastName, name_key: foldKey(c.name.lastName), prefix: c.name.prefix, initials: c.name.initials });
      if (Object.keys(fill).length) {
        await updateHousehold(trx, h.id, fill, now);
        await audit(trx, { actor: opts.actor, role: opts.role ?? 'systeem', action: 'huishouden.aangevuld-uit-import', entity: 'household', entityId: h.id, new: { velden: Object.keys(fill) } }, now);
      }
      counts.householdsMatched += 1;
      return h.id;
    }
  }
  const who = importedIdentity(c);
  if (c.address && who) {
    // A household with another person's BSN hash is not this client, whatever the address says.
    const candidates = (await householdsAtAddress(trx, c.address.postcode, c.address.houseNumber)).filter((h) => h.bsnHash === null || h.bsnHash === hash);
    const match = matchHousehold(candidates, who);
    if (match) {
      const fill: Record<string, unknown> = {};
      if (hash && match.bsnHash === null) fill.bsn_hash = hash;
      if (match.birthDate === null && c.birthDate) fill.birth_date = c.birthDate;
      if (match.lastName.trim() === '' && c.name) Object.assign(fill, { last_name: c.name.lastName, name_key: foldKey(c.name.lastName), prefix: c.name.prefix, initials: c.name.initials });
      if (Object.keys(fill).length) {
        await updateHousehold(trx, match.id, fill, now);
        // Which fields were filled, never their values (a BSN hash or address does not belong in the trail's text).
        await audit(trx, { actor: opts.actor, role: opts.role ?? 'systeem', action: 'huishouden.aangevuld-uit-import', entity: 'household', entityId: match.id, new: { velden: Object.keys(fill) } }, now);
      }
      counts.householdsMatched += 1;
      return match.id;
    }
  }
  const id = await createImportedHousehold(trx, {
    nameKey: c.name ? foldKey(c.name.lastName) : UNKNOWN_NAME_KEY,
    initials: c.name?.initials ?? null,
    prefix: c.name?.prefix ?? null,
    lastName: c.name?.lastName ?? '',
    birthDate: c.birthDate,
    street: c.street,
    houseNumber: c.address?.houseNumber ?? 0,
    houseNumberAddition: c.address?.houseNumberAddition ?? null,
    // A client known only by BSN has no address: '' / 0 never match a real report's address.
    postcode: c.address?.postcode ?? '',
    city: c.city,
    bsnHash: hash,
  }, now);
  await audit(trx, { actor: opts.actor, role: opts.role ?? 'systeem', action: 'huishouden.aangemaakt-uit-import', entity: 'household', entityId: id }, now);
  counts.householdsNew += 1;
  return id;
}

function attemptKey(a: { kind: string; reached: boolean; date: string; dayPart: string | null }): string {
  return [a.kind, a.reached ? 1 : 0, a.date, a.dayPart ?? ''].join('|');
}

function attemptRow(a: DdasContactAttempt, fallbackDate: string) {
  const present = (['kind', 'reached', 'date', 'dayPart'] as const).filter((k) => a[k] !== undefined);
  return {
    kind: a.kind ?? 'Onbekend', reached: a.reached ?? false, date: a.date ?? fallbackDate, dayPart: a.dayPart ?? null,
    ddasFields: present.length === 4 ? null : JSON.stringify(present),
  };
}

async function importCase(
  trx: Knex.Transaction,
  c: DdasCase,
  signals: ImportedSignalRow[],
  pending: string[],
  allKeys: string[],
  ctx: { batchId: number; version: DdasVersion; recordedBy: string; actor: string; role: string; now: Date; periodEnd: string },
  counts: DdasImportCounts,
): Promise<void> {
  const { now } = ctx;
  const result = c.result !== undefined ? resultFromFile(c.result, ctx.version) : null;
  const ddas = {
    ddas_matching_date: c.matchingDate ?? null,
    ddas_matching_start: c.matchingStart ?? null,
    ddas_matching_end: c.matchingEnd ?? null,
    ddas_picked_up_date: c.pickedUpDate ?? null,
  };
  const attempts = (c.attempts ?? []).map((a) => attemptRow(a, c.pickedUpDate ?? c.matchingDate ?? ctx.periodEnd));
  let existingCaseId = signals.find((s) => s.caseId !== null)?.caseId ?? null;
  // An earlier-imported case may be waiting for one of these signals (it referred to it first).
  for (const key of allKeys) {
    if (existingCaseId !== null) break;
    existingCaseId = await importedCaseWaitingFor(trx, key);
  }
  const existing = existingCaseId !== null ? await getCaseForImport(trx, existingCaseId) : null;
  let caseId: number;
  let changed = false;
  if (existing && existing.importBatchId !== null) {
    caseId = existing.id;
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(ddas) as Array<[keyof typeof ddas, string | null]>) {
      if (v !== null && v !== existing.ddas[k]) fields[k] = v;
    }
    if (result !== null && result !== existing.finalResult) fields.final_result = result;
    if (fields.ddas_matching_end) fields.closed_date = fields.ddas_matching_end;
    const linked = new Set(allKeys.filter((k) => !pending.includes(k)));
    const nextPending = [...new Set([...existing.pending, ...pending])].filter((k) => !linked.has(k)).sort();
    if (JSON.stringify(nextPending) !== JSON.stringify([...existing.pending].sort())) {
      fields.ddas_pending_signal_ids = nextPending.length ? JSON.stringify(nextPending) : null;
    }
    if (Object.keys(fields).length) {
      await updateImportedCase(trx, caseId, fields, now);
      await audit(trx, { actor: ctx.actor, role: ctx.role, action: 'zaak.bijgewerkt-uit-import', entity: 'case', entityId: caseId, caseId, old: pick({ ...existing.ddas, final_result: existing.finalResult }, Object.keys(fields)), new: fields }, now);
      changed = true;
    }
  } else {
    const signalDates = signals.map((s) => String(s.columns.signal_date)).sort();
    const opened = c.pickedUpDate ?? c.matchingDate ?? c.matchingStart ?? signalDates[0] ?? ctx.periodEnd;
    const reachedDates = attempts.filter((a) => a.reached).map((a) => a.date).sort();
    caseId = await insertImportedCase(trx, {
      household_id: signals[0].householdId, status: 'afgesloten', opened_date: opened, opened_run_id: null,
      closed_date: c.matchingEnd ?? ctx.periodEnd, final_result: result, import_batch_id: ctx.batchId,
      first_attempt_date: attempts.map((a) => a.date).sort()[0] ?? null, first_contact_date: reachedDates[0] ?? null,
      ddas_pending_signal_ids: pending.length ? JSON.stringify([...pending].sort()) : null,
      ...ddas,
    }, now);
    await audit(trx, { actor: ctx.actor, role: ctx.role, action: 'zaak.geimporteerd', entity: 'case', entityId: caseId, caseId, new: { batch: ctx.batchId, resultaat: result } }, now);
    counts.casesNew += 1;
  }
  const unlinked = signals.filter((s) => s.caseId !== caseId);
  if (unlinked.length) {
    await linkSignalsToCase(trx, unlinked.map((s) => s.id), caseId);
    for (const s of unlinked) s.caseId = caseId;
    changed = true;
  }
  // Contact attempts merge as a multiset: an attempt already recorded (same kind, reached, date,
  // day part) is not added again, so overlapping deliveries do not double them.
  const stored = new Map<string, number>();
  for (const a of await attemptsOfCase(trx, caseId)) stored.set(attemptKey(a), (stored.get(attemptKey(a)) ?? 0) + 1);
  for (const a of attempts) {
    const key = attemptKey(a);
    const left = stored.get(key) ?? 0;
    if (left > 0) {
      stored.set(key, left - 1);
      continue;
    }
    await insertImportedAttempt(trx, {
      case_id: caseId, kind: a.kind, reached: a.reached, attempt_date: a.date, day_part: a.dayPart,
      recorded_by: ctx.recordedBy, import_batch_id: ctx.batchId, ddas_fields: a.ddasFields,
    }, now);
    counts.attemptsNew += 1;
    changed = true;
  }
  if (existing && existing.importBatchId !== null) {
    if (changed) counts.casesUpdated += 1;
    else counts.casesUnchanged += 1;
  }
}
