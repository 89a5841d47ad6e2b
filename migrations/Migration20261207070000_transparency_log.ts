import { Migration } from '@mikro-orm/migrations';

/**
 * The transparency log (issue #16): every custody event, wipe record and certificate is a leaf of
 * one append-only Merkle tree (RFC 9162), whose entry is the RFC 8785 canonical JSON of the
 * record's custody fields (no personal data: the actor is an account id, never a name).
 *
 * Why a database trigger rather than a call in the code: events are written by the ORM
 * (`custody-events.ts`), by single SQL statements (the fast transition path, bulk registration,
 * label printing) and may be by paths not written yet; one trigger per table catches them all.
 *
 * Why a DEFERRED constraint trigger that takes an advisory lock: the leaf index is given at
 * commit time, under a transaction-scoped lock, so concurrent writers get consecutive indexes (a
 * rolled-back transaction never took one: no gap; the lock forbids duplicates), leaves follow the
 * order of commits, and the lock is held only for the few instants before the commit — never
 * while the transaction still waits for device rows (no new deadlock). It still runs inside the
 * transaction: a crash or a rollback leaves neither the record nor its leaf.
 *
 * A restore whose account may not disable triggers loads the leaves table after the records: the
 * trigger then finds the record's leaf already there and appends nothing.
 */
export class Migration20261207070000_transparency_log extends Migration {
  override async up(): Promise<void> {
    this.createTables();
    this.createEntryFunctions();
    this.createAppendTriggers();
    this.backfill();
  }

  private createTables(): void {
    this.addSql(`create table "transparency_leaves" (
      "leaf_index" bigint primary key check ("leaf_index" >= 0),
      "kind" text not null check ("kind" in ('event', 'sanitization', 'certificate')),
      "record_id" bigint not null,
      "device_id" int not null,
      "entry" text not null,
      "leaf_hash" bytea not null check (length("leaf_hash") = 32),
      "appended_at" timestamptz not null default now(),
      constraint "transparency_leaves_record_unique" unique ("kind", "record_id")
    );`);
    this.addSql(`create index "transparency_leaves_device_id_index" on "transparency_leaves" ("device_id", "leaf_index");`);
    this.addSql(`create table "transparency_checkpoints" (
      "id" serial primary key,
      "tree_size" bigint not null check ("tree_size" >= 0),
      "root_hash" bytea not null check (length("root_hash") = 32),
      "signed_at" timestamptz not null default now(),
      "key_id" text not null,
      "note" text not null
    );`);
    this.addSql(`create index "transparency_checkpoints_signed_at_index" on "transparency_checkpoints" ("signed_at");`);
    for (const table of ['transparency_leaves', 'transparency_checkpoints']) {
      this.addSql(`create trigger "${table}_no_update_delete" before update or delete on "${table}"
        for each row execute function "events_append_only"();`);
      this.addSql(`create trigger "${table}_no_truncate" before truncate on "${table}"
        for each statement execute function "events_append_only"();`);
    }
  }

  /**
   * The canonical JSON (RFC 8785) of each kind of record, keys already in UTF-16 order, strings
   * escaped by to_json (the same escapes as JSON.stringify), times as ISO 8601 UTC with
   * milliseconds (what JavaScript's Date keeps). api/transparency/entries.ts builds the same
   * bytes from the same fields; a test holds the two equal.
   */
  private createEntryFunctions(): void {
    this.addSql(`create function "jcs_string"(value text) returns text language sql immutable as $$
      select coalesce(to_json(value)::text, 'null') $$;`);
    this.addSql(`create function "jcs_time"(value timestamptz) returns text language sql immutable as $$
      select "jcs_string"(to_char(value at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) $$;`);
    this.addSql(`create function "transparency_event_entry"(id bigint, asset_tag text, type text, from_status text, to_status text, site text, actor_id int, at timestamptz)
      returns text language sql immutable as $$
      select '{"actor":' || actor_id || ',"assetTag":' || "jcs_string"(asset_tag) || ',"at":' || "jcs_time"(at)
        || ',"from":' || "jcs_string"(from_status) || ',"id":' || id || ',"kind":"event","site":' || "jcs_string"(site)
        || ',"to":' || "jcs_string"(to_status) || ',"type":' || "jcs_string"(type) || '}' $$;`);
    this.addSql(`create function "transparency_sanitization_entry"(id bigint, asset_tag text, medium text, category text, technique text, verification text, result text, actor_id int, at timestamptz)
      returns text language sql immutable as $$
      select '{"actor":' || actor_id || ',"assetTag":' || "jcs_string"(asset_tag) || ',"at":' || "jcs_time"(at)
        || ',"category":' || "jcs_string"(category) || ',"id":' || id || ',"kind":"sanitization","medium":' || "jcs_string"(medium)
        || ',"result":' || "jcs_string"(result) || ',"technique":' || "jcs_string"(technique)
        || ',"verification":' || "jcs_string"(verification) || '}' $$;`);
    this.addSql(`create function "transparency_certificate_entry"(id bigint, asset_tag text, method text, actor_id int, at timestamptz)
      returns text language sql immutable as $$
      select '{"actor":' || actor_id || ',"assetTag":' || "jcs_string"(asset_tag) || ',"at":' || "jcs_time"(at)
        || ',"id":' || id || ',"kind":"certificate","method":' || "jcs_string"(method) || '}' $$;`);
    // the entry of a record as the tables hold it now: what a verifier compares with the leaf
    this.addSql(`create view "transparency_records" as
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
      from certificates c join devices d on d.id = c.device_id;`);
  }

