import { Router } from 'express';
import { z } from '../core/zod.js';
import type { AppContext } from '../core/context.js';
import { currentUser } from '../core/auth.js';
import { AppError, invalid, notFound } from '../core/errors.js';
import { route } from '../core/routes.js';
import { parseId } from '../core/validation.js';
import { Device } from '../devices/device.entity.js';
import { assertVisible } from '../devices/device-scope.js';
import { ENTRY_KINDS } from './entries.js';
import { findIssuedDocument, ISSUED_DOCUMENT_KINDS } from './issued-documents.js';
import { parseCheckpointText } from './signed-note.js';
import {
  checkpointsFrom, inclusionOf, latestCheckpoint, leavesOf, logTree, publicKeyOf, recordsNow, signerOf, treeSize, unloggedRecords, type CheckpointRow,
} from './transparency-log.js';

const base64 = (hash: Buffer) => hash.toString('base64');
const Hash = z.string().describe('SHA-256, base64');

const CheckpointSchema = z
  .object({
    id: z.number().describe('Numéro du point de contrôle'),
    origin: z.string(),
    treeSize: z.number(),
    rootHash: Hash,
    signedAt: z.string(),
    keyId: z.string(),
    note: z.string().describe('Le point de contrôle signé, au format C2SP signed-note / tlog-checkpoint'),
  })
  .openapi('TransparencyCheckpoint');

const LeafSchema = z
  .object({
    index: z.number(),
    kind: z.enum(ENTRY_KINDS),
    recordId: z.number(),
    entry: z.string().describe('JSON canonique (RFC 8785) haché dans la feuille'),
    current: z.string().nullable().describe("L'entrée reconstruite de l'enregistrement tel que la base le contient maintenant ; null s'il a disparu"),
  })
  .openapi('TransparencyLeaf');

const UnloggedSchema = z.object({ kind: z.enum(ENTRY_KINDS), recordId: z.number(), entry: z.string() }).openapi('TransparencyUnloggedRecord');

const CustodyProofSchema = z
  .object({
    device: z.object({ id: z.number(), assetTag: z.string() }),
    checkpoint: CheckpointSchema.nullable(),
    leaves: z.array(LeafSchema.extend({ leafHash: Hash, proof: z.array(Hash).nullable().describe('null : feuille ajoutée après le dernier point de contrôle') })),
    unlogged: z.array(UnloggedSchema),
  })
  .openapi('CustodyProof');
/** The answer of GET /devices/:id/custody-proof, for the back office (`import type`). */
export type CustodyProof = z.infer<typeof CustodyProofSchema>;

const IssuedDocumentSchema = z
  .object({
    sha256: z.string().describe('SHA-256 du fichier, hexadécimal'),
    kind: z.enum(ISSUED_DOCUMENT_KINDS),
    reference: z.string().describe('Numéro du certificat ou référence du lot'),
    issuedAt: z.string(),
    leafIndex: z.number().nullable(),
    entry: z.string().nullable().describe('JSON canonique (RFC 8785) haché dans la feuille'),
    inclusion: z
      .object({
        leafIndex: z.number(),
        checkpoint: z.object({ id: z.number(), treeSize: z.number(), rootHash: Hash, signedAt: z.string() }),
        proof: z.array(Hash),
      })
      .nullable()
      .describe('null : pas encore dans un point de contrôle signé'),
  })
  .openapi('IssuedDocument');

const count = (max: number) => z.coerce.number().int().min(1).max(max);
const index = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

function serializeCheckpoint(checkpoint: CheckpointRow) {
  const body = parseCheckpointText(checkpoint.note.slice(0, checkpoint.note.lastIndexOf('\n\n') + 1));
  return {
    id: checkpoint.id,
    origin: body.origin,
    treeSize: checkpoint.size,
    rootHash: base64(checkpoint.rootHash),
    signedAt: checkpoint.signedAt.toISOString(),
    keyId: checkpoint.keyId,
    note: checkpoint.note,
  };
}

const outOfTree = (message: string) => new AppError(422, 'OUT_OF_TREE', message);

/**
 * The public side of the transparency log (issue #16): anyone, without signing in, reads the
 * signed checkpoints, the public key, the proofs and the entries, and checks them with RFC 9162
 * and Ed25519 alone. Entries hold no personal data.
 */
