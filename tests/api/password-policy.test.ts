import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.js';
import { commonPasswordList, passwordProblems, PASSWORD_RULE } from '../../api/users/password-policy.js';

/**
 * The password policy, the same for an account created by an admin, a password reset by an admin
 * and one's own change: 12 characters at least (5 different), nothing taken from the account's
 * e-mail address, none of the 1,712 distinct most common passwords (English and French lists committed
 * in api/users/common-passwords), even with digits or symbols around it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const GOOD = 'Cheval-de-bois-jaune';

describe('the rules', () => {
  it('refuses every listed password, even padded to 12 characters with digits or symbols before or after it', () => {
    const all = [...commonPasswordList()];
    expect(all.length).toBeGreaterThan(1700);
    // entries under 4 characters ("mar", "123") are refused alone by the length rule; inside a longer password they are just letters
    const list = all.filter((common) => common.length >= 4);
    const pads = ['7', '!', '2024', ' '];
    let tried = 0;
    const accepted: string[] = [];
    for (const common of list) {
      for (const pad of pads) {
        const fill = pad.repeat(Math.ceil(Math.max(0, 12 - common.length) / pad.length) || 1);
        for (const candidate of [common + fill, fill + common, common.toUpperCase() + fill]) {
          tried++;
          if (passwordProblems(candidate).length === 0) accepted.push(candidate);
        }
      }
    }
    console.info(`[password-policy] common passwords in the lists: ${all.length} (${list.length} of 4+ characters); padded variants tried: ${tried}; accepted: ${accepted.length}`);
    expect(accepted).toEqual([]);
  });

  it('names each broken rule in French', () => {
    expect(passwordProblems('court-1')).toEqual([expect.stringMatching(/au moins 12 caractères \(7 saisis\)/)]);
    expect(passwordProblems('abababababababab')).toEqual([expect.stringMatching(/5 caractères différents/)]);
    expect(passwordProblems('motdepasse2024!')).toEqual([expect.stringMatching(/plus courants/)]);
    expect(passwordProblems('2024-Azertyuiop')).toEqual([expect.stringMatching(/plus courants/)]);
    expect(passwordProblems('123456789012')).toEqual([expect.stringMatching(/plus courants/)]);
    expect(passwordProblems('jean.dupont-2026', 'jean.dupont@lenord.fr')).toEqual([expect.stringMatching(/adresse e-mail du compte \(il contient « jean\.dupont »\)/)]);
    expect(passwordProblems('Ferme-DUPONT-59100', 'jean.dupont@lenord.fr')).toEqual([expect.stringMatching(/« dupont »/)]);
    expect(passwordProblems('x'.repeat(201))[0]).toMatch(/200 caractères/);
  });

  it('accepts a long passphrase, short e-mail parts and letters the lists merely contain', () => {
    for (const password of [GOOD, 'Le train de 7h42 part quai B', 'jo-le-taxi-bleu-1988', 'marseillaise-en-do-mineur']) {
      expect(passwordProblems(password, 'jo.martin@lenord.fr'), password).toEqual([]);
    }
  });
});

describe('through the API', () => {
  it('applies to accounts created by an admin, with a 400 naming the field and the broken rule', async () => {
    const admin = await t.auth('admin');
    const create = (password: string) => t.http.post('/api/users').set(admin).send({ email: 'jean.dupont@test.fr', name: 'Jean Dupont', role: 'viewer', password });
    for (const [password, expected] of [
      ['trop-court', /au moins 12 caractères/],
      ['Jean.Dupont-2026', /adresse e-mail/],
      ['azertyuiop123', /plus courants/],
      ['Motdepasse2025!', /plus courants/],
    ] as const) {
      const response = await create(password);
      expect(response.status, password).toBe(400);
      expect(response.body.error.code).toBe('INVALID_INPUT');
      expect(response.body.error.message).toMatch(expected);
      expect(response.body.error.details).toEqual([expect.objectContaining({ path: 'password', message: expect.stringMatching(expected) })]);
      // the e-mail rule needs the account, so the service states it, with the whole rule
      if (password.startsWith('Jean')) expect(response.body.error.message).toBe(`Mot de passe refusé : ${response.body.error.details[0].message} Règle : ${PASSWORD_RULE}.`);
    }
    expect(await t.sql(`select id from users where email = 'jean.dupont@test.fr'`)).toEqual([]);
    const created = await create(GOOD);
    expect(created.status).toBe(201);
    expect((await t.http.post('/api/auth/login').send({ email: 'jean.dupont@test.fr', password: GOOD })).status).toBe(200);
  });

  it('applies to a reset by an admin, against the account’s own e-mail, and changes nothing when refused', async () => {
    const admin = await t.auth('admin');
    const [user] = await t.sql<{ id: number; password_hash: string; token_version: number }>(`select id, password_hash, token_version from users where email = 'jean.dupont@test.fr'`);
    const refused = await t.http.put(`/api/users/${user.id}`).set(admin).send({ password: 'Dupont-Roubaix-59', name: 'Jean-Marc Dupont' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'password', message: expect.stringMatching(/« dupont »/) }]);
    const [after] = await t.sql<{ name: string; password_hash: string; token_version: number }>(`select name, password_hash, token_version from users where id = $1`, [user.id]);
    expect(after).toEqual({ name: 'Jean Dupont', password_hash: user.password_hash, token_version: user.token_version });
    expect((await t.http.put(`/api/users/${user.id}`).set(admin).send({ password: 'Roubaix-sous-la-pluie' })).status).toBe(200);
  });

  it('applies to one’s own change (field newPassword), which must also differ from the current password', async () => {
    const viewer = await t.auth('viewer');
    const change = (newPassword: string, currentPassword = TEST_PASSWORD) => t.http.post('/api/me/password').set(viewer).send({ currentPassword, newPassword });
    const common = await change('iloveyou2026');
    expect(common.status).toBe(400);
    expect(common.body.error.details).toEqual([expect.objectContaining({ path: 'newPassword', message: expect.stringMatching(/plus courants/) })]);
    const own = await change('viewer-du-comite-2026');
    expect(own.body.error.details).toEqual([{ path: 'newPassword', message: expect.stringMatching(/« viewer »/) }]);
    const same = await change(TEST_PASSWORD);
    expect(same.status).toBe(400);
    expect(same.body.error.details).toEqual([{ path: 'newPassword', message: 'identique à l’actuel' }]);
    // a refused change keeps the session open
    expect((await t.http.get('/api/me').set(viewer)).status).toBe(200);
    expect((await change(GOOD)).status).toBe(200);
  });

  it('documents the rule in the OpenAPI document', async () => {
    const document = (await t.http.get('/api/openapi.json')).body;
    const schema = document.paths['/api/users'].post.requestBody.content['application/json'].schema;
    const password = schema.properties?.password ?? document.components.schemas[schema.$ref?.split('/').pop()]?.properties?.password;
    expect(password).toMatchObject({ minLength: 12, description: expect.stringContaining('mot de passe courant') });
  });
});
