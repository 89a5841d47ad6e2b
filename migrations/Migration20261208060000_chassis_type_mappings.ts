import { Migration } from '@mikro-orm/migrations';

/**
 * The « Type » values an admin mapped to a device type from the import report (issue #15 §3):
 * read with the built-in table of api/devices/chassis-types.ts by the device import and the GLPI
 * inventory import. `key` is the value as chassis-types.ts looks it up; `label` as the file wrote it.
 */
export class Migration20261208060000_chassis_type_mappings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "chassis_type_mappings" (
      "id" serial primary key,
      "key" varchar(120) not null unique,
      "label" varchar(120) not null,
      "device_type" text not null check ("device_type" in ('laptop', 'desktop', 'monitor', 'tablet', 'smartphone', 'printer', 'other')),
      "created_by" int not null references "users" ("id"),
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now()
    );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "chassis_type_mappings";`);
  }
}
