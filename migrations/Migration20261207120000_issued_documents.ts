import { Migration } from '@mikro-orm/migrations';

/**
 * Every certificate and manifest PDF the server issues is a leaf of the transparency log too
 * (issue #16 §3), by the SHA-256 of its bytes: anyone holding the PDF can ask whether and when
 * the server issued it (GET /api/transparency/documents/:hash, the SHA-256 in hexadecimal), without trusting its word.
 *
 * A document is recorded once per distinct file (`sha256` unique): the PDFs are rendered
 * deterministically (their CreationDate and file ID come from the record), so downloading the
 * same document again gives the same bytes and no new leaf; a new rendering (say, a manifest
 * stamped with a newer checkpoint) is a new file and a new leaf. No personal data: a kind, a
 * reference (certificate number or batch reference), the hash and the time.
 *
 * Leaves are appended by the same deferred trigger mechanism as the other records (see
 * `transparency_log`); a document leaf has no device.
 */
export class Migration20261207120000_issued_documents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "issued_documents" (
      "id" bigserial primary key,
      "kind" text not null check ("kind" in ('certificate', 'batch-certificates', 'manifest')),
      "reference" text not null,
      "sha256" bytea not null unique check (length("sha256") = 32),
      "issued_at" timestamptz not null default now()
    );`);
    this.addSql(`create trigger "issued_documents_no_update_delete" before update or delete on "issued_documents"
      for each row execute function "events_append_only"();`);
    this.addSql(`create trigger "issued_documents_no_truncate" before truncate on "issued_documents"
      for each statement execute function "events_append_only"();`);

    this.addSql(`alter table "transparency_leaves" drop constraint "transparency_leaves_kind_check";`);
    this.addSql(`alter table "transparency_leaves" add constraint "transparency_leaves_kind_check" check ("kind" in ('event', 'sanitization', 'certificate', 'document'));`);
    this.addSql(`alter table "transparency_leaves" alter column "device_id" drop not null;`);

    // keys in UTF-16 order (RFC 8785); the hash in lowercase hexadecimal, as sha256sum prints it
    this.addSql(`create function "transparency_document_entry"(id bigint, document text, reference text, sha256 bytea, at timestamptz)
      returns text language sql immutable as $$
      select '{"at":' || "jcs_time"(at) || ',"document":' || "jcs_string"(document) || ',"id":' || id
        || ',"kind":"document","reference":' || "jcs_string"(reference) || ',"sha256":"' || encode(sha256, 'hex') || '"}' $$;`);
    this.addSql(`create or replace view "transparency_records" as
      select 'event'::text as kind, e.id::bigint as record_id, e.device_id,
        "transparency_event_entry"(e.id, d.asset_tag, e.type, e.from_status, e.to_status, e.site, e.actor_id, e.at) as entry
      from events e join devices d on d.id = e.device_id
      union all
      select 'sanitization', s.id, s.device_id,
        "transparency_sanitization_entry"(s.id, d.asset_tag, m.serial_number, s.category, s.technique, s.verification, s.result, s.operator_id, s.finished_at)
      from sanitizations s join devices d on d.id = s.device_id join media m on m.id = s.medium_id
      union all
      select 'certificate', c.id, c.device_id,
        "transparency_certificate_entry"(c.id, d.asset_tag, c.method_summary, c.issued_by_id, c.issued_at)
      from certificates c join devices d on d.id = c.device_id
      union all
      select 'document', i.id, null::int,
        "transparency_document_entry"(i.id, i.kind, i.reference, i.sha256, i.issued_at)
      from issued_documents i;`);
    this.addSql(`create function "transparency_log_document"() returns trigger language plpgsql as $$
      begin
        perform "transparency_append"('document', new.id, null,
          (select "transparency_document_entry"(i.id, i.kind, i.reference, i.sha256, i.issued_at) from issued_documents i where i.id = new.id));
        return null;
      end;
    $$;`);
    this.addSql(`create constraint trigger "issued_documents_transparency_log" after insert on "issued_documents"
      deferrable initially deferred for each row execute function "transparency_log_document"();`);
  }

  override async down(): Promise<void> {
    throw new Error('The transparency log is evidence: this migration is not reverted.');
  }
}
