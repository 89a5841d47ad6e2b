import { Migration } from '@mikro-orm/migrations';

/**
 * The latest hardware inventory of a device (issue #15 §1): the GLPI agent's JSON as received,
 * gzip-compressed and size-capped by the API, its SHA-256 (posting the same inventory again changes
 * nothing) and what we read from it (specs, disks, batteries with their health).
 */
export class Migration20261207100000_device_inventories extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "device_inventories" (
      "device_id" int primary key references "devices" ("id"),
      "digest" text not null,
      "raw_gzip" bytea not null,
      "raw_size" int not null,
      "summary" jsonb not null,
      "received_at" timestamptz not null,
      "received_by" int not null references "users" ("id")
    );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "device_inventories";`);
  }
}
