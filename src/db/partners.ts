import type { PartnerType } from '../domain/intake';
import { insertReturningId, toInt, type Db } from './rows';

export interface Partner {
  id: number;
  code: string;
  name: string;
  type: PartnerType;
}

function fromRow(r: Record<string, unknown>): Partner {
  return { id: toInt(r.id), code: String(r.code), name: String(r.name), type: r.type as PartnerType };
}

/** The partner with this code, created on first sight. */
export async function ensurePartner(db: Db, p: Omit<Partner, 'id'>, now: Date): Promise<Partner> {
  const row = await db('partners').where({ code: p.code }).first();
  if (row) return fromRow(row);
  const id = await insertReturningId(db, 'partners', { ...p, created_at: now.toISOString() });
  return { id, ...p };
}

export async function listPartners(db: Db): Promise<Partner[]> {
  return (await db('partners').orderBy('id')).map(fromRow);
}
