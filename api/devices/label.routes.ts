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

export const MAX_LABELS_PER_PDF = 1000;

const LabelsQuery = z.object({
  ids: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'liste d’identifiants séparés par des virgules, ex. 1,2,3')
    .transform((value) => [...new Set(value.split(',').map(Number))])
    .refine((ids) => ids.length <= MAX_LABELS_PER_PDF, `au plus ${MAX_LABELS_PER_PDF} étiquettes par planche`),
});

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

  route(
    router,
    {
      method: 'get',
      path: '/labels.pdf', operationId: 'printLabelSheet', access: { action: 'show', resource: 'labels' },
      summary: 'Planche A4 d’étiquettes 3 × 8 (70 × 37 mm) à taille réelle ; enregistre la date d’impression',
      tag,
      query: LabelsQuery,
      produces: ['application/pdf'],
    },
    async (req, res, { query }) => {
      const devices = await ctx.em().find(Device, { id: { $in: query.ids } });
      const missing = query.ids.filter((id) => !devices.some((device) => device.id === id));
      if (missing.length) throw invalid(`${byCount(missing.length, 'Appareil introuvable', 'Appareils introuvables')} : ${missing.join(', ')}.`, { missing });
      const ordered = query.ids.map((id) => devices.find((device) => device.id === id)!);
      await markLabelsPrinted(ctx.em(), ordered, currentUser(req));
      res.type('application/pdf').set('Content-Disposition', 'inline; filename="etiquettes-reemploi.pdf"');
      labelsPdf(ordered).pipe(res);
    },
  );

  return router;
}
