/**
 * Operations: the job lease (one runner among many) and retention markers.
 *
 * - `job_leases`: one row per job while a runner holds it; `expires_at` is renewed while the job runs,
 *   so an expired row means its holder died. Taken with a plain insert (primary key violation = held
 *   by someone else) or a conditional update of an expired row: no upsert, so it runs unchanged on
 *   SQLite, PostgreSQL and SQL Server.
 * - `anonymised_at` on signals and quarantine: when the retention job removed their personal data.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('job_leases', (t) => {
    t.string('name', 60).primary();
    t.string('holder', 200).notNullable();
    /** The business date (or month) the holder is working on, for status and messages. */
    t.string('scope', 20);
    t.string('acquired_at', 30).notNullable();
    t.string('renewed_at', 30).notNullable();
    t.string('expires_at', 30).notNullable();
  });
  await knex.schema.alterTable('signals', (t) => {
    t.string('anonymised_at', 30);
  });
  await knex.schema.alterTable('quarantine', (t) => {
    t.string('anonymised_at', 30);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('quarantine', (t) => t.dropColumn('anonymised_at'));
  await knex.schema.alterTable('signals', (t) => t.dropColumn('anonymised_at'));
  await knex.schema.dropTableIfExists('job_leases');
}
