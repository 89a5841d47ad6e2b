import { readFileSync } from 'node:fs';
import path from 'node:path';
import { invalid } from '../core/errors.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
const MIN_DISTINCT_CHARACTERS = 5;
/** Shorter parts of an e-mail address ("jo" in jo.martin@…) are too common to forbid. */
const MIN_EMAIL_PART_LENGTH = 4;

/** The rule in one sentence, as the API documents it and the back office shows it. */
export const PASSWORD_RULE =
  `au moins ${PASSWORD_MIN_LENGTH} caractères dont ${MIN_DISTINCT_CHARACTERS} différents, sans reprendre l'adresse e-mail du compte ` +
  'et sans être un mot de passe courant (même suivi de chiffres ou de symboles)';

const LIST_DIRECTORY = path.join(import.meta.dirname, 'common-passwords');
const LIST_FILES = ['xato-top-1000.txt', 'richelieu-french-top-1000.txt'];

let commonPasswords: Set<string> | undefined;

/** The committed lists (see common-passwords/README.md), lower-cased, read once. */
export function commonPasswordList(): Set<string> {
  commonPasswords ??= new Set(
    LIST_FILES.flatMap((file) => readFileSync(path.join(LIST_DIRECTORY, file), 'utf8').split(/\r?\n/))
      .map((line) => line.trim().toLowerCase())
      .filter(Boolean),
  );
  return commonPasswords;
}

const normalise = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * A listed password, alone or with digits, spaces or symbols before or after it
 * ("motdepasse2024!", "2024azerty", "1q2w3e4r5t!!"): every way of trimming the non-letters at
 * both ends is tried, so a listed password that itself ends in digits is still found.
 */
function isCommon(password: string): boolean {
  const list = commonPasswordList();
  const lower = normalise(password);
  const leading = /^[^\p{L}]*/u.exec(lower)![0].length;
  const trailing = /[^\p{L}]*$/u.exec(lower)![0].length;
  for (let start = 0; start <= leading; start++) {
    for (let end = lower.length; end >= Math.max(start, lower.length - trailing); end--) {
      const candidate = lower.slice(start, end);
      if (candidate.length >= 4 && list.has(candidate)) return true;
    }
  }
  return false;
}

/** "jean-paul.dupont+reemploi@lenord.fr" → ["jean-paul.dupont+reemploi", "jean", "paul", "dupont", "reemploi"]. */
function emailWords(email: string): string[] {
  const local = normalise(email.split('@')[0] ?? '');
  const parts = local.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length >= MIN_EMAIL_PART_LENGTH);
  return [...new Set([local, ...parts])].filter((word) => word.length >= 3);
}

/**
 * Every rule a new password breaks, each as a French sentence the user can act on; empty when
 * the password is acceptable. The order is the order a person fixes them in.
 */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(`Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères (${password.length} saisis) : une phrase de quelques mots est plus facile à retenir.`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`Le mot de passe ne peut pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`);
  if (new Set(password).size < MIN_DISTINCT_CHARACTERS) {
    problems.push(`Le mot de passe doit contenir au moins ${MIN_DISTINCT_CHARACTERS} caractères différents.`);
  }
  const found = email ? emailWords(email).find((word) => normalise(password).includes(word)) : undefined;
  if (found) problems.push(`Le mot de passe ne doit pas reprendre l'adresse e-mail du compte (il contient « ${found} »).`);
  if (isCommon(password)) {
    problems.push('Ce mot de passe fait partie des plus courants (seul ou entouré de chiffres ou de symboles) : il serait deviné parmi les premiers. Choisissez-en un autre.');
  }
  return problems;
}

/** Throws a 400 in the documented shape, one detail per broken rule, on the form field `field`. */
export function assertPasswordPolicy(password: string, email: string, field = 'password'): void {
  const problems = passwordProblems(password, email);
  if (problems.length) {
    throw invalid(`Mot de passe refusé : ${problems.join(' ')} Règle : ${PASSWORD_RULE}.`, problems.map((message) => ({ path: field, message })));
  }
}