export function publicTransparencyRoutes(ctx: AppContext): Router {
  const router = Router();
  const tag = 'Journal de transparence';
  const signer = signerOf(ctx.config);

  route(
    router,
    { method: 'get', path: '/transparency/checkpoint', operationId: 'getLatestCheckpoint', access: 'public', errors: [404], summary: 'Dernier point de contrôle signé (taille, racine, date, signature Ed25519)', tag, response: CheckpointSchema },
    async (_req, res) => {
      const checkpoint = await latestCheckpoint(ctx.em());
      if (!checkpoint) throw new AppError(404, 'NO_CHECKPOINT', "Aucun point de contrôle n'a encore été signé.");
      res.json(serializeCheckpoint(checkpoint));
    },
  );

  route(
    router,
    {
      method: 'get', path: '/transparency/checkpoints', operationId: 'listCheckpoints', access: 'public',
      summary: 'Historique des points de contrôle signés, à partir du numéro `from` (1000 au plus)', tag,
      query: z.object({ from: index.default(1), count: count(1000).default(1000) }), response: z.array(CheckpointSchema),
    },
    async (_req, res, { query }) => {
      res.json((await checkpointsFrom(ctx.em(), query.from, query.count)).map(serializeCheckpoint));
    },
  );

  route(
    router,
    {
      method: 'get', path: '/transparency/key', operationId: 'getTransparencyKey', access: 'public', errors: [404],
      summary: 'Clé publique Ed25519 des points de contrôle (format de clé de vérification signed-note)', tag,
      response: z.object({ origin: z.string(), algorithm: z.literal('Ed25519'), verifierKey: z.string(), publicKey: z.string().describe('32 octets, base64') }).openapi('TransparencyKey'),
    },
    async (_req, res) => {
      // no key configured (production without TRANSPARENCY_SIGNING_KEY): there is no key to publish
      if (!signer) throw new AppError(404, 'NO_SIGNING_KEY', "Aucune clé de signature n'est configurée (TRANSPARENCY_SIGNING_KEY).");
      res.json({ origin: ctx.config.transparencyOrigin, algorithm: 'Ed25519' as const, verifierKey: publicKeyOf(signer), publicKey: base64(signer.publicKey) });
    },
  );

  route(
    router,
    {
      method: 'get', path: '/transparency/proof/inclusion', operationId: 'getInclusionProof', access: 'public', errors: [422],
      summary: "Preuve d'inclusion de la feuille `leaf` dans l'arbre de taille `size` (RFC 9162 §2.1.3)", tag,
      query: z.object({ leaf: index, size: index }),
      response: z.object({ leafIndex: z.number(), treeSize: z.number(), leafHash: Hash, entry: z.string(), proof: z.array(Hash) }).openapi('InclusionProof'),
    },
    async (_req, res, { query }) => {
      if (query.size > (await treeSize(ctx.em()))) throw outOfTree(`L'arbre n'a pas encore ${query.size} feuilles.`);
      if (query.leaf >= query.size) throw outOfTree(`La feuille ${query.leaf} n'est pas dans un arbre de taille ${query.size}.`);
      const proof = await logTree(ctx.em(), query.size).inclusionProof(query.leaf);
      const [leaf] = await leavesOf(ctx.em(), { from: query.leaf, count: 1 });
      res.json({ leafIndex: query.leaf, treeSize: query.size, leafHash: base64(leaf.leafHash), entry: leaf.entry, proof: proof.map(base64) });
    },
  );

  route(
    router,
    {
      method: 'get', path: '/transparency/proof/consistency', operationId: 'getConsistencyProof', access: 'public', errors: [422],
      summary: "Preuve de cohérence entre l'arbre de taille `from` et celui de taille `to` (RFC 9162 §2.1.4)", tag,
      query: z.object({ from: index.pipe(z.number().min(1)), to: index }),
      response: z.object({ from: z.number(), to: z.number(), proof: z.array(Hash) }).openapi('ConsistencyProof'),
    },
    async (_req, res, { query }) => {
      if (query.to > (await treeSize(ctx.em()))) throw outOfTree(`L'arbre n'a pas encore ${query.to} feuilles.`);
      if (query.from > query.to) throw outOfTree('`from` doit être inférieur ou égal à `to`.');
      const proof = await logTree(ctx.em(), query.to).consistencyProof(query.from);
      res.json({ from: query.from, to: query.to, proof: proof.map(base64) });
    },
  );

  route(
    router,
    {
      method: 'get', path: '/transparency/leaves', operationId: 'listLeaves', access: 'public',
      summary: "Feuilles du journal à partir de l'index `from` (5000 au plus), chacune avec l'entrée de son enregistrement tel qu'il est maintenant", tag,
      query: z.object({ from: index.default(0), count: count(5000).default(5000) }), response: z.array(LeafSchema),
    },
    async (_req, res, { query }) => {
      const leaves = await leavesOf(ctx.em(), { from: query.from, count: query.count });
      const now = await recordsNow(ctx.em(), leaves);
      res.json(leaves.map((leaf) => ({ index: leaf.index, kind: leaf.kind, recordId: leaf.recordId, entry: leaf.entry, current: now.get(`${leaf.kind}:${leaf.recordId}`) ?? null })));
    },
  );

  route(
    router,
    {
      method: 'get', path: '/transparency/documents/:hash', operationId: 'getIssuedDocument', access: 'public', errors: [404],
      summary: "Ce document PDF (désigné par l'empreinte SHA-256 de ses octets, en hexadécimal) a-t-il été émis par le serveur, quand, et sa preuve d'inclusion dans le dernier point de contrôle signé", tag,
      response: IssuedDocumentSchema,
    },
    async (req, res) => {
      const hex = String(req.params.hash).toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(hex)) throw invalid("L'empreinte doit être un SHA-256 en hexadécimal (64 caractères).");
      const document = await findIssuedDocument(ctx.em(), Buffer.from(hex, 'hex'));
      if (!document) throw new AppError(404, 'UNKNOWN_DOCUMENT', "Ce document n'a pas été émis par ce serveur (ou il a été modifié depuis).");
      const [leaf] = await ctx.em().getConnection().execute<{ leaf_index: string; entry: string }[]>(`select leaf_index, entry from transparency_leaves where kind = 'document' and record_id = ?`, [document.id]);
      res.json({
        sha256: hex,
        kind: document.kind,
        reference: document.reference,
        issuedAt: document.issuedAt.toISOString(),
        leafIndex: leaf ? Number(leaf.leaf_index) : null,
        entry: leaf?.entry ?? null,
        inclusion: await inclusionOf(ctx.em(), 'document', document.id),
      });
    },
  );

  route(
    router,
    { method: 'get', path: '/transparency/unlogged', operationId: 'listUnloggedRecords', access: 'public', summary: "Enregistrements qui n'ont pas de feuille (1000 au plus) : il ne doit y en avoir aucun", tag, response: z.array(UnloggedSchema) },
    async (_req, res) => {
      res.json(await unloggedRecords(ctx.em()));
    },
  );
  return router;
}

