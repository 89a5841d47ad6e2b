import { Migration } from '@mikro-orm/migrations';

/**
 * Beneficiaries (minimal personal data), referrals with voucher codes, allocations at a solidarity
 * price under an agreement's caps, and the log of every read of personal data (RGPD).
 */
export class Migration20261123040000_referrals extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "agreements" (
      "id" serial primary key,
      "partner" varchar(120) not null,
      "starts_on" date not null,
      "ends_on" date not null,
      "devices_committed" int not null default 0 check ("devices_committed" >= 0),
      "residents_committed" int not null default 0 check ("residents_committed" >= 0),
      "trainings_committed" int not null default 0 check ("trainings_committed" >= 0),
      "solidarity_sales_committed" int not null default 0 check ("solidarity_sales_committed" >= 0),
      "price_caps" jsonb not null default '{}'::jsonb,
      "reuse_commitment_ref" varchar(200) null,
      "max_device_age_years" int null check ("max_device_age_years" between 1 and 30),
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "agreements_period_check" check ("ends_on" >= "starts_on")
    );`);

    this.addSql(`create table "beneficiaries" (
      "id" serial primary key,
      "first_name" varchar(80) null,
      "last_name" varchar(80) null,
      "birth_year" int null check ("birth_year" between 1900 and 2100),
      "postcode" varchar(5) null check ("postcode" ~ '^[0-9]{5}$'),
      "commune" varchar(120) null,
      "territory" varchar(120) not null,
      "eligibility" text not null check ("eligibility" in ('rsa', 'aah', 'ass', 'aspa', 'css', 'young_insertion', 'other')),
      "phone" varchar(20) null,
      "consent_at" timestamptz not null,
      "consent_recorded_by_id" int not null references "users" ("id"),
      "created_by_id" int not null references "users" ("id"),
      "last_activity_at" timestamptz not null default now(),
      "anonymised_at" timestamptz null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1,
      -- an anonymised person has no identity left; a live one has all of it
      constraint "beneficiaries_identity_check" check (
        ("anonymised_at" is null and "first_name" is not null and "last_name" is not null and "birth_year" is not null and "postcode" is not null)
        or ("anonymised_at" is not null and "first_name" is null and "last_name" is null and "phone" is null and "commune" is null))
    );`);
    this.addSql(`create index "beneficiaries_territory_index" on "beneficiaries" ("territory");`);
    this.addSql(`create index "beneficiaries_last_activity_index" on "beneficiaries" ("last_activity_at") where "anonymised_at" is null;`);

    this.addSql(`create table "referrals" (
      "id" serial primary key,
      "beneficiary_id" int not null references "beneficiaries" ("id"),
      "referrer_id" int not null references "users" ("id"),
      "territory" varchar(120) not null,
      "need" text not null check ("need" in ('laptop', 'desktop', 'monitor', 'tablet', 'smartphone', 'printer', 'other')),
      "training_wanted" boolean not null default false,
      "status" text not null default 'submitted' check ("status" in ('submitted', 'accepted', 'equipped', 'refused', 'cancelled', 'expired')),
      "voucher_code" varchar(9) not null,
      "refusal_reason" text null check ("refusal_reason" in ('unreachable', 'did_not_come', 'not_eligible', 'need_already_met', 'duplicate', 'other')),
      "status_note" varchar(500) null,
      "accepted_at" timestamptz null,
      "accepted_by_id" int null references "users" ("id"),
      "closed_at" timestamptz null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      "version" int not null default 1,
      constraint "referrals_voucher_code_unique" unique ("voucher_code"),
      constraint "referrals_refusal_has_reason" check ("status" <> 'refused' or "refusal_reason" is not null)
    );`);
    this.addSql(`create index "referrals_territory_status_index" on "referrals" ("territory", "status");`);
    this.addSql(`create index "referrals_beneficiary_index" on "referrals" ("beneficiary_id");`);

    this.addSql(`create table "allocations" (
      "id" serial primary key,
      "device_id" int not null references "devices" ("id"),
      "referral_id" int not null references "referrals" ("id"),
      "agreement_id" int not null references "agreements" ("id"),
      "price_cents" int not null check ("price_cents" >= 0),
      "allocated_by_id" int not null references "users" ("id"),
      "allocated_at" timestamptz not null default now(),
      -- a device and a referral are allocated once, whatever the code does
      constraint "allocations_device_unique" unique ("device_id"),
      constraint "allocations_referral_unique" unique ("referral_id")
    );`);

    this.addSql(`create table "access_log" (
      "id" bigserial primary key,
      "user_id" int not null references "users" ("id"),
      "beneficiary_id" int not null references "beneficiaries" ("id"),
      "at" timestamptz not null default now(),
      "route" varchar(200) not null,
      "purpose" varchar(60) not null
    );`);
    this.addSql(`create index "access_log_beneficiary_index" on "access_log" ("beneficiary_id", "at");`);
    this.addSql(`create index "access_log_at_index" on "access_log" ("at");`);
    // readers cannot rewrite who read what; only the retention purge deletes, under its own setting
    this.addSql(`create function "access_log_guard"() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('reemploi.retention_purge', true) = 'on' then
          return old;
        end if;
        raise exception 'access_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
      end;
    $$;`);
    this.addSql(`create trigger "access_log_guard" before update or delete on "access_log" for each row execute function "access_log_guard"();`);

    this.addSql(`create table "job_runs" (
      "id" serial primary key,
      "name" varchar(60) not null,
      "started_at" timestamptz not null default now(),
      "finished_at" timestamptz null,
      "result" jsonb null,
      "error" text null
    );`);
    this.addSql(`create index "job_runs_name_index" on "job_runs" ("name", "started_at");`);
  }

  override async down(): Promise<void> {
    throw new Error('Not reverted: personal data tables are removed by the RGPD procedures, not by a migration.');
  }
}
