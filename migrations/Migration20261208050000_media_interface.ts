import { Migration } from '@mikro-orm/migrations';

/**
 * The interface of a storage medium (SATA, NVMe, USB…) as the GLPI agent's inventory names it, shown
 * with the medium on the device page (issue #15 §1). Media already read from an inventory get theirs.
 */
export class Migration20261208050000_media_interface extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "media" add column "interface" varchar(40) null;`);
    this.addSql(`update "media" m set "interface" = left(disk ->> 'interface', 40)
      from "device_inventories" i, jsonb_array_elements(i."summary" -> 'storages') disk
      where i."device_id" = m."device_id" and disk ->> 'serialNumber' = m."serial_number" and disk ->> 'interface' is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "media" drop column "interface";`);
  }
}