/** A device's history with its proofs: for the roles that may read the device. */
export function custodyProofRoutes(ctx: AppContext): Router {
  const router = Router();
  route(
    router,
    {
      method: 'get', path: '/devices/:id/custody-proof', operationId: 'getCustodyProof', access: { action: 'show', resource: 'devices' },
      summary: "Historique vérifiable d'un appareil : chaque feuille du journal, son entrée et sa preuve d'inclusion dans le dernier point de contrôle signé", tag: 'Journal de transparence',
      response: CustodyProofSchema,
    },
    async (req, res) => {
      const device = await ctx.em().findOne(Device, parseId(req));
      if (!device) throw notFound('Appareil');
      await assertVisible(ctx.em(), device, currentUser(req));
      const checkpoint = await latestCheckpoint(ctx.em());
      const leaves = await leavesOf(ctx.em(), { deviceId: device.id });
      const proven = checkpoint ? leaves.filter((leaf) => leaf.index < checkpoint.size) : [];
      const proofs = checkpoint ? await logTree(ctx.em(), checkpoint.size).inclusionProofs(proven.map((leaf) => leaf.index)) : [];
      const proofOf = new Map(proven.map((leaf, i) => [leaf.index, proofs[i].map(base64)]));
      const now = await recordsNow(ctx.em(), leaves);
      res.json({
        device: { id: device.id, assetTag: device.assetTag },
        checkpoint: checkpoint ? serializeCheckpoint(checkpoint) : null,
        leaves: leaves.map((leaf) => ({
          index: leaf.index,
          kind: leaf.kind,
          recordId: leaf.recordId,
          entry: leaf.entry,
          current: now.get(`${leaf.kind}:${leaf.recordId}`) ?? null,
          leafHash: base64(leaf.leafHash),
          proof: proofOf.get(leaf.index) ?? null,
        })),
        unlogged: await unloggedRecords(ctx.em(), device.id),
      });
    },
  );
  return router;
}
