import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { IDENTITY_CHECKS, type AgreementShop } from './agreement-desk.js';

export { IDENTITY_CHECKS, MAX_SHOPS, SHOP_TEXT_MAX, type AgreementShop, type IdentityCheck } from './agreement-desk.js';

/** A partnership agreement (convention): commitments of both sides and price caps per device type. */
export const Agreement = defineEntity({
  name: 'Agreement',
  tableName: 'agreements',
  properties: {
    id: p.integer().primary(),
    partner: p.string().length(120),
    startsOn: p.date(),
    endsOn: p.date(),
    devicesCommitted: p.integer().default(0),
    residentsCommitted: p.integer().default(0),
    trainingsCommitted: p.integer().default(0),
    solidaritySalesCommitted: p.integer().default(0),
    /** Euros per device type, e.g. { laptop: 150, smartphone: 90 }. */
    priceCaps: p.json<Record<string, number>>(),
    reuseCommitmentRef: p.string().length(200).nullable(),
    maxDeviceAgeYears: p.integer().nullable(),
    identityCheck: p.enum([...IDENTITY_CHECKS]).default('identity_document'),
    shops: p.json<AgreementShop[]>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export type Agreement = InferEntity<typeof Agreement>;
