import { Migration } from '@mikro-orm/migrations';

/**
 * Reading the current entry of a page of records fast (`GET /api/transparency/leaves`, what
 * `verify-custody --url` reads): one page of 5,000 leaves took 25–55 s on the 100k-device dataset.
 * EXPLAIN showed two causes:
 *
 * - A filter on the `transparency_records` view never reached its branches: their `record_id`
 *   had different types (bigint for events and documents, int cast implicitly by the UNION for
 *   wipes and certificates), and PostgreSQL does not push a condition into a UNION whose
 *   branches' types differ. Every page therefore computed the entry of all 1.15 million records,
 *   then kept 5,000. Each branch now gives its types explicitly, so a condition on `kind` and
 *   `record_id` is pushed into each branch (where `kind` is a constant: the other kinds' ids
 *   fold away); the expression indexes let the wipe and certificate branches find their
 *   `id::bigint` by index.
 * - The entry functions were declared IMMUTABLE while `to_json` and `to_char` are only STABLE,
 *   so PostgreSQL refused to inline them and ran each as a separate SQL function call: ~60 µs an
 *   entry. Declared STABLE (what they are), they are inlined: ~6 µs. The trigger that appends a
 *   leaf reads its entry with the same functions, under the log's lock, so commits are shorter
 *   too. Same bytes either way (the functions' text is unchanged).
 */
export class Migration20261208010000_transparency_records_lookup extends Migration {
  override async up(): Promise<void> {
    for (const signature of [
      `"jcs_string"(text)`,
      `"jcs_time"(timestamptz)`,
      `"transparency_event_entry"(bigint, text, text, text, text, text, int, timestamptz)`,
      `"transparency_sanitization_entry"(bigint, text, text, text, text, text, text, int, timestamptz)`,
      `"transparency_certificate_entry"(bigint, text, text, int, timestamptz)`,
      `"transparency_document_entry"(bigint, text, text, bytea, timestamptz)`,
    ]) {
      this.addSql(`alter function ${signature} stable;`);
    }
    this.addSql(`create or replace view "transparency_records" as
      select 'event'::text as kind, e.id::bigint as record_id, e.device_id,
        "transparency_event_entry"(e.id, d.asset_tag, e.type, e.from_status, e.to_status, e.site, e.actor_id, e.at) as entry
      from events e join devices d on d.id = e.device_id
      union all
      select 'sanitization'::text, s.id::bigint, s.device_id,
        "transparency_sanitization_entry"(s.id, d.asset_tag, m.serial_number, s.category, s.technique, s.verification, s.result, s.operator_id, s.finished_at)
      from sanitizations s join devices d on d.id = s.device_id join media m on m.id = s.medium_id
      union all
      select 'certificate'::text, c.id::bigint, c.device_id,
        "transparency_certificate_entry"(c.id, d.asset_tag, c.method_summary, c.issued_by_id, c.issued_at)
      from certificates c join devices d on d.id = c.device_id
      union all
      select 'document'::text, i.id::bigint, null::int,
        "transparency_document_entry"(i.id, i.kind, i.reference, i.sha256, i.issued_at)
      from issued_documents i;`);
    this.addSql(`create index "sanitizations_id_bigint_index" on "sanitizations" (("id"::bigint));`);
    this.addSql(`create index "certificates_id_bigint_index" on "certificates" (("id"::bigint));`);
    // the planner's estimates for the new expressions (else it expects most rows to match)
    this.addSql(`analyze "sanitizations";`);
    this.addSql(`analyze "certificates";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "certificates_id_bigint_index";`);
    this.addSql(`drop index "sanitizations_id_bigint_index";`);
  }
}
