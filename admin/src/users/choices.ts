import { ROLES } from '../../../api/core/permissions.js';

export const roleChoices = ROLES.map((id) => ({ id, name: `resources.users.roles.${id}` }));
