/**
 * Rows for report tests, inserted straight into the tables (the casework services are not needed to
 * test the report's arithmetic). Every value not given gets a plain default; all data is synthetic.
 */
import type { Knex } from 'knex';
import { insertReturningId } from '../../src/db/rows';

const NOW = '2026-04-01T06:00:00.000Z';
type Fields = Record<string, unknown>;

export class ReportRows {
  constructor(readonly db: Knex) {}

  partner(code: string, name: string, type: string): Promise<number> {
    return insertReturningId(this.db, 'partners', { code, name, type, created_at: NOW });
  }

  household(f: Fields = {}): Promise<number> {
    return insertReturningId(this.db, 'households', {
      name_key: 'berg', last_name: 'Bërg', house_number: 1, postcode: '1111AB', created_at: NOW, updated_at: NOW, ...f,
    });
  }

  case(householdId: number, openedDate: string, f: Fields = {}): Promise<number> {
    return insertReturningId(this.db, 'cases', {
      household_id: householdId, status: 'nieuw', opened_date: openedDate, version: 1, created_at: NOW, updated_at: NOW, ...f,
    });
  }

  signal(
    s: { partnerId: number; householdId: number; businessDate: string; caseId?: number | null; status?: string; reason?: string | null; arrearsCents?: number },
    f: Fields = {},
  ): Promise<number> {
    return insertReturningId(this.db, 'signals', {
      source_key: 'test', source_row_id: `r${Math.random().toString(36).slice(2)}`, business_date: s.businessDate,
      partner_id: s.partnerId, household_id: s.householdId, case_id: s.caseId ?? null, gemeente_code: '0384',
      partner_reference: 'REF-1', signal_date: s.businessDate, arrears_cents: s.arrearsCents ?? 100_000,
      status: s.status ?? (s.caseId ? 'opgepakt' : 'niet-opgepakt'), not_picked_up_reason: s.reason ?? null,
      created_at: NOW, ...f,
    });
  }

  quarantine(businessDate: string, raw: Fields, f: Fields = {}): Promise<number> {
    return insertReturningId(this.db, 'quarantine', {
      source_key: 'test', source_row_id: `q${Math.random().toString(36).slice(2)}`, business_date: businessDate,
      raw_json: JSON.stringify(raw), problems_json: '[]', status: 'open', created_at: NOW, ...f,
    });
  }

  queueEntry(caseId: number, queue: string, businessDate: string, deadline: string, termWorkdays: number): Promise<number> {
    return insertReturningId(this.db, 'queue_entries', {
      case_id: caseId, queue, priority: 5, deadline, term_workdays: termWorkdays, business_date: businessDate, entered_at: NOW,
    });
  }

  attempt(caseId: number, date: string, kind: string, reached: boolean): Promise<number> {
    return insertReturningId(this.db, 'contact_attempts', {
      case_id: caseId, kind, reached, attempt_date: date, recorded_by: 'test', created_at: NOW,
    });
  }

  consent(caseId: number, recipient: string, signedDate: string, categories: string[], f: Fields = {}): Promise<number> {
    return insertReturningId(this.db, 'consents', {
      case_id: caseId, signed_by: 'Zoë Özdemir', recipient, data_categories: JSON.stringify(categories), signed_date: signedDate,
      document_ref: 'DOC-1', recorded_by: 'test', created_at: NOW, ...f,
    });
  }

  approval(caseId: number, requestedDate: string, decision: string, decidedDate: string | null, costCents: number | null): Promise<number> {
    return insertReturningId(this.db, 'municipal_approvals', {
      case_id: caseId, subject: 'budgetbeheer', requested_date: requestedDate, decision, decided_date: decidedDate, cost_cents: costCents, created_at: NOW,
    });
  }

  route(caseId: number, route: string, startedDate: string, f: Fields = {}): Promise<number> {
    return insertReturningId(this.db, 'case_routes', {
      case_id: caseId, route, status: 'gestart', started_date: startedDate, recorded_by: 'test', created_at: NOW, ...f,
    });
  }

  zorgmelding(caseId: number, madeDate: string, dueDate: string, informedDate: string | null): Promise<number> {
    return insertReturningId(this.db, 'zorgmeldingen', {
      case_id: caseId, made_at: `${madeDate}T09:00:00.000Z`, made_date: madeDate, made_by: 'test', facts_json: '{}',
      inform_due_date: dueDate, tenant_informed_date: informedDate, created_at: NOW,
    });
  }

  sharing(f: { date: string; direction: string; counterparty: string; category: string; count: number } & Fields): Promise<number> {
    const { date, direction, counterparty, category, count, ...rest } = f;
    return insertReturningId(this.db, 'data_sharing_log', {
      occurred_at: `${date}T10:00:00.000Z`, business_date: date, direction, counterparty, category, record_count: count, ...rest,
    });
  }

  audit(occurredAt: string, role: string, action: string, actor: string, f: Fields = {}): Promise<number> {
    return insertReturningId(this.db, 'audit_log', { occurred_at: occurredAt, actor, role, action, entity: 'case', ...f });
  }
}
