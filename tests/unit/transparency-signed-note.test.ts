import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointText, generateSignerKey, openNote, parseCheckpointText, parseSignerKey, parseVerifierKey, signNote, verifierKey } from '../../api/transparency/signed-note.js';

const example = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/go-sumdb-note-example.json'), 'utf8')) as { signerKey: string; verifierKey: string; text: string; note: string };

describe('C2SP signed notes (Ed25519), against Go’s sumdb/note example', () => {
  it('signs the example text byte for byte as Go does, and derives the same verifier key', () => {
    const signer = parseSignerKey(example.signerKey);
    expect(verifierKey(signer)).toBe(example.verifierKey);
    expect(signNote(example.text, signer)).toBe(example.note);
  });

  it('opens the example note with the verifier key, and refuses an altered text, signature or key', () => {
    const verifier = parseVerifierKey(example.verifierKey);
    expect(openNote(example.note, verifier)).toBe(example.text);
    expect(() => openNote(example.note.replace('problem,', 'problem;'), verifier)).toThrow(/signature invalide/);
    expect(() => openNote(example.note.replace('x08go', 'x08gp'), verifier)).toThrow();
    const other = parseVerifierKey(verifierKey(parseSignerKey(generateSignerKey('PeterNeumann'))));
    expect(() => openNote(example.note, other)).toThrow(/aucune signature/);
    expect(() => parseVerifierKey(example.verifierKey.replace('c74f20a3', 'c74f20a4'))).toThrow(/identifiant/);
  });

  it('writes and reads a checkpoint: origin, size, base64 root, then its time', () => {
    const signer = parseSignerKey(generateSignerKey('reemploi.example/custody'));
    const checkpoint = { origin: 'reemploi.example/custody', size: 42, rootHash: Buffer.alloc(32, 7), time: '2026-12-07T01:00:00.000Z' };
    const note = signNote(checkpointText(checkpoint), signer);
    expect(note.split('\n').slice(0, 5)).toEqual(['reemploi.example/custody', '42', Buffer.alloc(32, 7).toString('base64'), 'time 2026-12-07T01:00:00.000Z', '']);
    expect(note).toMatch(/\n— reemploi\.example\/custody [A-Za-z0-9+/]+=*\n$/);
    expect(parseCheckpointText(openNote(note, parseVerifierKey(verifierKey(signer))))).toEqual(checkpoint);
  });
});
