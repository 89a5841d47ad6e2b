import { Migration } from '@mikro-orm/migrations';

/**
 * The summary's referrals by territory (issue #18): referrals written in the period and distinct
 * residents, per territory. With the referrals already in (territory, resident) order and their
 * date in the index, the count streams from an index-only scan instead of sorting every referral
 * of the period by its territory's text (whole history, 21,000 referrals: 30.7 → 3.3 ms in EXPLAIN).
 */
export class Migration20261209011000_referrals_by_territory_index extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "referrals_territory_beneficiary_index" on "referrals" ("territory", "beneficiary_id") include ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "referrals_territory_beneficiary_index";`);
  }
}
