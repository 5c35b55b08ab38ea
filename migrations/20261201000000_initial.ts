/**
 * Initial schema. Runs unchanged on SQLite, PostgreSQL and SQL Server:
 * - date-only values are `YYYY-MM-DD` strings and timestamps ISO-8601 UTC strings, so every driver
 *   returns the same text (no driver date conversion, no time-zone drift);
 * - money is integer cents; JSON is text (nvarchar(max) on SQL Server); names are knex strings,
 *   which are NVARCHAR on SQL Server;
 * - no cascading deletes (SQL Server refuses multiple cascade paths) and no unique index on a
 *   nullable column (SQL Server allows only one NULL in it).
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('partners', (t) => {
    t.increments('id').primary();
    t.string('code', 64).notNullable().unique();
    t.string('name', 200).notNullable();
    t.string('type', 40).notNullable();
    t.string('created_at', 30).notNullable();
  });

  await knex.schema.createTable('source_watermarks', (t) => {
    t.string('source_key', 200).primary();
    t.bigInteger('last_row_id').notNullable();
    t.string('updated_at', 30).notNullable();
    t.integer('run_id');
  });

  await knex.schema.createTable('job_runs', (t) => {
    t.increments('id').primary();
    t.string('job', 40).notNullable();
    t.string('business_date', 10);
    t.string('status', 20).notNullable();
    t.string('started_at', 30).notNullable();
    t.string('finished_at', 30);
    t.text('counts_json');
    t.text('error');
    t.string('host', 200);
    t.index(['job', 'business_date']);
  });

  await knex.schema.createTable('households', (t) => {
    t.increments('id').primary();
    t.string('name_key', 200).notNullable();
    t.string('initials', 40);
    t.string('first_name', 200);
    t.string('prefix', 40);
    t.string('last_name', 200).notNullable();
    t.string('birth_date', 10);
    t.string('street', 200);
    t.integer('house_number').notNullable();
    t.string('house_number_addition', 20);
    t.string('postcode', 7).notNullable();
    t.string('city', 100);
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('anonymised_at', 30);
    t.index(['postcode', 'house_number']);
  });

  await knex.schema.createTable('cases', (t) => {
    t.increments('id').primary();
    t.integer('household_id').notNullable().references('id').inTable('households');
    t.string('status', 30).notNullable();
    t.string('opened_date', 10).notNullable();
    t.integer('opened_run_id').references('id').inTable('job_runs');
    t.boolean('eviction_threatened').notNullable().defaultTo(false);
    t.boolean('zorgmelding_required').notNullable().defaultTo(false);
    t.string('zorgmelding_rule', 64);
    t.string('zorgmelding_made_at', 30);
    t.string('assigned_to', 100);
    t.integer('version').notNullable().defaultTo(1);
    t.string('closed_date', 10);
    t.string('final_result', 100);
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.index(['household_id']);
    t.index(['status']);
  });

  await knex.schema.createTable('signals', (t) => {
    t.increments('id').primary();
    t.string('source_key', 200).notNullable();
    t.string('source_row_id', 64).notNullable();
    t.string('origin', 20).notNullable().defaultTo('bron');
    t.string('business_date', 10).notNullable();
    t.string('received_at', 30);
    t.integer('run_id').references('id').inTable('job_runs');
    t.integer('partner_id').notNullable().references('id').inTable('partners');
    t.integer('household_id').notNullable().references('id').inTable('households');
    t.integer('case_id').references('id').inTable('cases');
    t.string('gemeente_code', 4);
    t.string('partner_reference', 100).notNullable();
    t.string('signal_date', 10).notNullable();
    t.string('arrears_since', 10);
    t.integer('arrears_cents').notNullable();
    t.integer('monthly_rent_cents');
    t.integer('minor_children');
    t.boolean('crisis').notNullable().defaultTo(false);
    t.boolean('warm_handover').notNullable().defaultTo(false);
    t.boolean('eviction_threatened').notNullable().defaultTo(false);
    t.string('eviction_date', 10);
    t.string('status', 30).notNullable();
    t.string('not_picked_up_reason', 30);
    t.boolean('is_repeat').notNullable().defaultTo(false);
    t.integer('previous_signal_id');
    t.string('created_at', 30).notNullable();
    t.unique(['source_key', 'source_row_id']);
    t.index(['household_id', 'partner_id']);
    t.index(['business_date']);
    t.index(['case_id']);
  });

  await knex.schema.createTable('quarantine', (t) => {
    t.increments('id').primary();
    t.string('source_key', 200).notNullable();
    t.string('source_row_id', 64).notNullable();
    t.string('business_date', 10).notNullable();
    t.integer('run_id').references('id').inTable('job_runs');
    t.text('raw_json').notNullable();
    t.text('problems_json').notNullable();
    t.string('status', 20).notNullable();
    t.string('resolved_at', 30);
    t.integer('resolved_signal_id');
    t.string('created_at', 30).notNullable();
    t.unique(['source_key', 'source_row_id']);
    t.index(['status']);
  });

  await knex.schema.createTable('rule_decisions', (t) => {
    t.increments('id').primary();
    t.integer('case_id').references('id').inTable('cases');
    t.integer('signal_id').references('id').inTable('signals');
    t.string('phase', 20).notNullable();
    t.string('business_date', 10).notNullable();
    t.integer('run_id').references('id').inTable('job_runs');
    t.string('ruleset_version', 20).notNullable();
    t.string('outcome', 40).notNullable();
    t.string('decided_by_rule', 64);
    t.text('facts_json').notNullable();
    t.text('events_json').notNullable();
    t.text('trace_json').notNullable();
    t.string('created_at', 30).notNullable();
    t.index(['case_id']);
    t.index(['signal_id']);
    t.index(['ruleset_version']);
  });

  await knex.schema.createTable('queue_entries', (t) => {
    t.increments('id').primary();
    t.integer('case_id').notNullable().references('id').inTable('cases');
    t.string('queue', 40).notNullable();
    t.integer('priority').notNullable();
    t.string('deadline', 10).notNullable();
    t.integer('term_workdays').notNullable();
    t.string('decided_by_rule', 64);
    t.integer('decision_id').references('id').inTable('rule_decisions');
    t.string('business_date', 10).notNullable();
    t.string('entered_at', 30).notNullable();
    t.string('left_at', 30);
    t.string('left_reason', 100);
    t.index(['case_id']);
    t.index(['queue', 'left_at']);
  });

  await knex.schema.createTable('data_sharing_log', (t) => {
    t.increments('id').primary();
    t.string('occurred_at', 30).notNullable();
    t.string('business_date', 10);
    t.string('direction', 20).notNullable();
    t.string('counterparty', 60).notNullable();
    t.integer('partner_id').references('id').inTable('partners');
    t.string('category', 40).notNullable();
    t.integer('record_count').notNullable();
    t.string('legal_basis', 300);
    t.integer('consent_id');
    t.integer('case_id').references('id').inTable('cases');
    t.integer('run_id').references('id').inTable('job_runs');
    t.index(['business_date']);
    t.index(['direction', 'counterparty']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id').primary();
    t.string('occurred_at', 30).notNullable();
    t.string('actor', 100).notNullable();
    t.string('role', 40).notNullable();
    t.string('action', 60).notNullable();
    t.string('entity', 40).notNullable();
    t.string('entity_id', 64);
    t.integer('case_id');
    t.text('old_json');
    t.text('new_json');
    t.string('reason', 500);
    t.integer('run_id');
    t.index(['case_id']);
    t.index(['occurred_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'audit_log', 'data_sharing_log', 'queue_entries', 'rule_decisions', 'quarantine', 'signals',
    'cases', 'households', 'job_runs', 'source_watermarks', 'partners',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
