import { numberInRange, recordId, z } from '../core/zod.js';
import { oneOrMany } from '../core/simple-rest.js';
import { DEVICE_TYPES } from '../devices/lifecycle.js';
import { ELIGIBILITY_BASES } from './beneficiary.entity.js';
import { CANCELLATION_REASONS, REFERRAL_STATUSES, REFUSAL_REASONS } from './referral.entity.js';

const name = z.string().trim().min(1, 'obligatoire').max(80);
const CURRENT_YEAR = new Date().getFullYear();
const BIRTH_YEARS = { min: CURRENT_YEAR - 110, max: CURRENT_YEAR - 10, integer: true };

/** Only what the service needs (RGPD minimisation): no free text about the person's situation. */
export const BeneficiaryFields = {
  firstName: name,
  lastName: name,
  /** A person of 10 to 110 years of age. */
  birthYear: numberInRange(BIRTH_YEARS, `Année de naissance attendue, de ${BIRTH_YEARS.min} à ${BIRTH_YEARS.max}.`),
  postcode: z.string().trim().regex(/^\d{5}$/, 'code postal à 5 chiffres'),
  commune: z.string().trim().max(120).nullish().transform((value) => value || null),
  eligibility: z.enum(ELIGIBILITY_BASES),
  phone: z
    .string()
    .trim()
    .regex(/^(\+33|0)[1-9](\s?\d{2}){4}$/, 'numéro de téléphone français attendu')
    .nullish()
    .transform((value) => (value ? value.replace(/\s/g, '') : null)),
  /** The person agreed to the processing; the date and who recorded it are stored. */
  consent: z.literal(true, { error: 'le consentement de la personne est obligatoire' }),
  /** Admins choose the territory; a social worker's is always their own. */
  territory: z.string().trim().min(2).max(120).optional(),
};

export const BeneficiaryCreateSchema = z.object(BeneficiaryFields).openapi('BeneficiaryCreate');

export const BeneficiaryUpdateSchema = z
  .object({
    firstName: name.optional(),
    lastName: name.optional(),
    birthYear: BeneficiaryFields.birthYear.optional(),
    postcode: BeneficiaryFields.postcode.optional(),
    commune: BeneficiaryFields.commune.optional(),
    eligibility: BeneficiaryFields.eligibility.optional(),
    phone: BeneficiaryFields.phone.optional(),
    version: z.number().int().positive(),
  })
  .openapi('BeneficiaryUpdate');

export const ReferralCreateSchema = z
  .object({
    /** An existing beneficiary of the territory, or the person's details to create one. */
    beneficiary: z.union([recordId, z.object(BeneficiaryFields)]),
    need: z.enum(DEVICE_TYPES),
    trainingWanted: z.boolean().default(false),
    /** The partner organisation it is addressed to; by default, the one whose agreement is in force. */
    partner: z.string().trim().min(2).max(120).optional(),
  })
  .openapi('ReferralCreate');

/** The optional note that goes with a reason from the list: erasure of the person clears it. */
const statusNote = z.string().trim().max(500).optional();

export const RefusalSchema = z.object({ reason: z.enum(REFUSAL_REASONS), note: statusNote }).openapi('ReferralRefusal');

export const CancelSchema = z.object({ reason: z.enum(CANCELLATION_REASONS), note: statusNote }).openapi('ReferralCancel');

export const AllocationCreateSchema = z
  .object({
    device: recordId,
    referral: recordId,
    /** Euros, up to the cents. */
    price: numberInRange(
      { min: 0, max: 10_000, cents: true, unit: '€' },
      'Prix solidaire attendu en euros, de 0 à 10\u00a0000\u00a0€, au centime près (par exemple 89,90).',
    ),
  })
  .openapi('AllocationCreate');

export const BeneficiaryFilterSchema = z.object({
  q: z.string().trim().max(80).optional(),
  id: oneOrMany(recordId).optional(),
  territory: z.string().max(120).optional(),
});

export const ReferralFilterSchema = z.object({
  status: oneOrMany(z.enum(REFERRAL_STATUSES)).optional(),
  beneficiary: recordId.optional(),
  need: oneOrMany(z.enum(DEVICE_TYPES)).optional(),
  q: z.string().trim().max(80).optional(),
  territory: z.string().max(120).optional(),
  id: oneOrMany(recordId).optional(),
});
