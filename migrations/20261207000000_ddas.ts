/**
 * DDAS vroegsignalering: import batches (history brought along from the municipality's previous
 * system) and the columns that let an imported delivery be exported again unchanged.
 *
 * - `ddas_import_batches`: one row per imported file (name, content hash, version, supplier code,
 *   delivery date and period, counts).
 * - signals/cases/contact_attempts get `import_batch_id`; signals keep the DDAS status as delivered
 *   and which optional DDAS fields the file had (`ddas_fields`, JSON list), so an absent field is
 *   not exported as a made-up value.
 * - cases keep the DDAS matching/pick-up dates as delivered (our own cases derive them), and the
 *   signal IDs they referred to that were not imported (yet): a monthly delivery refers to signals
 *   of earlier months.
 * - households get `bsn_hash` (HMAC-SHA256 with a secret key: never the number itself) and
 *   `identity_origin` ('ddas-import' for households created by an import without a name).
 *
 * Same portability rules as the initial migration: nullable columns only, no unique index on them.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('ddas_import_batches', (t) => {
    t.increments('id').primary();
    t.string('file_name', 300).notNullable();
    t.string('file_sha256', 64).notNullable();
    t.string('version', 5).notNullable();
    t.string('supplier_code', 100).notNullable();
    t.string('delivered_at', 40).notNullable();
    t.string('period_start', 10).notNullable();
    t.string('period_end', 10).notNullable();
    t.string('imported_at', 30).notNullable();
    t.string('imported_by', 100).notNullable();
    t.text('counts_json').notNullable();
    t.index(['file_sha256']);
  });

  await knex.schema.alterTable('signals', (t) => {
    t.integer('import_batch_id').references('id').inTable('ddas_import_batches');
    t.string('ddas_status', 60);
    t.text('ddas_fields');
    t.index(['import_batch_id']);
  });

  await knex.schema.alterTable('cases', (t) => {
    t.integer('import_batch_id').references('id').inTable('ddas_import_batches');
    t.string('ddas_matching_date', 10);
    t.string('ddas_matching_start', 10);
    t.string('ddas_matching_end', 10);
    t.string('ddas_picked_up_date', 10);
    /** Signal IDs the delivered case referred to that were not (yet) imported: JSON list of "<source_key>|<ID>". */
    t.text('ddas_pending_signal_ids');
  });

  await knex.schema.alterTable('contact_attempts', (t) => {
    t.integer('import_batch_id').references('id').inTable('ddas_import_batches');
    t.text('ddas_fields');
  });

  await knex.schema.alterTable('households', (t) => {
    t.string('bsn_hash', 64);
    t.string('identity_origin', 20);
    t.index(['bsn_hash']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('households', (t) => {
    t.dropIndex(['bsn_hash']);
    t.dropColumn('bsn_hash');
    t.dropColumn('identity_origin');
  });
  await knex.schema.alterTable('contact_attempts', (t) => {
    t.dropForeign(['import_batch_id']);
    t.dropColumn('import_batch_id');
    t.dropColumn('ddas_fields');
  });
  await knex.schema.alterTable('cases', (t) => {
    t.dropForeign(['import_batch_id']);
    for (const c of ['import_batch_id', 'ddas_matching_date', 'ddas_matching_start', 'ddas_matching_end', 'ddas_picked_up_date', 'ddas_pending_signal_ids']) t.dropColumn(c);
  });
  await knex.schema.alterTable('signals', (t) => {
    t.dropIndex(['import_batch_id']);
    t.dropForeign(['import_batch_id']);
    for (const c of ['import_batch_id', 'ddas_status', 'ddas_fields']) t.dropColumn(c);
  });
  await knex.schema.dropTableIfExists('ddas_import_batches');
}
