import { Router } from 'express';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { invalid, notFound } from '../core/errors.js';
import { route } from '../core/routes.js';
import { parseId } from '../core/validation.js';
import { Device } from './device.entity.js';
import { markLabelsPrinted } from './device.service.js';
import { labelPng, labelSvg, labelsPdf } from './label-layout.js';
import { byCount } from '../core/french.js';
import { DEFAULT_LABEL_PROFILE, findLabelProfile, LABEL_PROFILE_IDS, LABEL_PROFILES, labelsPerSheet, SYMBOLOGIES, type LabelProfile, type ThermalProfile } from './label-profiles.js';
import { thermalLabelsPdf } from './label-thermal.js';
import { labelsZpl } from './label-zpl.js';

export const MAX_LABELS_PER_PDF = 1000;

const LabelsQuery = z.object({
  ids: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'liste d’identifiants séparés par des virgules, ex. 1,2,3')
    .transform((value) => [...new Set(value.split(',').map(Number))])
    .refine((ids) => ids.length <= MAX_LABELS_PER_PDF, `au plus ${MAX_LABELS_PER_PDF} étiquettes par planche`),
  profile: z.enum(LABEL_PROFILE_IDS).optional().describe('Profil d’étiquette (GET /api/label-profiles) ; par défaut le dernier utilisé'),
  start: z.coerce.number().int().min(0).max(99).optional().describe('Planches A4 : nombre de positions déjà utilisées à laisser vides'),
  symbology: z.enum(SYMBOLOGIES).default('code128').describe('code128, ou qrcode (carré) pour les petits appareils : tous deux portent le numéro d’inventaire'),
});

const LabelProfileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    printer: z.enum(['sheet', 'thermal']),
    dpi: z.number(),
    labelWidthMm: z.number(),
    labelHeightMm: z.number(),
    pageWidthMm: z.number(),
    pageHeightMm: z.number(),
    columns: z.number(),
    rows: z.number(),
  })
  .openapi('LabelProfile');

/** A thermal label's page is the label itself: one column, one row. */
function describeProfile(profile: LabelProfile) {
  const { id, name, printer, dpi, labelWidthMm, labelHeightMm } = profile;
  if (profile.printer === 'thermal') return { id, name, printer, dpi, labelWidthMm, labelHeightMm, pageWidthMm: labelWidthMm, pageHeightMm: labelHeightMm, columns: 1, rows: 1 };
  return { id, name, printer, dpi, labelWidthMm, labelHeightMm, pageWidthMm: profile.pageWidthMm, pageHeightMm: profile.pageHeightMm, columns: profile.columns, rows: profile.rows };
}

