import { Migration } from '@mikro-orm/migrations';

/** Users, devices and their append-only chain of custody. */
export class Migration20261123000000_foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);

    this.addSql(`create table "users" (
      "id" serial primary key,
      "email" varchar(254) not null,
      "name" varchar(120) not null,
      "role" text not null check ("role" in ('admin', 'it_staff', 'partner', 'social_worker', 'viewer')),
      "territory" varchar(120) null,
      "password_hash" varchar(255) not null,
      "active" boolean not null default true,
      "token_version" int not null default 0,
      "last_login_at" timestamptz null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "users_social_worker_territory_check" check ("role" <> 'social_worker' or "territory" is not null)
    );`);
    this.addSql(`create unique index "users_email_unique" on "users" (lower("email"));`);

    this.addSql(`create sequence "asset_tag_seq" start 1;`);
    this.addSql(`create table "devices" (
      "id" serial primary key,
      "asset_tag" varchar(32) not null,
      "inventory_number" varchar(64) null,
      "serial_number" varchar(64) null,
      "hostname" varchar(64) null,
      "type" text not null check ("type" in ('laptop', 'desktop', 'monitor', 'tablet', 'smartphone', 'printer', 'other')),
      "brand" varchar(64) null,
      "model" varchar(120) null,
      "cpu" varchar(120) null,
      "ram_gb" int null check ("ram_gb" between 0 and 4096),
      "storage_summary" varchar(120) null,
      "year" int null check ("year" between 1980 and 2100),
      "condition_grade" text null check ("condition_grade" in ('A', 'B', 'C', 'D')),
      "origin_site" varchar(120) not null,
      "site" varchar(120) not null,
      "status" text not null default 'registered' check ("status" in ('registered', 'sanitized', 'quarantined', 'in_batch', 'handed_over', 'refurbished', 'recycled', 'allocated', 'withdrawn')),
      "certificate_number" varchar(40) null,
      "notes" text null,
      "label_printed_at" timestamptz null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "devices_asset_tag_unique" unique ("asset_tag"),
      constraint "devices_serial_number_unique" unique ("serial_number"),
      constraint "devices_serial_number_normalised" check ("serial_number" = upper(btrim("serial_number")) and "serial_number" <> '')
    );`);
    this.addSql(`create index "devices_status_index" on "devices" ("status");`);
    this.addSql(`create index "devices_site_index" on "devices" ("site");`);
    this.addSql(`create index "devices_type_index" on "devices" ("type");`);
    this.addSql(`create index "devices_created_at_index" on "devices" ("created_at");`);
    // free-text search over tag, serial, inventory number and model
    this.addSql(`create index "devices_search_trgm" on "devices" using gin (
      (coalesce("asset_tag", '') || ' ' || coalesce("serial_number", '') || ' ' || coalesce("inventory_number", '') || ' ' || coalesce("model", '')) gin_trgm_ops
    );`);

    this.addSql(`create table "events" (
      "id" bigserial primary key,
      "device_id" int not null references "devices" ("id"),
      "type" text not null check ("type" in ('registered', 'imported', 'updated', 'transition', 'moved', 'label_printed')),
      "from_status" text null,
      "to_status" text null,
      "actor_id" int not null references "users" ("id"),
      "at" timestamptz not null default now(),
      "site" varchar(120) null,
      "reason" text null,
      "details" jsonb null
    );`);
    this.addSql(`create index "events_device_id_at_index" on "events" ("device_id", "at");`);
    this.addSql(`create index "events_at_index" on "events" ("at");`);

    // The chain of custody is append-only, enforced by the database itself.
    this.addSql(`create function "events_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception '% is append-only: % is not allowed (chain of custody and proofs are never rewritten)', tg_table_name, tg_op
          using errcode = 'insufficient_privilege';
      end;
    $$;`);
    this.addSql(`create trigger "events_no_update_delete" before update or delete on "events"
      for each row execute function "events_append_only"();`);
    this.addSql(`create trigger "events_no_truncate" before truncate on "events"
      for each statement execute function "events_append_only"();`);
  }

  override async down(): Promise<void> {
    throw new Error('The foundation migration cannot be reverted: the chain of custody is kept forever.');
  }
}
