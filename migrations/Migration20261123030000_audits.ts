import { Migration } from '@mikro-orm/migrations';

/** Depot stock-takes: expected vs scanned, missing devices flagged until found or written off. */
export class Migration20261123030000_audits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audits" (
      "id" serial primary key,
      "site" varchar(120) not null,
      "status" text not null default 'open' check ("status" in ('open', 'paused', 'closed')),
      "started_by_id" int not null references "users" ("id"),
      "started_at" timestamptz not null default now(),
      "closed_by_id" int null references "users" ("id"),
      "closed_at" timestamptz null,
      "version" int not null default 1
    );`);
    // the devices the system placed at the site when the stock-take started
    this.addSql(`create table "audit_expected" (
      "audit_id" int not null references "audits" ("id"),
      "device_id" int not null references "devices" ("id"),
      primary key ("audit_id", "device_id")
    );`);
    this.addSql(`create table "audit_scans" (
      "id" serial primary key,
      "audit_id" int not null references "audits" ("id"),
      "code" varchar(64) not null,
      "device_id" int null references "devices" ("id"),
      "result" text not null check ("result" in ('found', 'unexpected', 'unknown')),
      "scanned_by_id" int not null references "users" ("id"),
      "scanned_at" timestamptz not null default now(),
      -- two operators scanning the same shelf: the second scan of a code is a duplicate, by construction
      constraint "audit_scans_code_unique" unique ("audit_id", "code")
    );`);
    this.addSql(`create index "audit_scans_device_id_index" on "audit_scans" ("device_id");`);

    this.addSql(`alter table "devices" add column "missing_since" timestamptz null;`);
    this.addSql(`alter table "devices" add column "missing_audit_id" int null references "audits" ("id");`);

    this.addSql(`alter table "events" drop constraint "events_type_check";`);
    this.addSql(`alter table "events" add constraint "events_type_check" check ("type" in (
      'registered', 'imported', 'updated', 'transition', 'moved', 'label_printed',
      'medium_added', 'medium_removed', 'sanitization', 'no_storage', 'audited', 'missing', 'found'));`);
  }

  override async down(): Promise<void> {
    throw new Error('Stock-takes are part of the chain of custody: this migration is not reverted.');
  }
}