export function labelRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Étiquettes';

  async function loadDevice(id: number): Promise<Device> {
    const device = await ctx.em().findOne(Device, { id });
    if (!device) throw notFound('Appareil');
    return device;
  }

  route(
    router,
    { method: 'get', path: '/devices/:id/label.svg', operationId: 'getDeviceLabelSvg', access: { action: 'show', resource: 'labels' }, summary: 'Étiquette (70 × 37 mm) en SVG', tag, produces: ['image/svg+xml'] },
    async (req, res) => {
      const device = await loadDevice(parseId(req));
      res.type('image/svg+xml').set('Content-Disposition', `inline; filename="${device.assetTag}.svg"`).send(labelSvg(device));
    },
  );

  route(
    router,
    { method: 'get', path: '/devices/:id/label.png', operationId: 'getDeviceLabelPng', access: { action: 'show', resource: 'labels' }, summary: 'Code-barres de l’étiquette en PNG (logiciels d’imprimante à étiquettes)', tag, produces: ['image/png'] },
    async (req, res) => {
      const device = await loadDevice(parseId(req));
      res.type('image/png').set('Content-Disposition', `inline; filename="${device.assetTag}.png"`).send(await labelPng(device));
    },
  );

  /** The devices of `ids`, in that order; 400 naming those that do not exist. */
  async function loadDevices(ids: number[]): Promise<Device[]> {
    const devices = await ctx.em().find(Device, { id: { $in: ids } });
    const missing = ids.filter((id) => !devices.some((device) => device.id === id));
    if (missing.length) throw invalid(`${byCount(missing.length, 'Appareil introuvable', 'Appareils introuvables')} : ${missing.join(', ')}.`, { missing });
    return ids.map((id) => devices.find((device) => device.id === id)!);
  }

  /** The profile asked for, else the one this user last printed with, else the A4 sheet of 3 × 8. */
  async function chooseProfile(userId: number, asked: string | undefined): Promise<LabelProfile> {
    if (asked) return findLabelProfile(asked)!;
    const [row] = await ctx.em().execute<{ label_profile: string | null }[]>(`select label_profile from users where id = ?`, [userId]);
    return findLabelProfile(row?.label_profile ?? '') ?? findLabelProfile(DEFAULT_LABEL_PROFILE)!;
  }

  /** Remembered per user (not per site): two people of a depot may print on a sheet and on a roll. */
  async function rememberProfile(userId: number, profile: LabelProfile): Promise<void> {
    await ctx.em().execute(`update users set label_profile = ? where id = ? and label_profile is distinct from ?`, [profile.id, userId, profile.id]);
  }

  route(
    router,
    { method: 'get', path: '/label-profiles', operationId: 'listLabelProfiles', access: { action: 'show', resource: 'labels' }, summary: 'Profils d’étiquettes (planches A4, rouleaux thermiques) et celui que j’ai utilisé en dernier', tag, response: z.object({ current: z.string(), profiles: z.array(LabelProfileSchema) }) },
    async (req, res) => {
      const current = await chooseProfile(currentUser(req).id, undefined);
      res.json({ current: current.id, profiles: LABEL_PROFILES.map(describeProfile) });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/labels.pdf', operationId: 'printLabelSheet', access: { action: 'show', resource: 'labels' },
      summary: 'Étiquettes à taille réelle en PDF : planches A4 (start = positions déjà utilisées) ou une page par étiquette pour les imprimantes thermiques ; enregistre la date d’impression et le profil choisi',
      tag,
      query: LabelsQuery,
      produces: ['application/pdf'],
    },
    async (req, res, { query }) => {
      const user = currentUser(req);
      const profile = await chooseProfile(user.id, query.profile);
      const start = query.start ?? 0;
      if (profile.printer === 'thermal' && start > 0) throw invalid('Le paramètre start ne sert qu’aux planches A4 : une imprimante thermique imprime étiquette après étiquette.');
      if (profile.printer === 'sheet' && start >= labelsPerSheet(profile)) throw invalid(`La planche « ${profile.name} » a ${labelsPerSheet(profile)} positions : start va de 0 à ${labelsPerSheet(profile) - 1}.`);
      const ordered = await loadDevices(query.ids);
      await markLabelsPrinted(ctx.em(), ordered, user);
      await rememberProfile(user.id, profile);
      res.type('application/pdf').set('Content-Disposition', 'inline; filename="etiquettes-reemploi.pdf"');
      const pdf = profile.printer === 'thermal' ? thermalLabelsPdf(ordered, profile, query.symbology) : labelsPdf(ordered, profile, { start, symbology: query.symbology });
      pdf.pipe(res);
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/labels.zpl', operationId: 'printLabelsZpl', access: { action: 'show', resource: 'labels' },
      summary: 'Étiquettes en ZPL pour imprimante Zebra (profil thermique) : un ^XA…^XZ par étiquette ; enregistre la date d’impression',
      tag,
      query: LabelsQuery,
      produces: ['application/zpl'],
    },
    async (req, res, { query }) => {
      const user = currentUser(req);
      const profile = await chooseProfile(user.id, query.profile);
      if (profile.printer !== 'thermal') throw invalid(`Le ZPL est pour les imprimantes thermiques Zebra : choisissez un profil « Rouleau thermique » (et non « ${profile.name} »).`);
      if (query.start) throw invalid('Le paramètre start ne sert qu’aux planches A4 : une imprimante thermique imprime étiquette après étiquette.');
      const ordered = await loadDevices(query.ids);
      await markLabelsPrinted(ctx.em(), ordered, user);
      await rememberProfile(user.id, profile);
      res.type('application/zpl; charset=utf-8').set('Content-Disposition', 'attachment; filename="etiquettes-reemploi.zpl"');
      res.send(labelsZpl(ordered, profile as ThermalProfile, query.symbology));
    },
  );

  return router;
}
