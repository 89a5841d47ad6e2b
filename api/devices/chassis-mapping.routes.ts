import { Router } from 'express';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { conflict } from '../core/errors.js';
import { route } from '../core/routes.js';
import { auditAction } from '../admin-log/admin-log.js';
import { builtInChassisType, lookupKey } from './chassis-types.js';
import { TYPE_LABELS } from './device-names.js';
import { DEVICE_TYPES, type DeviceType } from './lifecycle.js';

const LABEL_MESSAGE = 'Indiquez la valeur de la colonne « Type » telle que le fichier l’écrit (1 à 120 caractères, au moins une lettre ou un chiffre).';
const TYPE_MESSAGE = `Type d’appareil attendu : ${DEVICE_TYPES.map((type) => TYPE_LABELS[type].toLowerCase()).join(', ')}.`;

const ChassisMappingSchema = z
  .object({
    label: z.string({ error: LABEL_MESSAGE }).trim().min(1, { error: LABEL_MESSAGE }).max(120, { error: LABEL_MESSAGE }).refine((label) => lookupKey(label).length > 0, { error: LABEL_MESSAGE }),
    deviceType: z.enum(DEVICE_TYPES, { error: TYPE_MESSAGE }),
  })
  .openapi('ChassisMappingInput');

interface MappingRow {
  id: number;
  label: string;
  device_type: DeviceType;
  created_by: number;
  updated_at: Date;
}

const serialize = (row: MappingRow) => ({ id: row.id, label: row.label, deviceType: row.device_type, createdBy: row.created_by, updatedAt: row.updated_at });

/**
 * The « Type » values an admin mapped to a device type, from the import report: read with the
 * built-in table by the device import and the GLPI inventory import (chassis-types.ts).
 */
export function chassisMappingRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Import';

  route(
    router,
    { method: 'get', path: '/chassis-mappings', operationId: 'listChassisMappings', access: { action: 'list', resource: 'chassis-mappings' }, summary: 'Valeurs de « Type » associées à un type d’appareil par un administrateur (en plus de la table intégrée)', tag },
    async (_req, res) => {
      const rows = await ctx.em().execute<MappingRow[]>('select id, label, device_type, created_by, updated_at from chassis_type_mappings order by label');
      res.json(rows.map(serialize));
    },
  );

  route(
    router,
    {
      method: 'post', path: '/chassis-mappings', operationId: 'saveChassisMapping', access: { action: 'create', resource: 'chassis-mappings' }, errors: [409],
      summary: 'Associer une valeur de « Type » inconnue des imports à un type d’appareil (une valeur déjà associée change de type) ; 409 si la table intégrée la connaît déjà',
      tag,
      body: ChassisMappingSchema,
    },
    async (req, res, { body }) => {
      const builtIn = builtInChassisType(body.label);
      if (builtIn) {
        throw conflict('CHASSIS_TYPE_BUILT_IN', `« ${body.label} » est déjà reconnu : ${TYPE_LABELS[builtIn].toLowerCase()}.`, { label: body.label, deviceType: builtIn });
      }
      const actor = currentUser(req);
      const saved = await ctx.em().transactional(async (tx) => {
        const [previous] = await tx.execute<{ device_type: DeviceType }[]>('select device_type from chassis_type_mappings where key = ?', [lookupKey(body.label)]);
        const [row] = await tx.execute<MappingRow[]>(
          `insert into chassis_type_mappings (key, label, device_type, created_by) values (?, ?, ?, ?)
           on conflict (key) do update set label = excluded.label, device_type = excluded.device_type, updated_at = now()
           returning id, label, device_type, created_by, updated_at`,
          [lookupKey(body.label), body.label, body.deviceType, actor.id],
        );
        auditAction(tx, {
          action: 'chassis_mapping_saved',
          actor,
          targetType: 'chassis-mappings',
          targetId: row.id,
          details: { label: body.label, deviceType: body.deviceType, previous: previous?.device_type ?? null },
        });
        return row;
      });
      res.json(serialize(saved));
    },
  );
  return router;
}
