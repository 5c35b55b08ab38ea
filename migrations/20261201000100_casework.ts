/**
 * Casework along the agreed route (Bijlage 3, steps 3–8): contact attempts, investigation findings,
 * written consents, routes (referrals), municipal approvals, zorgmeldingen and the case status
 * history. Same portability rules as the initial migration.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('cases', (t) => {
    t.string('first_attempt_date', 10);
    t.string('first_contact_date', 10);
    /** What the partner may be told: 'opgepakt' / 'niet-opgepakt:<standaardreden>'. */
    t.string('partner_feedback', 60);
    /** Set on cases worked by the demo's simulated caseworkers. */
    t.boolean('simulated').notNullable().defaultTo(false);
  });

  await knex.schema.createTable('case_status_history', (t) => {
    t.increments('id').primary();
    t.integer('case_id').notNullable().references('id').inTable('cases');
    t.string('from_status', 30);
    t.string('to_status', 30).notNullable();
    t.string('changed_at', 30).notNullable();
    t.string('changed_by', 100).notNullable();
    t.string('reason', 500);
    t.index(['case_id']);
  });

  await knex.schema.createTable('contact_attempts', (t) => {
    t.increments('id').primary();
    t.integer('case_id').notNullable().references('id').inTable('cases');
    /** DDAS EnumContactsoort: Telefoon, Brief, Huisbezoek, … */
    t.string('kind', 40).notNullable();
    t.boolean('reached').notNullable();
    t.string('attempt_date', 10).notNullable();
    /** DDAS EnumDagdeel: Ochtend, Middag, Avond. */
    t.string('day_part', 10);
    /** Internal note for colleagues; never exported or reported. */
    t.text('note');
    t.string('recorded_by', 100).notNullable();
    t.string('created_at', 30).notNullable();
    t.index(['case_id']);
    t.index(['attempt_date']);
  });

  await knex.schema.createTable('case_findings', (t) => {
    t.increments('id').primary();
    t.integer('case_id').notNullable().references('id').inTable('cases');
    /** 'ja' | 'nee' | 'tijdelijk-niet' */
    t.string('debt_arrangement', 20);
    t.boolean('own_strength');
    t.boolean('own_network');
    t.boolean('volunteers');
    /** 'Pw' | 'Ioaw' | 'Ioaz' | 'Bbz' | 'ander-inkomen' | 'geen-inkomen' */
    t.string('income_source', 20);
    /** Approach agreed with the partner (afstemming; the partner knows the collection history). */
    t.boolean('partner_agreed');
    t.string('recorded_by', 100).notNullable();
    t.string('recorded_at', 30).notNullable();
    t.index(['case_id']);
  });

  await knex.schema.createTable('consents', (t) => {
    t.increments('id').primary();
    t.integer('case_id').notNullable().references('id').inTable('cases');
    /** Who signed (the resident, or their representative): personal data. */
    t.string('signed_by', 200).notNullable();
    /** 'netwerk' | 'vrijwilliger' | 'gemeente-inhouding' | 'plangroep' */
    t.string('recipient', 40).notNullable();
    /** Named recipient, e.g. 'Humanitas' or the network contact. */
    t.string('recipient_name', 200);
    /** JSON list of data categories that may be passed on (naw, geboortedatum, huur, …). */
    t.text('data_categories').notNullable();
    t.string('signed_date', 10).notNullable();
    t.string('document_ref', 200).notNullable();
    t.string('withdrawn_date', 10);
    t.string('withdrawn_reason', 500);
    t.string('recorded_by', 100).notNullable();
    t.string('created_at', 30).notNullable();
    t.index(['case_id']);
  });

  await knex.schema.createTable('municipal_approvals', (t) => {
    t.increments('id').primary();
    t.integer('case_id').notNullable().references('id').inTable('cases');
    /** 'budgetbeheer' */
    t.string('subject', 40).notNullable();
    t.string('requested_date', 10).notNullable();
    /** 'aangevraagd' | 'goedgekeurd' | 'afgewezen' */
    t.string('decision', 20).notNullable();
    t.string('decided_by', 100);
    t.string('decided_date', 10);
    /** Cost booked to the municipality (budget management is free for the tenant). */
    t.integer('cost_cents');
    t.string('created_at', 30).notNullable();
    t.index(['case_id']);
  });

  await knex.schema.createTable('case_routes', (t) => {
    t.increments('id').primary();
    t.integer('case_id').notNullable().references('id').inTable('cases');
    /** 'schuldregeling' | 'eigen-kracht' | 'eigen-netwerk' | 'vrijwilliger' | 'inhouding' | 'budgetbeheer' */
    t.string('route', 30).notNullable();
    /** 'gestart' | 'afgerond' | 'gestopt' */
    t.string('status', 20).notNullable();
    t.string('started_date', 10).notNullable();
    t.string('ended_date', 10);
    t.integer('consent_id').references('id').inTable('consents');
    t.integer('approval_id').references('id').inTable('municipal_approvals');
    t.string('recipient_name', 200);
    t.string('recorded_by', 100).notNullable();
    t.string('created_at', 30).notNullable();
    t.index(['case_id']);
  });

  await knex.schema.createTable('zorgmeldingen', (t) => {
    t.increments('id').primary();
    t.integer('case_id').notNullable().references('id').inTable('cases');
    t.string('made_at', 30).notNullable();
    t.string('made_date', 10).notNullable();
    t.string('made_by', 100).notNullable();
    /** The rule that flagged it and the facts that justified it (JSON). */
    t.string('rule', 64);
    t.text('facts_json').notNullable();
    /** "Huurder geïnformeerd": due date and when it was done. */
    t.string('inform_due_date', 10).notNullable();
    t.string('tenant_informed_date', 10);
    t.string('informed_by', 100);
    t.string('created_at', 30).notNullable();
    t.index(['case_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['zorgmeldingen', 'case_routes', 'municipal_approvals', 'consents', 'case_findings', 'contact_attempts', 'case_status_history']) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.schema.alterTable('cases', (t) => {
    t.dropColumn('first_attempt_date');
    t.dropColumn('first_contact_date');
    t.dropColumn('partner_feedback');
    t.dropColumn('simulated');
  });
}
