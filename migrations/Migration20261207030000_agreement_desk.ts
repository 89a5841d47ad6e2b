import { Migration } from '@mikro-orm/migrations';

/**
 * What the agreement says about meeting residents: how the reception desk checks who comes with a
 * voucher, and the partner's shops (address, opening hours, how to get there) printed on the voucher.
 * Agreements already stored keep asking for an identity document, as the voucher did until now.
 */
export class Migration20261207030000_agreement_desk extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "agreements"
      add column "identity_check" text not null default 'identity_document'
        constraint "agreements_identity_check_check" check ("identity_check" in ('voucher_and_first_name', 'identity_document')),
      add column "shops" jsonb not null default '[]'
        constraint "agreements_shops_check" check (jsonb_typeof("shops") = 'array');`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "agreements" drop column "identity_check", drop column "shops";`);
  }
}
