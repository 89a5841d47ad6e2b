import { Router } from 'express';
import type { FilterQuery } from '@mikro-orm/core';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { conflict } from '../core/errors.js';
import { route } from '../core/routes.js';
import { escapeLike, ListQueryDoc, parseListQuery, sendPage } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { logAccess, routeOf, sendPersonalData } from './access-log.js';
import { Beneficiary } from './beneficiary.entity.js';
import { personExportPdf } from './documents.js';
import { BeneficiaryCreateSchema, BeneficiaryFilterSchema, BeneficiaryUpdateSchema } from './referral.schemas.js';
import { createBeneficiary, findBeneficiary, serializeBeneficiary } from './referral.service.js';
import { territoryScope } from './referral-scope.js';
import { erasePerson, exportPersonData } from './rgpd.js';
import { auditAction, auditNow } from '../admin-log/admin-log.js';

/** The persons referred (social workers of the territory, admins), and their RGPD rights (admins). */
export function beneficiaryRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Orientations et attributions';

  // ---- beneficiaries (social workers of the territory, admins) ----
  route(
    router,
    { method: 'get', path: '/beneficiaries', operationId: 'listBeneficiaries', access: { action: 'list', resource: 'beneficiaries' }, summary: 'Bénéficiaires du territoire (chaque lecture est journalisée)', tag, query: ListQueryDoc },
    async (req, res) => {
      const user = currentUser(req);
      const query = parseListQuery(req, { sortFields: ['id', 'lastName', 'firstName', 'createdAt'], defaultSort: ['lastName', 'ASC'], filter: BeneficiaryFilterSchema });
      const where: FilterQuery<Beneficiary> = { ...(query.filter.territory ? { territory: query.filter.territory } : {}), ...territoryScope(user) };
      if (query.filter.id) where.id = { $in: query.filter.id };
      if (query.filter.q) where.$or = [{ lastName: { $ilike: `%${escapeLike(query.filter.q)}%` } }, { firstName: { $ilike: `%${escapeLike(query.filter.q)}%` } }];
      const [rows, total] = await ctx.em().findAndCount(Beneficiary, where, { orderBy: { [query.sortField]: query.sortOrder, id: 'ASC' }, offset: query.offset, limit: query.limit });
      await logAccess(ctx.em(), user, rows.map((row) => row.id), routeOf(req), 'liste des bénéficiaires');
      sendPage(res, 'beneficiaries', query.offset, rows.map(serializeBeneficiary), total);
    },
  );

  route(router, { method: 'get', path: '/beneficiaries/:id', operationId: 'getBeneficiary', access: { action: 'show', resource: 'beneficiaries' }, summary: 'Voir un bénéficiaire', tag }, async (req, res) => {
    const user = currentUser(req);
    const beneficiary = await findBeneficiary(ctx.em(), parseId(req), user);
    await sendPersonalData(ctx.em(), req, res, beneficiary.id, 'fiche du bénéficiaire', serializeBeneficiary(beneficiary));
  });

  route(router, { method: 'post', path: '/beneficiaries', operationId: 'createBeneficiary', access: { action: 'create', resource: 'beneficiaries' }, status: 201, errors: [409], summary: 'Enregistrer une personne (consentement obligatoire)', tag, body: BeneficiaryCreateSchema }, async (req, res, { body }) => {
    const beneficiary = await createBeneficiary(ctx.em(), body, currentUser(req));
    await ctx.em().flush();
    res.status(201).json(serializeBeneficiary(beneficiary));
  });

  route(router, { method: 'put', path: '/beneficiaries/:id', operationId: 'updateBeneficiary', access: { action: 'edit', resource: 'beneficiaries' }, errors: [409], summary: 'Rectifier les données d’une personne', tag, body: BeneficiaryUpdateSchema }, async (req, res, { body }) => {
    const em = ctx.em();
    const beneficiary = await findBeneficiary(em, parseId(req), currentUser(req));
    if (beneficiary.anonymisedAt) throw conflict('BENEFICIARY_ANONYMISED', 'Cette personne a été anonymisée.');
    if (beneficiary.version !== body.version) throw conflict('CONCURRENT_CHANGE', "Quelqu'un a modifié cette fiche entre-temps : rechargez la page.");
    const { version: _version, ...fields } = body;
    const record = beneficiary as Record<string, unknown>;
    const changed = Object.entries(fields).filter(([key, value]) => value !== undefined && record[key] !== value);
    // a rectification that changes nothing is no activity: the retention clock does not restart
    if (changed.length) {
      for (const [key, value] of changed) record[key] = value;
      beneficiary.lastActivityAt = new Date();
      await em.flush();
    }
    await sendPersonalData(em, req, res, beneficiary.id, changed.length ? 'rectification' : 'rectification sans changement', serializeBeneficiary(beneficiary));
  });

  route(router, { method: 'delete', path: '/beneficiaries/:id', operationId: 'deleteBeneficiary', access: { action: 'edit', resource: 'beneficiaries' }, errors: [409], summary: "Refusé : l'effacement se fait par POST /beneficiaries/:id/erase (administrateur)", tag }, async (req) => {
    await findBeneficiary(ctx.em(), parseId(req), currentUser(req));
    throw conflict('NOT_DELETABLE', "Une personne ne se supprime pas : un administrateur peut effacer son identité (droit à l'effacement) sans fausser les statistiques.");
  });

  route(router, { method: 'get', path: '/beneficiaries/:id/export.json', operationId: 'exportBeneficiaryJson', access: { action: 'show', resource: 'rgpd' }, summary: "Droit d'accès : tout ce qui est détenu sur la personne (JSON)", tag: 'RGPD' }, async (req, res) => {
    const user = currentUser(req);
    const beneficiary = await findBeneficiary(ctx.em(), parseId(req), user);
    await logAccess(ctx.em(), user, [beneficiary.id], routeOf(req), "droit d'accès");
    await auditNow(ctx.em(), { action: 'person_exported', actor: user, targetType: 'beneficiaries', targetId: beneficiary.id, details: { format: 'json' } });
    res.set('Content-Disposition', `attachment; filename="donnees-personne-${beneficiary.id}.json"`).json(await exportPersonData(ctx.em(), beneficiary));
  });

  route(router, { method: 'get', path: '/beneficiaries/:id/export.pdf', operationId: 'exportBeneficiaryPdf', access: { action: 'show', resource: 'rgpd' }, summary: "Droit d'accès : tout ce qui est détenu sur la personne (PDF)", tag: 'RGPD', produces: ['application/pdf'] }, async (req, res) => {
    const user = currentUser(req);
    const beneficiary = await findBeneficiary(ctx.em(), parseId(req), user);
    await logAccess(ctx.em(), user, [beneficiary.id], routeOf(req), "droit d'accès");
    await auditNow(ctx.em(), { action: 'person_exported', actor: user, targetType: 'beneficiaries', targetId: beneficiary.id, details: { format: 'pdf' } });
    res.type('application/pdf').set('Content-Disposition', `attachment; filename="donnees-personne-${beneficiary.id}.pdf"`);
    personExportPdf(await exportPersonData(ctx.em(), beneficiary)).pipe(res);
  });

  route(router, { method: 'post', path: '/beneficiaries/:id/erase', operationId: 'eraseBeneficiary', access: { action: 'edit', resource: 'rgpd' }, errors: [409], summary: "Droit à l'effacement : l'identité est supprimée, les statistiques restent", tag: 'RGPD' }, async (req, res) => {
    // the identity, the notes, the notices and the e-mails together, or nothing
    const beneficiary = await ctx.em().transactional(async (em) => {
      const found = await findBeneficiary(em, parseId(req), currentUser(req));
      auditAction(em, { action: 'person_erased', actor: currentUser(req), targetType: 'beneficiaries', targetId: found.id, details: { alreadyAnonymised: !!found.anonymisedAt } });
      if (!found.anonymisedAt) await erasePerson(em, found);
      return found;
    });
    res.json(serializeBeneficiary(beneficiary));
  });

  return router;
}
