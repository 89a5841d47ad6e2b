import { Migration } from '@mikro-orm/migrations';

/**
 * A wipe recorded with its end time only (a one-click record at the wiping station, or an nwipe
 * log without a start time): the start stays empty instead of an invented "one hour before".
 */
export class Migration20261207020000_wipe_end_time_only extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "sanitizations" alter column "started_at" drop not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`update "sanitizations" set "started_at" = "finished_at" where "started_at" is null;`);
    this.addSql(`alter table "sanitizations" alter column "started_at" set not null;`);
  }
}
