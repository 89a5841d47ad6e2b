import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in through the Département's identity providers (OpenID Connect): accounts linked by the
 * provider's issuer and subject (never by e-mail), accounts without a Réemploi password, the
 * claim → role/territory rules an admin edits, and the access requests of agents no rule covers.
 */
export class Migration20261207010000_oidc_sign_in extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" alter column "password_hash" drop not null;`);
    this.addSql(`alter table "users" add column "oidc_issuer" varchar(255) null, add column "oidc_subject" varchar(255) null,
      add column "role_from_mapping" boolean not null default false;`);
    this.addSql(`alter table "users" add constraint "users_oidc_identity_unique" unique ("oidc_issuer", "oidc_subject");`);
    this.addSql(`alter table "users" add constraint "users_oidc_identity_whole" check (("oidc_issuer" is null) = ("oidc_subject" is null));`);

    this.addSql(`create table "oidc_mappings" (
      "id" serial primary key,
      "provider" varchar(30) null,
      "claim" varchar(100) not null,
      "value" varchar(200) not null,
      "role" varchar(20) null,
      "territory" varchar(120) null,
      "priority" int not null default 100,
      "created_at" timestamptz not null default now(),
      constraint "oidc_mappings_gives_something" check ("role" is not null or "territory" is not null)
    );`);

    this.addSql(`create table "access_requests" (
      "id" serial primary key,
      "provider" varchar(30) not null,
      "issuer" varchar(255) not null,
      "subject" varchar(255) not null,
      "email" varchar(254) not null,
      "name" varchar(120) not null,
      "claims" jsonb not null default '{}',
      "user_id" int null references "users" ("id"),
      "status" varchar(10) not null default 'pending' check ("status" in ('pending', 'approved', 'refused')),
      "requested_at" timestamptz not null default now(),
      "decided_at" timestamptz null,
      "decided_by_id" int null references "users" ("id"),
      constraint "access_requests_identity_unique" unique ("issuer", "subject")
    );`);
    this.addSql(`create index "access_requests_status_index" on "access_requests" ("status", "requested_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "access_requests";`);
    this.addSql(`drop table "oidc_mappings";`);
    this.addSql(`alter table "users" drop constraint "users_oidc_identity_whole", drop constraint "users_oidc_identity_unique";`);
    this.addSql(`alter table "users" drop column "role_from_mapping", drop column "oidc_subject", drop column "oidc_issuer";`);
    this.addSql(`alter table "users" alter column "password_hash" set not null;`);
  }
}
