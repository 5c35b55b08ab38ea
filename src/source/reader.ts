/**
 * Reads the central reporting point incrementally through knex, so the same code reads the demo
 * SQLite file and a municipality's SQL Server table or view. Rows are read in source-id order above
 * the watermark and up to the end of the business date (source timestamps are Amsterdam wall-clock
 * time, as SQL Server `datetime2` columns normally hold them).
 */
import type { Knex } from 'knex';
import { SourceError } from '../errors';
import { addDays, amsterdamInstant } from '../domain/dates';
import { REPORT_FIELDS, type RawReport, type ReportField } from '../domain/intake';

export interface SourceRow {
  rowId: number;
  /** UTC ISO timestamp of arrival, or null when the source has none. */
  receivedAt: string | null;
  raw: RawReport;
}

export class SourceReader {
  constructor(
    private readonly db: Knex,
    private readonly table: string,
    private readonly columns: Record<ReportField, string>,
  ) {}

  /** Identifies the source in the watermark table. */
  get key(): string {
    return `bron:${this.table}`;
  }

  /** Checks that the table and every mapped column exist; names what is missing. */
  async check(): Promise<void> {
    let info: Record<string, unknown>;
    try {
      info = await this.db(this.table).columnInfo();
    } catch (e) {
      throw new SourceError(`Brontabel ${this.table} kan niet worden gelezen: ${(e as Error).message}`);
    }
    const present = new Set(Object.keys(info).map((c) => c.toLowerCase()));
    if (present.size === 0) throw new SourceError(`Brontabel ${this.table} bestaat niet (VS_SOURCE_TABLE)`);
    const missing = (Object.entries(this.columns) as Array<[ReportField, string]>)
      .filter(([, col]) => !present.has(col.toLowerCase()))
      .map(([field, col]) => `${col} (${REPORT_FIELDS[field]}, veld "${field}")`);
    if (missing.length) {
      throw new SourceError(
        `Brontabel ${this.table} mist kolommen: ${missing.join(', ')}. Pas VS_SOURCE_COLUMNS aan.`,
        { missing },
      );
    }
  }

  /**
   * Up to `limit` rows with id above `afterRowId`, received before the end of `businessDate`
   * (Amsterdam), in id order.
   */
  async readBatch(afterRowId: number, businessDate: string, limit: number): Promise<SourceRow[]> {
    const c = this.columns;
    const cutoff = `${addDays(businessDate, 1)} 00:00:00`;
    const select = (Object.entries(c) as Array<[ReportField, string]>).map(([field, col]) => ({ [field]: col }));
    const rows = await this.db(this.table)
      .select(Object.assign({}, ...select))
      .where(c.sourceRowId, '>', afterRowId)
      .andWhere(c.receivedAt, '<', cutoff)
      .orderBy(c.sourceRowId)
      .limit(limit);
    return rows.map((r: Record<string, unknown>) => {
      const rowId = Number(r.sourceRowId);
      if (!Number.isSafeInteger(rowId)) {
        throw new SourceError(`Bronkolom ${c.sourceRowId} moet een oplopend geheel getal zijn (gevonden: ${String(r.sourceRowId)})`);
      }
      return { rowId, receivedAt: toUtcIso(r.receivedAt), raw: r as RawReport };
    });
  }
}

/** Source wall-clock time (text, or a Date the driver built from it as if it were UTC) → UTC ISO. */
function toUtcIso(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  let date: string;
  let time: string;
  if (v instanceof Date) {
    const iso = v.toISOString();
    date = iso.slice(0, 10);
    time = iso.slice(11, 19);
  } else {
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)/.exec(String(v));
    if (!m) return null;
    date = m[1];
    time = m[2].length === 5 ? `${m[2]}:00` : m[2];
  }
  return amsterdamInstant(date, time).toISOString();
}
