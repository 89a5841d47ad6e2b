import { Migration } from '@mikro-orm/migrations';

/** Handover batches to the partner, partner organisations, refurbishment grade. */
export class Migration20261123020000_handover extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "organisation" varchar(120) null;`);
    this.addSql(`update "users" set "organisation" = 'Emmaüs Connect' where "role" = 'partner';`);
    this.addSql(`alter table "users" add constraint "users_partner_organisation_check" check ("role" <> 'partner' or "organisation" is not null);`);

    this.addSql(`create table "batches" (
      "id" serial primary key,
      "reference" varchar(20) not null,
      "site" varchar(120) not null,
      "partner" varchar(120) not null,
      "planned_at" date null,
      "status" text not null default 'draft' check ("status" in ('draft', 'ready', 'picked_up', 'disputed', 'closed')),
      "notes" text null,
      "created_by_id" int not null references "users" ("id"),
      "ready_at" timestamptz null,
      "ready_by_id" int null references "users" ("id"),
      "picked_up_at" timestamptz null,
      "picked_up_by_id" int null references "users" ("id"),
      "discrepancy" text null,
      "missing_asset_tags" jsonb null,
      "closed_at" timestamptz null,
      "version" int not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "batches_reference_unique" unique ("reference"),
      constraint "batches_disputed_has_discrepancy" check ("status" <> 'disputed' or "discrepancy" is not null)
    );`);
    this.addSql(`create index "batches_status_index" on "batches" ("status");`);

    this.addSql(`alter table "devices" add column "batch_id" int null references "batches" ("id");`);
    this.addSql(`alter table "devices" add column "refurbished_grade" text null check ("refurbished_grade" in ('A', 'B', 'C'));`);
    this.addSql(`create index "devices_batch_id_index" on "devices" ("batch_id");`);
    // a device in a batch always names its batch
    this.addSql(`alter table "devices" add constraint "devices_in_batch_has_batch" check ("status" <> 'in_batch' or "batch_id" is not null);`);

  }

  override async down(): Promise<void> {
    throw new Error('Handover batches are part of the chain of custody: this migration is not reverted.');
  }
}
