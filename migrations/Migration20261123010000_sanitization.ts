import { Migration } from '@mikro-orm/migrations';

/** Storage media, NIST SP 800-88 sanitization records (append-only) and certificates. */
export class Migration20261123010000_sanitization extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "devices" add column "no_storage" boolean not null default false;`);
    this.addSql(`alter table "events" drop constraint "events_type_check";`);
    this.addSql(`alter table "events" add constraint "events_type_check" check ("type" in (
      'registered', 'imported', 'updated', 'transition', 'moved', 'label_printed',
      'medium_added', 'medium_removed', 'sanitization', 'no_storage'));`);

    this.addSql(`create table "media" (
      "id" serial primary key,
      "device_id" int not null references "devices" ("id"),
      "kind" text not null check ("kind" in ('hdd', 'ssd', 'nvme', 'emmc', 'other')),
      "serial_number" varchar(64) not null,
      "model" varchar(120) null,
      "capacity_gb" int null check ("capacity_gb" between 0 and 1000000),
      "created_by_id" int not null references "users" ("id"),
      "created_at" timestamptz not null default now(),
      constraint "media_serial_number_unique" unique ("serial_number"),
      constraint "media_serial_number_normalised" check ("serial_number" = upper(btrim("serial_number")) and "serial_number" <> '')
    );`);
    this.addSql(`create index "media_device_id_index" on "media" ("device_id");`);

    this.addSql(`create table "sanitizations" (
      "id" serial primary key,
      "medium_id" int not null references "media" ("id"),
      "device_id" int not null references "devices" ("id"),
      "category" text not null check ("category" in ('clear', 'purge', 'destroy')),
      "technique" text not null check ("technique" in ('overwrite_zeros', 'overwrite_ones', 'overwrite_prng', 'overwrite_dod_short',
        'overwrite_dod_full', 'overwrite_gutmann', 'overwrite_other', 'ata_secure_erase', 'nvme_sanitize', 'nvme_format',
        'crypto_erase', 'degauss', 'shred', 'disintegrate')),
      "tool" varchar(120) not null,
      "tool_version" varchar(40) null,
      "started_at" timestamptz not null,
      "finished_at" timestamptz not null,
      "passes" int null check ("passes" between 0 and 100),
      "verification" text not null check ("verification" in ('none', 'last_pass', 'all_passes')),
      "result" text not null check ("result" in ('success', 'failure')),
      "errors" text null,
      "operator_id" int not null references "users" ("id"),
      "source" text not null check ("source" in ('manual', 'nwipe_log', 'nwipe_json')),
      "source_key" varchar(64) null,
      "host_serial" varchar(64) null,
      "created_at" timestamptz not null default now(),
      constraint "sanitizations_source_key_unique" unique ("source_key"),
      constraint "sanitizations_finished_after_start" check ("finished_at" >= "started_at")
    );`);
    this.addSql(`create index "sanitizations_medium_id_index" on "sanitizations" ("medium_id");`);
    this.addSql(`create index "sanitizations_device_id_index" on "sanitizations" ("device_id");`);
    // proof of wiping is evidence: never rewritten, like the chain of custody
    this.addSql(`create trigger "sanitizations_no_update_delete" before update or delete on "sanitizations"
      for each row execute function "events_append_only"();`);
    this.addSql(`create trigger "sanitizations_no_truncate" before truncate on "sanitizations"
      for each statement execute function "events_append_only"();`);

    this.addSql(`create table "certificates" (
      "id" serial primary key,
      "number" varchar(40) not null,
      "device_id" int not null references "devices" ("id"),
      "issued_at" timestamptz not null default now(),
      "issued_by_id" int not null references "users" ("id"),
      "sanitization_ids" jsonb not null,
      "method_summary" varchar(200) not null,
      constraint "certificates_number_unique" unique ("number")
    );`);
    this.addSql(`create index "certificates_device_id_index" on "certificates" ("device_id");`);
    this.addSql(`create sequence "certificate_seq" start 1;`);
  }

  override async down(): Promise<void> {
    throw new Error('Sanitization records are evidence: this migration is not reverted.');
  }
}
