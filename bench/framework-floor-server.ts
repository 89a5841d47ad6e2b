import { createSecretKey } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { floorStatements } from './lib/floor-statements.js';

/**
 * The framework's floor (issue #18): the least an Express 5 app on this stack can do for one scan
 * + transition. The same two routes as the API, the bearer token checked with jsonwebtoken, the
 * JSON body parsed by express.json, and the API's own statements (floorStatements) through a pg
 * pool of 10 connections like MikroORM's, answers serialised with res.json. No ORM, no access
 * rules, no validation, no logging, no error shape: what is left of the API's time above this is
 * what Réemploi's own code costs. Started like the app (bench/lib/app-process.ts) with
 * DATABASE_URL, JWT_SECRET, BENCH_PARTNER_ID and BENCH_PARTNER_ORGANISATION.
 */
const env = (name: string) => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
const statements = floorStatements({ id: Number(env('BENCH_PARTNER_ID')), organisation: env('BENCH_PARTNER_ORGANISATION') });
const key = createSecretKey(Buffer.from(env('JWT_SECRET')));
// MikroORM's pool: 10 connections, idle ones closed after 30 s (knex's default), so they stay open between the benchmark's rounds
const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 10, idleTimeoutMillis: 30_000 });

const app = express();
app.use(express.json());
app.use(async (req: Request, res: Response, next: NextFunction) => {
  const token = req.headers.authorization?.split(' ')[1] ?? '';
  let claims: jwt.JwtPayload;
  try {
    claims = jwt.verify(token, key, { algorithms: ['HS256'], issuer: 'reemploi' }) as jwt.JwtPayload;
  } catch {
    res.status(401).end();
    return;
  }
  const { rows } = await pool.query(statements.session(claims.jti!));
  if (!rows[0]?.active || rows[0].revoked) {
    res.status(401).end();
    return;
  }
  next();
});
app.get('/api/scan/:tag', async (req: Request, res: Response) => {
  const { rows } = await pool.query(statements.scan(String(req.params.tag)));
  if (!rows[0]?.organisation_sees) res.status(404).end();
  else res.json({ id: rows[0].id, device: rows[0] });
});
app.post('/api/devices/:id/transitions', async (req: Request, res: Response) => {
  const { rows } = await pool.query(statements.refurbish(Number(req.params.id), Number(req.body.version)));
  if (!rows[0]) res.status(409).end();
  else res.json(rows[0]);
});

const server = app.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
server.keepAliveTimeout = 60_000;
process.on('message', async (message) => {
  if (message !== 'stop') return;
  server.close();
  await pool.end();
  process.exit(0);
});
process.on('disconnect', () => process.exit(0));
