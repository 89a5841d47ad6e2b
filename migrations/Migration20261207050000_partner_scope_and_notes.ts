import { Migration } from '@mikro-orm/migrations';

/**
 * Partner organisations isolated and erasure reaching every text about a person (#20 §4, §7):
 * - a referral is addressed to one partner organisation (existing ones, and rows written without
 *   it: Emmaüs Connect, the only partner so far);
 * - a cancellation gives a reason from a list; existing free-text notes of cancelled referrals
 *   stay as the optional note, with the reason « autre »;
 * - notifications and e-mails name the person they are about, so that erasure finds them.
 */
export class Migration20261207050000_partner_scope_and_notes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "referrals" add column "partner" varchar(120) not null default 'Emmaüs Connect';`);
    this.addSql(`create index "referrals_partner_index" on "referrals" ("partner", "status");`);

    this.addSql(`alter table "referrals" add column "cancellation_reason" text null
      check ("cancellation_reason" in ('moved_away', 'need_already_met', 'declined', 'entered_by_mistake', 'other'));`);
    this.addSql(`update "referrals" set "cancellation_reason" = 'other' where "status" = 'cancelled' and "status_note" is not null;`);
    this.addSql(`update "referrals" set "refusal_reason" = 'other' where "status" = 'refused' and "status_note" is not null and "refusal_reason" is null;`);

    this.addSql(`alter table "notifications" add column "beneficiary_id" int null references "beneficiaries" ("id");`);
    this.addSql(`create index "notifications_beneficiary_index" on "notifications" ("beneficiary_id") where "beneficiary_id" is not null;`);
    this.addSql(`create index "notifications_created_index" on "notifications" ("created_at");`);
    this.addSql(`alter table "outbox" add column "beneficiary_ids" int[] not null default '{}';`);
    // notifications written before this migration: the person is found through the referral they link to
    this.addSql(`update "notifications" n set "beneficiary_id" = r."beneficiary_id" from "referrals" r
      where n."link" = '/referrals/' || r."id" || '/show' and n."kind" like 'referral%';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "outbox" drop column "beneficiary_ids";`);
    this.addSql(`drop index "notifications_created_index";`);
    this.addSql(`alter table "notifications" drop column "beneficiary_id";`);
    this.addSql(`alter table "referrals" drop column "cancellation_reason";`);
    this.addSql(`drop index "referrals_partner_index";`);
    this.addSql(`alter table "referrals" drop column "partner";`);
  }
}