  private createAppendTriggers(): void {
    this.addSql(`create function "transparency_append"(kind text, record_id bigint, device_id int, entry text) returns void language plpgsql as $$
      declare next_index bigint;
      begin
        -- one writer at a time appends, until its commit: consecutive indexes, no duplicate
        perform pg_advisory_xact_lock(hashtext('reemploi.transparency_log'));
        if exists (select 1 from "transparency_leaves" l where l.kind = transparency_append.kind and l.record_id = transparency_append.record_id) then
          return;
        end if;
        select coalesce(max("leaf_index") + 1, 0) into next_index from "transparency_leaves";
        insert into "transparency_leaves" ("leaf_index", "kind", "record_id", "device_id", "entry", "leaf_hash")
        values (next_index, kind, record_id, device_id, entry, sha256('\\x00'::bytea || convert_to(entry, 'UTF8')));
      end;
    $$;`);
    // each record's entry read at commit from its row (by primary key: one index lookup, whatever
    // the size of the tables), so that a row completed later in its transaction is logged as committed
    const entryOf: Record<string, string> = {
      event: `(select "transparency_event_entry"(e.id, d.asset_tag, e.type, e.from_status, e.to_status, e.site, e.actor_id, e.at)
        from events e join devices d on d.id = e.device_id where e.id = new.id)`,
      sanitization: `(select "transparency_sanitization_entry"(s.id, d.asset_tag, m.serial_number, s.category, s.technique, s.verification, s.result, s.operator_id, s.finished_at)
        from sanitizations s join devices d on d.id = s.device_id join media m on m.id = s.medium_id where s.id = new.id)`,
      certificate: `(select "transparency_certificate_entry"(c.id, d.asset_tag, c.method_summary, c.issued_by_id, c.issued_at)
        from certificates c join devices d on d.id = c.device_id where c.id = new.id)`,
    };
    for (const [table, kind] of [['events', 'event'], ['sanitizations', 'sanitization'], ['certificates', 'certificate']]) {
      this.addSql(`create function "transparency_log_${kind}"() returns trigger language plpgsql as $$
        begin
          perform "transparency_append"('${kind}', new.id, new.device_id, ${entryOf[kind]});
          return null;
        end;
      $$;`);
      this.addSql(`create constraint trigger "${table}_transparency_log" after insert on "${table}"
        deferrable initially deferred for each row execute function "transparency_log_${kind}"();`);
    }
  }

  /** Records made before the log: leaves in the order of their times, then kinds, then ids. */
  private backfill(): void {
    this.addSql(BACKFILL_LEAVES);
  }

  override async down(): Promise<void> {
    throw new Error('The transparency log is evidence: this migration is not reverted.');
  }
}

/** Exported for the test that replays it on existing data. */
export const BACKFILL_LEAVES = `insert into "transparency_leaves" ("leaf_index", "kind", "record_id", "device_id", "entry", "leaf_hash")
  select row_number() over (order by t.at, t.kind_order, t.record_id) - 1, r.kind, r.record_id, r.device_id, r.entry,
    sha256('\\x00'::bytea || convert_to(r.entry, 'UTF8'))
  from (
    select 'event'::text as kind, 0 as kind_order, id::bigint as record_id, at from events
    union all select 'sanitization', 1, id, created_at from sanitizations
    union all select 'certificate', 2, id, issued_at from certificates
  ) t join "transparency_records" r on r.kind = t.kind and r.record_id = t.record_id;`;
