import { Migration } from '@mikro-orm/migrations';

/**
 * Environmental and economic factors per device type (each figure with its own source, so a
 * report can print where every number comes from), and stored reports: the workbook's bytes, its
 * parameters and the factor values it used, so a report shown to the steering committee can be
 * produced again exactly.
 */
export class Migration20261123050000_reports extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "factors" (
      "id" serial primary key,
      "device_type" text not null check ("device_type" in ('laptop', 'desktop', 'monitor', 'tablet', 'smartphone', 'printer', 'other')),
      "mass_kg" double precision null check ("mass_kg" >= 0),
      "mass_source" text not null,
      "manufacturing_kgco2e" double precision null check ("manufacturing_kgco2e" >= 0),
      "manufacturing_source" text not null,
      "avoided_method" text not null default 'manufacturing' check ("avoided_method" in ('manufacturing', 'per_year')),
      "avoided_kgco2e_per_year" double precision null check ("avoided_kgco2e_per_year" >= 0),
      "avoided_source" text not null,
      "second_life_years" double precision null check ("second_life_years" > 0 and "second_life_years" <= 20),
      "second_life_source" text not null,
      "reference_new_price_eur" double precision null check ("reference_new_price_eur" >= 0),
      "price_source" text not null,
      "version" varchar(120) not null,
      "published_on" date null,
      "updated_by_id" int null references "users" ("id"),
      "updated_at" timestamptz not null default now(),
      constraint "factors_device_type_unique" unique ("device_type")
    );`);

    this.addSql(`create table "reports" (
      "id" serial primary key,
      "label" varchar(200) not null,
      "period_from" date not null,
      "period_to" date not null,
      "territory" varchar(120) null,
      "factors" jsonb not null,
      "summary" jsonb not null,
      "file" bytea not null,
      "file_size" int not null,
      "sha256" char(64) not null,
      "created_by_id" int not null references "users" ("id"),
      "created_at" timestamptz not null default now(),
      constraint "reports_period_check" check ("period_to" >= "period_from")
    );`);
    this.addSql(`create index "reports_created_at_index" on "reports" ("created_at");`);
    // a stored report is evidence shown to the committee: never rewritten
    this.addSql(`create trigger "reports_no_update" before update on "reports"
      for each row execute function "events_append_only"();`);

    // the time from registration to allocation and the monthly flows read events by status and date
    this.addSql(`create index "events_to_status_at_index" on "events" ("to_status", "at");`);
    this.addSql(`create index "allocations_allocated_at_index" on "allocations" ("allocated_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reports";`);
    this.addSql(`drop table if exists "factors";`);
    this.addSql(`drop index if exists "events_to_status_at_index";`);
    this.addSql(`drop index if exists "allocations_allocated_at_index";`);
  }
}
