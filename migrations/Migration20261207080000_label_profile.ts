import { Migration } from '@mikro-orm/migrations';

/** The label profile each user last printed with (A4 sheet or thermal roll), proposed again next time. */
export class Migration20261207080000_label_profile extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "label_profile" varchar(40) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "users" drop column "label_profile";`);
  }
}
