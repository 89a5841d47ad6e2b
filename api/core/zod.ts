import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// Every schema may carry OpenAPI metadata (`.openapi(...)`); import `z` from here, not from 'zod'.
extendZodWithOpenApi(z);

export { z };
