import { Router, type Request } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { PostgresRateLimitStore } from '../core/rate-limit-store.js';
import { z } from '../core/zod.js';
import type { FilterQuery } from '@mikro-orm/core';
import type { AppContext } from '../core/context.js';
import { currentUser, signToken } from '../core/auth.js';
import { AppError, conflict, notFound } from '../core/errors.js';
import { ROLES } from '../core/permissions.js';
import { route } from '../core/routes.js';
import { escapeLike, ListQueryDoc, parseListQuery, sendPage, oneOrMany } from '../core/simple-rest.js';
import { parseId } from '../core/validation.js';
import { User } from './user.entity.js';
import { changeOwnPassword, checkCredentials, createUser, serializeUser, updateUser } from './user.service.js';
import {
  ChangeOwnPasswordSchema,
  LoginResponseSchema,
  LoginSchema,
  UserCreateSchema,
  UserSchema,
  UserUpdateSchema,
} from './user.schemas.js';

const tooManyAttempts = new AppError(
  429,
  'TOO_MANY_ATTEMPTS',
  'Trop de tentatives de connexion. Patientez 15 minutes ou demandez à un administrateur de réinitialiser votre mot de passe.',
);

/**
 * Failed attempts (answers of 400 and more) in 15 minutes, counted in PostgreSQL so that every
 * instance shares them (the default key is the client's IP); past `limit`, 429.
 */
export function failedAttemptsLimiter(ctx: AppContext, name: string, limit: number, keyGenerator?: (req: Request) => string) {
  return rateLimit({
    windowMs: 15 * 60 * 1000,
    limit,
    skipSuccessfulRequests: true,
    ...(keyGenerator ? { keyGenerator } : {}),
    store: new PostgresRateLimitStore(ctx.orm, name),
    handler: (_req, _res, next) => next(tooManyAttempts),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
  });
}

/** Public routes: login only. */
export function authRoutes(ctx: AppContext): Router {
  const router = Router();
  // Per account (IP + e-mail): slows down guessing one password; per IP: slows down spraying.
  const perAccount = failedAttemptsLimiter(ctx, 'login-account', ctx.config.loginRateLimit, (req) => `${ipKeyGenerator(req.ip ?? '')}|${String(req.body?.email ?? '').trim().toLowerCase()}`);
  const perIp = failedAttemptsLimiter(ctx, 'login-ip', ctx.config.loginRateLimit * 10);

  route(
    router,
    {
      method: 'post',
      path: '/auth/login', operationId: 'login', access: 'public', errors: [401, 429],
      summary: 'Se connecter : renvoie un jeton valable une journée de travail',
      tag: 'Authentification',
      body: LoginSchema,
      response: LoginResponseSchema,
      middleware: [perIp, perAccount],
    },
    async (_req, res, { body }) => {
      const user = await checkCredentials(ctx.em(), body.email, body.password);
      res.json({ token: signToken(ctx.config, user), user: serializeUser(user) });
    },
  );
  return router;
}

const UserFilterSchema = z.object({
  q: z.string().max(100).optional(),
  role: oneOrMany(z.enum(ROLES)).optional(),
  active: z.boolean().optional(),
  territory: z.string().max(120).optional(),
  id: oneOrMany(z.number().int()).optional(),
});

/**
 * Longer than 80 lines on purpose: one `route()` declaration after another, in the order Express
 * tries them; each handler is a few lines.
 */
export function userRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Utilisateurs';

  route(router, { method: 'get', path: '/me', operationId: 'getMe', access: 'signed-in', summary: 'Mon compte', tag, response: UserSchema }, async (req, res) => {
    const user = await ctx.em().findOneOrFail(User, { id: currentUser(req).id });
    res.json({ ...serializeUser(user), emailPreference: user.emailPreference, emailEnabled: !!ctx.config.smtpUrl });
  });

  route(
    router,
    {
      method: 'post',
      path: '/me/password', operationId: 'changeMyPassword', access: 'signed-in', errors: [429],
      summary: 'Changer mon mot de passe (les essais du mot de passe actuel sont limités comme la connexion)',
      tag,
      body: ChangeOwnPasswordSchema,
      response: LoginResponseSchema,
      // a stolen session must not be a way to guess the account's password
      middleware: [failedAttemptsLimiter(ctx, 'password-change', ctx.config.loginRateLimit, (req) => `user:${currentUser(req).id}`)],
    },
    async (req, res, { body }) => {
      const user = await changeOwnPassword(ctx.em(), currentUser(req).id, body.currentPassword, body.newPassword);
      res.json({ token: signToken(ctx.config, user), user: serializeUser(user) });
    },
  );

  route(
    router,
    { method: 'get', path: '/users', operationId: 'listUsers', access: { action: 'list', resource: 'users' }, summary: 'Lister les comptes', tag, query: ListQueryDoc, response: z.array(UserSchema) },
    async (req, res) => {
      const query = parseListQuery(req, {
        sortFields: ['id', 'name', 'email', 'role', 'territory', 'active', 'lastLoginAt', 'createdAt'],
        defaultSort: ['name', 'ASC'],
        filter: UserFilterSchema,
      });
      const where: FilterQuery<User> = {};
      const { q, role, active, territory, id } = query.filter;
      if (q) where.$or = [{ name: { $ilike: `%${escapeLike(q)}%` } }, { email: { $ilike: `%${escapeLike(q)}%` } }];
      if (role) where.role = { $in: role };
      if (active !== undefined) where.active = active;
      if (territory) where.territory = territory;
      if (id) where.id = { $in: id };
      const [users, total] = await ctx.em().findAndCount(User, where, {
        orderBy: { [query.sortField]: query.sortOrder, id: 'ASC' },
        offset: query.offset,
        limit: query.limit,
      });
      sendPage(res, 'users', query.offset, users.map(serializeUser), total);
    },
  );

  route(
    router,
    { method: 'get', path: '/users/:id', operationId: 'getUser', access: { action: 'show', resource: 'users' }, summary: 'Voir un compte', tag, response: UserSchema },
    async (req, res) => {
      const user = await ctx.em().findOne(User, { id: parseId(req) });
      if (!user) throw notFound('Utilisateur');
      res.json(serializeUser(user));
    },
  );

  route(
    router,
    { method: 'post', path: '/users', operationId: 'createUser', access: { action: 'create', resource: 'users' }, status: 201, errors: [409], summary: 'Créer un compte', tag, body: UserCreateSchema, response: UserSchema },
    async (req, res, { body }) => {
      res.status(201).json(serializeUser(await createUser(ctx.em(), body, currentUser(req))));
    },
  );

  route(
    router,
    {
      method: 'put',
      path: '/users/:id', operationId: 'updateUser', access: { action: 'edit', resource: 'users' }, errors: [409],
      summary: 'Modifier un compte : nom, rôle, territoire, désactivation, nouveau mot de passe (révoque ses sessions)',
      tag,
      body: UserUpdateSchema,
      response: UserSchema,
    },
    async (req, res, { body }) => {
      res.json(serializeUser(await updateUser(ctx.em(), parseId(req), body, currentUser(req))));
    },
  );

  route(
    router,
    { method: 'delete', path: '/users/:id', operationId: 'deleteUser', access: { action: 'edit', resource: 'users' }, errors: [409], summary: 'Refusé : un compte se désactive, il ne se supprime pas', tag },
    async (req) => {
      if (!(await ctx.em().count(User, { id: parseId(req) }))) throw notFound('Compte');
      throw conflict('NOT_DELETABLE', "Un compte ne se supprime pas (il signe l'historique des appareils) : désactivez-le.");
    },
  );
  return router;
}
