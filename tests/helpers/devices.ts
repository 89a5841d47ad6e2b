import { expect } from 'vitest';
import type { TestApp } from './app.js';

/** Registers a device by hand as the depot technician: a laptop at « Dépôt de test » unless `fields` say otherwise. */
export async function registerDevice(t: TestApp, fields: Record<string, unknown> = {}): Promise<{ id: number; assetTag: string }> {
  const response = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: 'Dépôt de test', ...fields });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}
