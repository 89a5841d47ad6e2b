import { expect } from 'vitest';
import type { TestApp } from './app.js';

/** Registers a device by hand as the depot technician: a laptop at « Dépôt de test » unless `fields` say otherwise. */
export async function registerDevice(t: TestApp, fields: Record<string, unknown> = {}): Promise<{ id: number; assetTag: string }> {
  const response = await t.http.post('/api/devices').set(await t.auth('it_staff')).send({ type: 'laptop', originSite: 'Dépôt de test', ...fields });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** Registers a device and records at the wiping station that it holds no storage: sanitized at once, ready for a batch. */
export async function registerSanitizedDevice(t: TestApp, fields: Record<string, unknown> = {}): Promise<{ id: number; assetTag: string }> {
  const device = await registerDevice(t, fields);
  const response = await t.http.post(`/api/devices/${device.id}/no-storage`).set(await t.auth('it_staff'));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return device;
}
