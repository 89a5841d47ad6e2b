import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox can send to an address that is no account (a transparency-log witness: the partner,
 * the DPO): `user_id` becomes optional. Messages to users keep their user, as before.
 */
export class Migration20261207120000_outbox_to_address extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "outbox" alter column "user_id" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "outbox" where "user_id" is null;`);
    this.addSql(`alter table "outbox" alter column "user_id" set not null;`);
  }
}
